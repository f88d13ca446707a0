import 'dotenv/config';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import { loadConfig } from '../src/platform/config.js';
import { ConfigError } from '../src/platform/errors.js';
import { createLogger } from '../src/platform/logger.js';
import { DirectoryLockedError } from '../src/platform/db/data-dir-lock.js';
import { ingestDocs } from '../src/rag/ingest/ingest.js';
import { formatSummary } from '../src/rag/ingest/cli-args.js';
import { createApp } from '../src/app.js';
import { compose } from '../src/compose.js';

/**
 * `pnpm demo`: on a fresh clone, build the widget if needed, ingest the sample book (only what
 * changed), start the BFF on the embedded default in this process (one owner for DATA_DIR), serve
 * the demo host page, and print the URL.
 */
const REPO = resolve(import.meta.dirname, '../..');
const BOOK = join(REPO, 'examples/textbook');
const DEMO = join(REPO, 'examples/demo');
const WIDGET_DIST = join(REPO, 'widget/dist');
const DEMO_PORT = Number(process.env.DEMO_PORT ?? 5173);
const BOOK_URL = process.env.DEMO_BOOK_URL ?? 'http://localhost:3000/';

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

  const api = createApp(deps).listen(config.port, config.host);
  const page = new Koa();
  page.use(mount('/widget', serve(WIDGET_DIST)));
  page.use(serve(DEMO));
  const demo = page.listen(DEMO_PORT);
  await Promise.all(
    [api, demo].map((s) => new Promise((ok, fail) => s.once('listening', ok).once('error', fail))),
  );

  console.log(`\nBFF:  http://localhost:${config.port}  (embedded data in ${config.dataDir})`);
  if (!config.smtpUrl)
    console.log(
      `Mail: no SMTP_URL, so verification and reset mails are files in ${join(config.dataDir, 'outbox')}`,
    );
  console.log(`Demo: open http://localhost:${DEMO_PORT}/ in a browser.  Ctrl-C stops both.\n`);

  const stop = async () => {
    api.close();
    demo.close();
    api.closeAllConnections();
    demo.closeAllConnections();
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
