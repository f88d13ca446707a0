/**
 * Proves the packages install and work outside this workspace, as the README says:
 * packs the widget, the Docusaurus plugin (and the contract package when there is one) with
 * `pnpm pack` (which builds them and rewrites `workspace:` ranges), installs the tarballs into a
 * fresh project in the system temp dir without a lockfile, then
 * - imports the widget in Node (no DOM at module level),
 * - type-checks a TS module and a TSX component against the shipped types,
 * - builds a Vite page that imports the widget and a Docusaurus site that uses the plugin,
 * - refuses a Docusaurus config with bad plugin options, naming the option,
 * - loads both built sites in Chromium and checks the element is defined and mounted.
 *
 *   pnpm test:packages          (KEEP=1 keeps the temp project and prints where it is)
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM } from '../support/chromium.js';
import { repoDir } from '../support/paths.js';
import { startStaticServer } from '../support/static-server.js';
import { CONSUMER_FILES } from './consumer-files.js';

const run = promisify(execFile);

/**
 * How long a browser step may take. Loading a page and mounting the element is quick on an idle
 * machine (under 2 s here) but took longer than Playwright's 30 s default on a loaded one; the
 * steps wait for a condition, never for a fixed time, so a generous bound costs nothing when fast.
 */
const BROWSER_STEP_MS = 120_000;
const PACKAGES = ['widget', 'docusaurus', 'contract'];

const bin = (dir: string, name: string): string => join(dir, 'node_modules', '.bin', name);

async function sh(
  cwd: string,
  cmd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await run(cmd, args, {
      cwd,
      env: { ...process.env, CI: 'true', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    console.log(`  ${basename(cmd)} ${args.join(' ')}  (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return stdout + stderr;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${basename(cmd)} ${args.join(' ')} failed in ${cwd}\n${e.stdout ?? ''}${e.stderr ?? e.message}`,
    );
  }
}

/** Packs each installable workspace package into `dir`; returns name → tarball path. */
/** Packs each installable workspace package into its own folder of `dir`; returns name → tarball. */
async function packAll(dir: string): Promise<Record<string, string>> {
  const packed = await Promise.all(
    PACKAGES.map(async (folder): Promise<[string, string] | undefined> => {
      const manifest = join(repoDir, folder, 'package.json');
      if (!existsSync(manifest)) return undefined;
      const pkg = JSON.parse(await readFile(manifest, 'utf8')) as { name: string; private?: boolean };
      if (pkg.private) return undefined;
      const out = join(dir, folder);
      await mkdir(out);
      await sh(join(repoDir, folder), 'pnpm', ['pack', '--pack-destination', out]);
      const tarball = (await readdir(out)).find((f) => f.endsWith('.tgz'));
      if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
      return [pkg.name, join(out, tarball)];
    }),
  );
  return Object.fromEntries(packed.filter((p) => p !== undefined));
}

async function writeConsumer(dir: string, tarballs: Record<string, string>): Promise<void> {
  const site = JSON.parse(await readFile(join(repoDir, 'examples/docusaurus/package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const local = Object.fromEntries(Object.entries(tarballs).map(([name, file]) => [name, `file:${file}`]));
  const pkg = {
    name: 'fresh-consumer',
    private: true,
    // No "type": "module": Docusaurus's generated registry would then be parsed as strict ESM and
    // its require.resolveWeak calls left raw (the SSG step fails), as on any real site.
    dependencies: {
      ...local,
      '@docusaurus/core': site.dependencies['@docusaurus/core'],
      '@docusaurus/faster': site.dependencies['@docusaurus/faster'],
      '@docusaurus/preset-classic': site.dependencies['@docusaurus/preset-classic'],
      react: site.dependencies.react,
      'react-dom': site.dependencies['react-dom'],
    },
    devDependencies: {
      '@docusaurus/types': site.dependencies['@docusaurus/core'],
      '@types/react': '^19.0.0',
      typescript: '5.9.3',
      vite: '^7.3.8',
    },
    // A tarball's dependency on another of ours would otherwise be looked up on the registry.
    pnpm: { overrides: local, onlyBuiltDependencies: ['esbuild'] },
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  await writeFile(join(dir, '.npmrc'), 'lockfile=false\n');
  for (const [file, text] of Object.entries(CONSUMER_FILES)) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
}

async function expectBadOptionsRefused(dir: string): Promise<void> {
  try {
    await sh(dir, bin(dir, 'docusaurus'), [
      'build',
      '--config',
      'docusaurus.bad.config.ts',
      '--out-dir',
      'bad-build',
    ]);
  } catch (err) {
    const message = (err as Error).message;
    if (!/"apiBase" is required/.test(message))
      throw new Error(`a config without apiBase failed, but not by naming it:\n${message.slice(-2000)}`);
    return;
  }
  throw new Error('docusaurus build accepted the plugin without apiBase');
}

/**
 * Opens `url` and waits for a defined, rendered `<textbook-assistant>`; fails on any page error.
 * With `lazyChunks`, also opens the panel and its Account tab, whose views are a lazily imported chunk.
 */
async function expectElement(browser: Browser, url: string, what: string, lazyChunks = false): Promise<void> {
  const page = await browser.newPage();
  page.setDefaultTimeout(BROWSER_STEP_MS);
  page.setDefaultNavigationTimeout(BROWSER_STEP_MS);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(
    () => !!document.querySelector('textbook-assistant')?.shadowRoot?.querySelector('[part~="launcher"]'),
    undefined,
    { polling: 100 },
  );
  // Upgraded by the widget's own class (a minifying build renames it, so not checked by name).
  const upgraded = await page.evaluate(() => {
    const ctor = customElements.get('textbook-assistant');
    return !!ctor && document.querySelector('textbook-assistant') instanceof ctor;
  });
  const count = await page.locator('textbook-assistant').count();
  if (!upgraded || count !== 1)
    throw new Error(`${what}: <textbook-assistant> upgraded: ${upgraded}, ${count} on the page`);
  if (lazyChunks) {
    await page.getByRole('button', { name: 'Open Textbook assistant' }).click();
    await page.getByRole('tab', { name: 'Sign in' }).click();
    await page.getByLabel('Email').waitFor();
  }
  if (errors.length) throw new Error(`${what} threw: ${errors.join('; ')}`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const account = lazyChunks ? ', its Account tab loaded' : '';
  console.log(
    `  ${what}: one <textbook-assistant>, defined and rendered in Chromium${account} (${seconds} s)`,
  );
  await page.close();
}

async function checkInChromium(vite: string, site: string): Promise<void> {
  const servers = await Promise.all([startStaticServer({ '/': vite }), startStaticServer({ '/': site })]);
  const browser = await chromium.launch({ ...CHROMIUM, timeout: BROWSER_STEP_MS });
  try {
    await expectElement(browser, `${servers[0].url}/`, 'Vite page', true);
    await expectElement(browser, `${servers[1].url}/`, 'Docusaurus site');
  } finally {
    await browser.close();
    await Promise.all(servers.map((s) => s.close()));
  }
}

async function checkSiteBuild(site: string): Promise<void> {
  const html = await readFile(join(site, 'index.html'), 'utf8');
  const tag = /<script[^>]*src="\/textbook-assistant\.iife\.js\?v=\w+"[^>]*>/.exec(html)?.[0];
  if (!tag) throw new Error('the Docusaurus build has no <script src="/textbook-assistant.iife.js"> tag');
  // (Docusaurus minifies the HTML: attribute values may be unquoted.)
  const expected = {
    'data-api-base': 'http://localhost:8787',
    'data-max-results': '3',
    'data-layout': 'sidepanel',
    'data-chunks': 'beside',
  };
  for (const [name, value] of Object.entries(expected)) {
    const actual = new RegExp(`\\s${name}=("[^"]*"|[^\\s>]*)`).exec(tag)?.[1]?.replace(/^"|"$/g, '');
    if (actual !== value)
      throw new Error(`the plugin's script tag has ${name}=${actual}, not ${value}: ${tag}`);
  }
  for (const file of [
    'textbook-assistant.iife.js',
    'textbook-assistant.markdown.js',
    'textbook-assistant.account.js',
  ])
    if (!existsSync(join(site, file))) throw new Error(`the Docusaurus build lacks ${file}`);
  console.log(
    '  Docusaurus site: script tag with the options, IIFE and its Markdown and account chunks published',
  );
}

const started = Date.now();
const work = await mkdtemp(join(tmpdir(), 'ta-packages-'));
try {
  console.log(`packages → ${work}`);
  const tarballs = await packAll(work);
  const consumer = join(work, 'consumer');
  await mkdir(consumer);
  await writeConsumer(consumer, tarballs);
  await sh(consumer, 'pnpm', [
    'install',
    '--ignore-workspace',
    '--prefer-offline',
    '--config.confirmModulesPurge=false',
  ]);
  await sh(consumer, 'node', [
    '--input-type=module',
    '-e',
    "await import('@textbook-assistant/widget'); await import('@textbook-assistant/widget/markdown'); await import('@textbook-assistant/docusaurus')",
  ]);
  await Promise.all([
    sh(consumer, bin(consumer, 'tsc'), ['-p', 'tsconfig.json']),
    sh(consumer, bin(consumer, 'tsc'), ['-p', 'tsconfig.docusaurus.json']),
    sh(consumer, bin(consumer, 'vite'), ['build', '--outDir', 'vite-dist']),
  ]);
  await sh(consumer, bin(consumer, 'docusaurus'), ['build', '--out-dir', 'site']);
  await checkSiteBuild(join(consumer, 'site'));
  await expectBadOptionsRefused(consumer);
  await checkInChromium(join(consumer, 'vite-dist'), join(consumer, 'site'));
  console.log(
    `packages install and work in a fresh project (${Object.keys(tarballs).join(', ')}) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
} finally {
  if (process.env.KEEP) console.log(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}
