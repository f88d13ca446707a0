import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Koa from 'koa';
import serve from 'koa-static';
import { reportAppErrors } from '../src/platform/http.js';

/**
 * The sample book as a real site, so that the demo's citation links open its pages: the
 * Docusaurus example (examples/docusaurus) built if needed, then served as a static host would
 * (unknown paths get its 404 page). Its pages carry the widget too, pointed at this BFF.
 */
export function bookSite(repo: string, apiBase: string): Koa {
  const site = join(repo, 'examples/docusaurus');
  const build = join(site, 'build');
  // The site loads the widget through the plugin package, which ships compiled (docusaurus/lib).
  const plugin = spawnSync('pnpm', ['--filter', '@textbook-assistant/docusaurus', 'run', 'build'], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (plugin.status !== 0) throw new Error('The Docusaurus plugin did not build (see above).');
  console.log('Building the sample book site (examples/docusaurus) if it changed…');
  const res = spawnSync(process.execPath, [join(site, 'scripts/build-if-needed.mjs'), '--quiet'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TEXTBOOK_ASSISTANT_API: apiBase },
  });
  if (res.status !== 0 || !existsSync(join(build, 'index.html')))
    throw new Error(
      'The sample book site did not build (see above); set DEMO_BOOK_URL to serve it yourself.',
    );
  const app = new Koa();
  // A reader whose browser closes the connection as a page ends is no error to print.
  reportAppErrors(app, (err) => console.error(`sample book site: ${err.message}`));
  app.use(serve(build, { extensions: ['html'] }));
  app.use((ctx) => {
    ctx.status = 404;
    ctx.type = 'html';
    ctx.body = readFileSync(join(build, '404.html'));
  });
  return app;
}
