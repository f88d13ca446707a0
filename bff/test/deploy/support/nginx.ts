import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { renderNginx } from '../../../../deploy/render-nginx.mjs';
import { freePort } from '../../support/free-port.js';

const REPO = resolve(import.meta.dirname, '../../../..');
const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface Nginx {
  /** https://localhost:<port>: the site, /api/ and /widget/ (the certificate is the test one). */
  url: string;
  httpUrl: string;
  accessLog(): Promise<string>;
  accessLogFile: string;
  /** nginx's own error log (level warn and up): an upstream it failed to reach or read says so here. */
  errorLog(): Promise<string>;
  /** The access log, one entry per request, with the BFF address nginx passed it to. */
  requests(): Promise<ProxiedRequest[]>;
  stop(): Promise<void>;
}

/** One access-log line (the wrapper's `upstream` log format). */
export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  /** host:port of the BFF that answered, '' for a file nginx served itself. */
  upstream: string;
}

/** The requests an access log in the `upstream` format records, oldest first. */
export async function readProxiedRequests(file: string): Promise<ProxiedRequest[]> {
  const log = await readFile(file, 'utf8');
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ProxiedRequest);
}

/**
 * Real nginx in the foreground, configured from deploy/nginx.conf rendered exactly as a user renders
 * it, wrapped in a minimal main config (a prefix of its own, logs and temp files under it).
 */
export async function startNginx(options: {
  siteRoot: string;
  bffAddresses: string[];
  tls: { cert: string; key: string };
  /** Ports chosen beforehand (the BFF must know the origin before nginx starts); free ones otherwise. */
  ports?: { https: number; http: number };
}): Promise<Nginx> {
  const dir = await mkdtemp(join(tmpdir(), 'ta-nginx-'));
  await chmod(dir, 0o755);
  const httpsPort = options.ports?.https ?? (await freePort());
  const httpPort = options.ports?.http ?? (await freePort());
  const site = renderNginx(await readFile(join(REPO, 'deploy/nginx.conf'), 'utf8'), {
    SERVER_NAME: 'localhost',
    HTTPS_PORT: String(httpsPort),
    HTTP_PORT: String(httpPort),
    TLS_CERT: options.tls.cert,
    TLS_KEY: options.tls.key,
    SITE_ROOT: options.siteRoot,
    BFF_ADDRESSES: options.bffAddresses.join(','),
  });
  await writeFile(join(dir, 'textbook.conf'), site);
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'])
    await mkdir(join(dir, 'tmp', t), { recursive: true });
  const main = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  log_format upstream escape=json
    '{"method":"$request_method","path":"$request_uri","status":$status,"upstream":"$upstream_addr"}';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  include ${dir}/textbook.conf;
}
`;
  await writeFile(join(dir, 'nginx.conf'), main);
  const child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  // If the test runner dies without its teardown, nginx must not outlive it.
  const killOnExit = () => child.exitCode === null && child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const deadline = Date.now() + 15_000;
  while (!(await accepts(httpsPort))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      process.off('exit', killOnExit);
      const log = await readFile(join(dir, 'error.log'), 'utf8').catch(() => '');
      throw new Error(`nginx did not start:\n${out}\n${log}`);
    }
    await sleep(100);
  }
  return {
    url: `https://localhost:${httpsPort}`,
    httpUrl: `http://localhost:${httpPort}`,
    accessLog: () => readFile(join(dir, 'access.log'), 'utf8'),
    accessLogFile: join(dir, 'access.log'),
    errorLog: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''),
    requests: () => readProxiedRequests(join(dir, 'access.log')),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGQUIT'); // graceful: finish open requests
        await Promise.race([exited, sleep(5_000).then(() => child.kill('SIGKILL'))]);
        await exited;
      }
      process.off('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const run = promisify(execFile);

/** A self-signed certificate for localhost and 127.0.0.1, valid for a day, written into dir. */
export async function makeTestCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const tls = { cert: join(dir, 'localhost.crt'), key: join(dir, 'localhost.key') };
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-keyout',
    tls.key,
    '-out',
    tls.cert,
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return tls;
}
