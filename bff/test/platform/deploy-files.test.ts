import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderNginx } from '../../../deploy/render-nginx.mjs';
import { REPO_ROOT } from '../support/run-command.js';

// Docker and Compose cannot run on this project's machines (no engine, no compose plugin), so the
// files an operator uses are checked for what they promise; CI runs the same layout, nginx config and
// topology without Docker (test/deploy).
const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  ports?: string[];
  expose?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  depends_on?: Record<string, { condition: string }>;
}

const compose = parse(read('deploy/compose.yaml'), { merge: true }) as { services: Record<string, Service> };
const { services } = compose;
/** The ${NAME}s deploy/nginx.conf needs, its explanatory header left out. */
const templateVariables = [
  ...new Set(
    [
      ...read('deploy/nginx.conf')
        .replace(/^(#.*\n)+\n/, '')
        .matchAll(/\$\{([A-Z][A-Z0-9_]*)\}/g),
    ].map((m) => m[1]!),
  ),
];

describe('deploy/compose.yaml', () => {
  it('when parsed, then only the proxy publishes ports: the BFF is reachable through nginx alone', () => {
    const published = Object.entries(services).filter(([, s]) => s.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    expect(services.bff!.expose).toEqual(['8787']);
    expect(services.bff!.environment!.TRUST_PROXY).toBe('true');
  });

  it('when the BFF starts, then it waits for the migration to complete and for healthy PostgreSQL and Qdrant', () => {
    expect(services.bff!.depends_on).toEqual({
      migrate: { condition: 'service_completed_successfully' },
      postgres: { condition: 'service_healthy' },
      qdrant: { condition: 'service_healthy' },
    });
    expect(services.migrate!.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(services.migrate!.command).toEqual(['node', 'dist/migrate.js']);
    expect(services.migrate!.environment!.DATABASE_URL).toBe(services.bff!.environment!.DATABASE_URL);
    expect(services.proxy!.depends_on).toEqual({ bff: { condition: 'service_healthy' } });
  });

  it('when a service fails, then it restarts (the one-shot migration only on failure), and the stateful ones have healthchecks', () => {
    for (const [name, service] of Object.entries(services)) {
      expect(service.restart, name).toBe(name === 'migrate' ? 'on-failure' : 'unless-stopped');
    }
    expect(services.postgres!.healthcheck!.test).toContain('pg_isready');
    expect(String(services.qdrant!.healthcheck!.test)).toContain('/readyz');
  });

  it('when nginx starts, then it renders this repository`s deploy/nginx.conf with every variable it names', () => {
    expect(services.proxy!.volumes).toContain('./nginx.conf:/etc/nginx/templates/default.conf.template:ro');
    expect(templateVariables.length).toBeGreaterThan(3);
    for (const name of templateVariables) expect(services.proxy!.environment, name).toHaveProperty(name);
    expect(services.proxy!.environment!.BFF_ADDRESSES).toBe('bff:8787');
  });
});

describe('deploy/nginx.conf, rendered', () => {
  const env = {
    SERVER_NAME: 'book.example.org',
    HTTPS_PORT: '443',
    HTTP_PORT: '80',
    TLS_CERT: '/etc/ssl/book.crt',
    TLS_KEY: '/etc/ssl/book.key',
    SITE_ROOT: '/srv/textbook/build',
    BFF_ADDRESSES: '10.0.0.1:8787, 10.0.0.2:8787',
  };

  it('when every variable is set, then each is substituted, one upstream server per address, nginx`s own variables kept', () => {
    const out = renderNginx(read('deploy/nginx.conf'), env);
    expect(out).not.toMatch(/\$\{[A-Z]/);
    expect(out).toContain('server 10.0.0.1:8787 ');
    expect(out).toContain('server 10.0.0.2:8787 ');
    expect(out).toContain('listen 443 ssl');
    expect(out).toContain('proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;');
    expect(out).toContain('proxy_set_header X-Forwarded-Proto $scheme;');
    expect(Object.keys(env).sort()).toEqual([...templateVariables].sort());
  });

  it('when a variable is missing, then rendering fails naming it', () => {
    const partial: Record<string, string> = { ...env };
    delete partial.TLS_KEY;
    expect(() => renderNginx(read('deploy/nginx.conf'), partial)).toThrow(/TLS_KEY/);
  });
});

describe('bff/Dockerfile and .dockerignore', () => {
  const dockerfile = read('bff/Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('when built, then the layout comes from deploy/assemble.sh (what CI runs) on a current LTS Node', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:(2[4-9]|[3-9]\d)[.-]/m);
    expect(stages[0]).toContain('RUN sh deploy/assemble.sh /app');
    expect(stages[0]).toContain('pnpm install --frozen-lockfile');
    expect(runtime).toContain('COPY --from=build /app /app');
  });

  it('when run, then node starts the compiled BFF as a non-root user on all interfaces, with /data as a volume and a healthcheck', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^VOLUME \/data$/m);
    expect(runtime).toMatch(/^ENV .*HOST=0\.0\.0\.0/m);
    expect(runtime).toMatch(/^ENV .*DATA_DIR=\/data/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/healthz/m);
    expect(runtime).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
    expect(runtime).not.toMatch(/tsx/);
  });

  it("when run, then node gets the production start's flags (pnpm start:prod) through NODE_OPTIONS", () => {
    const startProd = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts[
      'start:prod'
    ]!;
    const flags = startProd.split(/\s+/).filter((arg) => arg.startsWith('--'));
    expect(startProd).toMatch(/^node (--\S+ )*bff\/dist\/main\.js$/);
    expect(runtime).toMatch(new RegExp(`^ENV NODE_OPTIONS=${flags.join(' ')}$`, 'm'));
  });

  it('when the build context is sent, then installs, builds, data, git and secrets stay out', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['**/node_modules', '**/dist', '**/.data', '.git', '.env'])
      expect(ignored).toContain(entry);
  });
});
