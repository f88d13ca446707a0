#!/usr/bin/env node
// Builds the Docusaurus example into build/ only when build/ is missing or older than its inputs
// (site config, the plugin's build, components, the book in ../textbook, the widget bundle) or was built with
// different settings (TEXTBOOK_ASSISTANT_API, DOCUSAURUS_BASE_URL, DOCUSAURUS_SITE_URL, TEXTBOOK_ASSISTANT_WIDGET_FILE).
//
//   node examples/docusaurus/scripts/build-if-needed.mjs [--force] [--quiet]
//
// or, from a test fixture:
//
//   import { buildIfNeeded } from '../examples/docusaurus/scripts/build-if-needed.mjs';
//   const { buildDir, built } = await buildIfNeeded();
//
// Concurrent callers (parallel test workers) are serialized by a lock directory; the second one
// finds the build fresh and returns without rebuilding. The widget bundle and the plugin must be
// built (`pnpm --filter @textbook-assistant/widget --filter @textbook-assistant/docusaurus build`);
// they are not built here.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const buildDir = path.join(siteDir, 'build');
const stampFile = path.join(buildDir, '.build-inputs.json');
const lockDir = path.join(siteDir, '.build-lock');
const requireFromSite = createRequire(path.join(siteDir, 'package.json'));

const SKIP = new Set(['node_modules', 'build', '.docusaurus', '.build-lock', '.cache']);

/** Newest modification time (ms) of a file, or of any file under a directory. */
function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const st = statSync(target);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted file shows up as a newer directory
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** The widget IIFE the plugin will copy, as the plugin resolves it. */
export function widgetFile() {
  if (process.env.TEXTBOOK_ASSISTANT_WIDGET_FILE)
    return path.resolve(siteDir, process.env.TEXTBOOK_ASSISTANT_WIDGET_FILE);
  try {
    return requireFromSite.resolve('@textbook-assistant/widget/iife');
  } catch {
    return null;
  }
}

function settings() {
  return {
    apiBase: process.env.TEXTBOOK_ASSISTANT_API ?? null,
    baseUrl: process.env.DOCUSAURUS_BASE_URL ?? null,
    siteUrl: process.env.DOCUSAURUS_SITE_URL ?? null,
    widgetFile: widgetFile(),
  };
}

/** The files the plugin publishes: the IIFE and its sibling scripts (textbook-assistant.<name>.js). */
function widgetInputs() {
  const widget = widgetFile();
  if (!widget) return [];
  const dir = path.dirname(widget);
  const siblings = existsSync(dir)
    ? readdirSync(dir).filter((n) => /^textbook-assistant\.[\w-]+\.js$/.test(n))
    : [];
  return [widget, ...siblings.map((n) => path.join(dir, n))];
}

function inputs() {
  return [
    path.join(siteDir, 'docusaurus.config.js'),
    path.join(siteDir, 'sidebars.js'),
    path.join(siteDir, 'package.json'),
    path.resolve(siteDir, '../../docusaurus/lib'),
    path.join(siteDir, 'src'),
    path.join(siteDir, 'static'),
    path.resolve(siteDir, '../textbook'),
    ...widgetInputs(),
  ];
}

/** Why a build is needed, or null when build/ is up to date. */
export function staleReason() {
  if (!existsSync(path.join(buildDir, 'index.html')) || !existsSync(stampFile)) return 'no build yet';
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return 'unreadable build stamp';
  }
  if (JSON.stringify(stamp.settings) !== JSON.stringify(settings())) return 'settings changed';
  const builtAt = statSync(stampFile).mtimeMs;
  for (const input of inputs()) {
    if (newestMtime(input) > builtAt) return `${path.relative(siteDir, input) || input} changed`;
  }
  return null;
}

function runBuild(log) {
  const bin = requireFromSite.resolve('@docusaurus/core/bin/docusaurus.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'build'], {
      cwd: siteDir,
      env: process.env,
      stdio: log ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`docusaurus build failed (exit ${code})\n${output.slice(-4000)}`)),
    );
  });
}

async function withLock(fn, { timeoutMs = 15 * 60_000, staleMs = 15 * 60_000 } = {}) {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(lockDir).mtimeMs > staleMs)
          rmSync(lockDir, { recursive: true, force: true });
      } catch {
        // another process removed it first
      }
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${lockDir}`);
      await sleep(500);
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * @param {{ force?: boolean, log?: boolean }} [options]
 * @returns {Promise<{ buildDir: string, built: boolean, reason: string | null, ms: number }>}
 */
export async function buildIfNeeded({ force = false, log = true } = {}) {
  return withLock(async () => {
    const reason = force ? 'forced' : staleReason();
    if (!reason) return { buildDir, built: false, reason: null, ms: 0 };
    const widget = widgetFile();
    if (!widget || !existsSync(widget)) {
      throw new Error(
        'The widget bundle is missing: run `pnpm --filter @textbook-assistant/widget build` first ' +
          '(or set TEXTBOOK_ASSISTANT_WIDGET_FILE).',
      );
    }
    if (log) console.log(`[docusaurus-example] building (${reason})…`);
    const t0 = Date.now();
    await runBuild(log);
    writeFileSync(
      stampFile,
      JSON.stringify({ settings: settings(), builtAt: new Date().toISOString() }, null, 2),
    );
    const ms = Date.now() - t0;
    if (log) console.log(`[docusaurus-example] built in ${(ms / 1000).toFixed(1)} s`);
    return { buildDir, built: true, reason, ms };
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  buildIfNeeded({ force: args.has('--force'), log: !args.has('--quiet') }).then(
    (r) => {
      if (!r.built)
        console.log(`[docusaurus-example] ${path.relative(process.cwd(), r.buildDir) || '.'} is up to date`);
    },
    (err) => {
      console.error(err.message);
      process.exitCode = 1;
    },
  );
}
