import 'dotenv/config';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import { loadConfig } from '../src/platform/config.js';
import { ConfigError } from '../src/platform/errors.js';
import { reportAppErrors } from '../src/platform/http.js';
import { createLogger } from '../src/platform/logger.js';
import { DirectoryLockedError } from '../src/platform/db/data-dir-lock.js';
import { ingestDocs } from '../src/rag/ingest/ingest.js';
import { formatSummary } from '../src/rag/ingest/cli-args.js';
import { createApp } from '../src/app.js';
import { compose } from '../src/compose.js';
import { bookSite } from './demo-book.js';
import { printOutboxLinks } from './demo-outbox.js';

/**
 * `pnpm demo`: on a fresh clone, build the widget if needed, ingest the sample book (only what
 * changed), start the BFF on the embedded default in this process (one owner for DATA_DIR), serve
 * the demo host page and the sample book's site (where citations link), and print the URLs.
 * DEMO_BOOK_URL: the book is served elsewhere (citations link there; nothing is served on DEMO_BOOK_PORT).
 */
const REPO = resolve(import.meta.dirname, '../..');
const BOOK = join(REPO, 'examples/textbook');
const DEMO = join(REPO, 'examples/demo');
const WIDGET_DIST = join(REPO, 'widget/dist');
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5173);
const BOOK_PORT = Number(process.env.DEMO_BOOK_PORT ?? 3000);
const SERVE_BOOK = !process.env.DEMO_BOOK_URL;
const BOOK_URL = process.env.DEMO_BOOK_URL ?? `http://localhost:${BOOK_PORT}/`;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function buildWidgetIfNeeded(): void {
  const bundle = join(WIDGET_DIST, 'textbook-assistant.iife.js');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(join(REPO, 'widget/src'))) return;
  console.log('Building the widget…');
  const res = spawnSync('pnpm', ['--filter', '@textbook-assistant/widget', 'run', 'build'], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (res.status !== 0) throw new Error('The widget build failed (see above).');
}

async function main(): Promise<void> {
  buildWidgetIfNeeded();
  // The demo page and the book's site call the BFF from their own origins, whatever their ports.
  // Mail links open the demo page, whatever its port.
  process.env.PUBLIC_APP_URL ??= `http://localhost:${DEMO_PORT}/`;
  process.env.CORS_ORIGINS ??= [`http://localhost:${DEMO_PORT}`, new URL(BOOK_URL).origin].join(',');
  const config = loadConfig(process.env);
  const logger = createLogger({ logLevel: process.env.LOG_LEVEL ? config.logLevel : 'warn' });
  const { deps, close } = await compose(config, logger);

  console.log(`Ingesting the sample book from examples/textbook (citations link to ${BOOK_URL})…`);
  const summary = await ingestDocs({
    docsDir: BOOK,
    baseUrl: BOOK_URL,
    embedder: deps.rag.embedder,
    store: deps.rag.store,
  });
  deps.rag.retriever.invalidate();
  console.log(formatSummary(summary));

  const apiBase = `http://localhost:${config.port}`;
  const book = SERVE_BOOK ? bookSite(REPO, apiBase).listen(BOOK_PORT, config.host) : undefined;
  const api = createApp(deps).listen(config.port, config.host);
  const page = new Koa();
  reportAppErrors(page, (err) => console.error(`demo page: ${err.message}`));
  page.use(mount('/widget', serve(WIDGET_DIST)));
  // The host page's script tag points at whatever port this BFF listens on.
  const hostPage = readFileSync(join(DEMO, 'index.html'), 'utf8').replace(
    /data-api-base="[^"]*"/,
    `data-api-base="${apiBase}"`,
  );
  page.use(async (ctx, next) => {
    if (ctx.path !== '/' && ctx.path !== '/index.html') return next();
    ctx.type = 'html';
    ctx.body = hostPage;
  });
  page.use(serve(DEMO));
  const demo = page.listen(DEMO_PORT, config.host); // loopback unless HOST says otherwise
  const servers = [api, demo, ...(book ? [book] : [])];
  await Promise.all(
    servers.map((s) => new Promise((ok, fail) => s.once('listening', ok).once('error', fail))),
  );

  console.log(`\nBFF:  http://localhost:${config.port}  (embedded data in ${config.dataDir})`);
  if (book) console.log(`Book: ${BOOK_URL}  (the sample book's site, where citations link)`);
  const outbox = config.smtpUrl ? undefined : printOutboxLinks(join(config.dataDir, 'outbox'));
  if (outbox)
    console.log(
      `Mail: no SMTP_URL, so mails are files in ${join(config.dataDir, 'outbox')}; their links are printed here`,
    );
  console.log(`Demo: open http://localhost:${DEMO_PORT}/ in a browser.  Ctrl-C stops it all.\n`);

  const stop = async () => {
    outbox?.close();
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof DirectoryLockedError;
  const busy = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
  console.error(
    known
      ? (err as Error).message
      : busy
        ? `A port is taken: ${(err as Error).message}. Set PORT or DEMO_PORT.`
        : err,
  );
  process.exit(1);
});
