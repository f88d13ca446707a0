import { createReadStream, existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { repoDir, widgetDist } from './paths.js';

export const docusaurusBuild = join(repoDir, 'examples', 'docusaurus', 'build');

/** Why the Docusaurus journey cannot run, or undefined when the example's build is there. */
export function docusaurusBuildMissing(): string | undefined {
  if (existsSync(join(docusaurusBuild, 'index.html'))) return undefined;
  return (
    'examples/docusaurus/build is missing: build it first with ' +
    '`node examples/docusaurus/scripts/build-if-needed.mjs` (needs the widget bundle).'
  );
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** The plugin's `layout` values (docusaurus/src/options.ts). */
const LAYOUTS = new Set(['dialog', 'sidepanel']);

/**
 * Serves the Docusaurus build the way a static host does (`/control/pid` → `control/pid/index.html`,
 * anything unknown → 404.html, which boots the app). Substitutions keep the spec honest without a
 * rebuild: every page's `data-api-base` points at the BFF under test, the widget's
 * `textbook-assistant.*` scripts come from the current widget/dist, not the copy the build took, and
 * a page requested with `?ta-layout=sidepanel` gets the `data-layout` the plugin's `layout` option
 * writes on its script tag (checked against a real build by e2e/packages).
 */
export async function startDocusaurusServer(
  port: number,
  apiBase: string,
): Promise<{ close(): Promise<void> }> {
  const root = resolve(docusaurusBuild);
  const server: Server = createServer(async (req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://localhost');
    const layout = searchParams.get('ta-layout');
    const name = basename(pathname);
    let file = name.startsWith('textbook-assistant.')
      ? join(widgetDist, name)
      : normalize(join(root, decodeURIComponent(pathname)));
    if (!file.startsWith(root + sep) && !file.startsWith(widgetDist + sep) && file !== root) file = '';
    let status = 200;
    const resolved = file ? await firstFile([file, `${file}.html`, join(file, 'index.html')]) : undefined;
    if (resolved) file = resolved;
    else {
      status = 404;
      file = join(root, '404.html');
    }
    res.statusCode = status;
    res.setHeader('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader('Cache-Control', 'no-store');
    if (extname(file) === '.html') {
      const html = await readFile(file, 'utf8');
      const attributes =
        `data-api-base="${apiBase}"` + (layout && LAYOUTS.has(layout) ? ` data-layout="${layout}"` : '');
      res.end(html.replace(/data-api-base=("[^"]*"|[^\s>]+)/g, attributes));
      return;
    }
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

async function firstFile(candidates: string[]): Promise<string | undefined> {
  for (const candidate of candidates) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // try the next form
    }
  }
  return undefined;
}
