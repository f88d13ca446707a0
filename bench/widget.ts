/**
 * Widget: gzipped size of the builds, and in headless Chromium the time from inserting the
 * <script> tag to a visible launcher and from clicking it to an open, rendered panel.
 *
 *   pnpm bench:widget          (BENCH_WIDGET_RUNS, default 10; CHROMIUM_PATH, default /usr/bin/chromium)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { chromium } from 'playwright-core';
// The browser and its flags, defined once for the e2e suite and this benchmark.
import { CHROMIUM } from '../e2e/support/chromium.js';
import { settings, SkipBenchmark } from './lib/env.js';
import { runBenchmark } from './lib/main.js';
import { loadNote, machine, recordRun, table } from './lib/report.js';
import { fmt, median, percentile } from './lib/stats.js';
import {
  ACCOUNT,
  ESM,
  IIFE,
  IIFE_BUDGET_BYTES,
  MARKDOWN,
  kb,
  sizeOf,
  widgetDist,
} from './lib/widget-files.js';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head>
<body><main><h1>A textbook page</h1><p>Some text.</p></main></body></html>`;

/** Serves the host page, the dist files, and a signed-out API (every /api call answers 401). */
async function serve(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/api/')) {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Cookie' });
      return res.end(JSON.stringify({ error: { code: 'unauthenticated', message: 'Sign in first.' } }));
    }
    const file = resolve(widgetDist, basename(path));
    if (path.startsWith('/dist/') && existsSync(file)) {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      return res.end(readFileSync(file));
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Runs in the page: inserts the script tag, waits for a visible launcher, clicks it, waits for the
 * panel. Plain JavaScript in a string: tsx would wrap a TypeScript function with helpers the page lacks.
 */
const MEASURE_IN_PAGE = `async (base) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const visible = (el) => {
    if (!el) return false;
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const root = () => document.querySelector('textbook-assistant')?.shadowRoot;
  const t0 = performance.now();
  const script = document.createElement('script');
  script.src = base + '/dist/textbook-assistant.iife.js';
  script.dataset.apiBase = base;
  document.head.append(script);
  let now = t0;
  while (!visible(root()?.querySelector('[part~="launcher"]'))) {
    now = await frame();
    if (now - t0 > 30000) throw new Error('no launcher after 30 s');
  }
  const launcherAt = now;
  root().querySelector('[part~="launcher"]').click();
  const t1 = performance.now();
  const rendered = () => root()?.querySelector('[role="tabpanel"] form, [role="tabpanel"] [part~="chat-log"]');
  while (!(visible(root()?.querySelector('[part~="panel"]')) && rendered())) {
    now = await frame();
    if (now - t1 > 30000) throw new Error('no open panel after 30 s');
  }
  return { launcher: launcherAt - t0, panel: now - t1 };
}`;

async function main(): Promise<void> {
  const before = machine();
  const iife = sizeOf(IIFE);
  const esm = sizeOf(ESM);
  const markdown = sizeOf(MARKDOWN);
  const account = sizeOf(ACCOUNT);
  if (!iife || !esm)
    throw new SkipBenchmark('widget/dist is not built: run `pnpm --filter @textbook-assistant/widget build`');
  const sizeRows = [
    [
      'textbook-assistant.iife.js (script tag, lit bundled)',
      kb(iife.bytes),
      kb(iife.gzip),
      iife.gzip <= IIFE_BUDGET_BYTES ? `ok (≤ ${kb(IIFE_BUDGET_BYTES)})` : `OVER ${kb(IIFE_BUDGET_BYTES)}`,
    ],
    ['textbook-assistant.js (ESM for npm, lit/marked/dompurify external)', kb(esm.bytes), kb(esm.gzip), '–'],
    ...(markdown
      ? [
          [
            'textbook-assistant.markdown.js (marked + DOMPurify + Temml, loaded on first open)',
            kb(markdown.bytes),
            kb(markdown.gzip),
            '–',
          ],
        ]
      : []),
    ...(account
      ? [
          [
            'textbook-assistant.account.js (Account tab views + styles, loaded when that tab first shows)',
            kb(account.bytes),
            kb(account.gzip),
            '–',
          ],
        ]
      : []),
  ];

  let timing = 'Chromium timings not measured: ';
  if (!existsSync(CHROMIUM.executablePath))
    timing += `${CHROMIUM.executablePath} is missing (apt-get install -y chromium).`;
  else {
    const { url, server } = await serve();
    const browser = await chromium.launch({ ...CHROMIUM, headless: true });
    try {
      const launcher: number[] = [];
      const panel: number[] = [];
      for (let i = 0; i < settings.widgetRuns; i++) {
        const context = await browser.newContext(); // a cold cache every run
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'load' });
        const result = (await page.evaluate(`(${MEASURE_IN_PAGE})(${JSON.stringify(url)})`)) as {
          launcher: number;
          panel: number;
        };
        launcher.push(result.launcher);
        panel.push(result.panel);
        await context.close();
      }
      timing = table(
        ['step', 'median ms', 'p90 ms', 'runs'],
        [
          [
            '`<script>` inserted → launcher visible (download, parse, define, first render)',
            fmt(median(launcher), 0),
            fmt(percentile(launcher, 90), 0),
            launcher.length,
          ],
          [
            'launcher clicked → panel open with its view rendered',
            fmt(median(panel), 0),
            fmt(percentile(panel, 90), 0),
            panel.length,
          ],
        ],
      );
    } finally {
      await browser.close();
      server.close();
    }
  }

  recordRun(
    'Widget',
    [
      loadNote(before),
      'Sizes: the files in widget/dist, gzip level 9 (zlib). The CI gate is `npx tsx bench/widget-size-check.ts` (IIFE ≤ 30 KB gzipped).',
      '',
      table(['file', 'raw', 'gzip -9', 'budget'], sizeRows),
      '',
      `Headless Chromium (${CHROMIUM.executablePath}, --no-sandbox --disable-gpu …), a fresh context (cold cache) per run, the IIFE served from ` +
        'loopback with a signed-out API stub (every /api call 401), times taken in the page with requestAnimationFrame polling:',
      '',
      timing,
      '',
      "Other docs assistants' script sizes: not measured here (see the Widget notes at the top for any cited figure).",
    ].join('\n'),
    before,
  );
}

runBenchmark('widget', main);
