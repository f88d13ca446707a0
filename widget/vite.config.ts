import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/** Lit's css`` blocks ship as written; squeeze their whitespace (the styles have no interpolations). */
function minifyLitCss(): Plugin {
  const squeeze = (text: string): string =>
    text
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'minify-lit-css',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      return {
        code: code.replace(/css`([^`]*)`/g, (_m, body: string) => `css\`${squeeze(body)}\``),
        map: null,
      };
    },
  };
}

/**
 * The account chunk uses the IIFE's Lit (src/lit-global.ts sets `window.__textbookAssistantLit`):
 * these imports read from it, and any other Lit import fails the build (it would be a second copy).
 */
function sharedLit(): Plugin {
  const shared: Record<string, string[]> = {
    lit: ['css', 'html', 'nothing', 'svg'],
    'lit/directives/if-defined.js': ['ifDefined'],
  };
  const prefix = '\0shared-lit:';
  return {
    name: 'shared-lit',
    enforce: 'pre',
    resolveId(id) {
      if (id in shared) return prefix + id;
      if (/^(lit|lit-html|lit-element|@lit\/[^/]+)($|\/)/.test(id))
        this.error(`${id} is not shared by src/lit-global.ts: add it there and to sharedLit()`);
      return null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const names = shared[id.slice(prefix.length)] ?? [];
      return [
        'const lit = window.__textbookAssistantLit;',
        ...names.map((name) => `export const ${name} = lit.${name};`),
      ].join('\n');
    },
  };
}

/** The sibling scripts the IIFE loads lazily (built before it). */
const CHUNKS = ['textbook-assistant.markdown.js', 'textbook-assistant.account.js'];

/**
 * The IIFE's build id: a hash of the chunks it was built with, so a BFF serving the same chunks
 * (its /widget/manifest.json says so) is known to match this script.
 */
function chunksBuildId(): string {
  const hash = createHash('sha256');
  for (const name of CHUNKS) {
    const file = new URL(`./dist/${name}`, import.meta.url);
    if (!existsSync(file))
      throw new Error(`dist/${name} is missing: build the markdown and account chunks before the IIFE`);
    hash.update(name).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Writes dist/manifest.json, `{ "build": id }`, which the BFF serves at /widget/manifest.json. */
function buildManifest(build: string): Plugin {
  return {
    name: 'build-manifest',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: `${JSON.stringify({ build })}\n` });
    },
  };
}

type Build = 'esm' | 'iife' | 'markdown' | 'account';

/** Each build's entries, by output file name (without `.js`). */
const LIBS: Record<Build, { entry: Record<string, string>; format: 'es' | 'iife' }> = {
  // `markdown` is both the `./markdown` export and the chunk the element imports lazily.
  esm: { entry: { 'textbook-assistant': 'src/index.ts', markdown: 'src/markdown.ts' }, format: 'es' },
  iife: { entry: { 'textbook-assistant.iife': 'src/auto-mount.ts' }, format: 'iife' },
  markdown: { entry: { 'textbook-assistant.markdown': 'src/markdown-global.ts' }, format: 'iife' },
  account: { entry: { 'textbook-assistant.account': 'src/account-global.ts' }, format: 'iife' },
};

const GLOBALS: Record<Exclude<Build, 'esm'>, string> = {
  iife: 'TextbookAssistant',
  markdown: 'TextbookAssistantMarkdown',
  account: 'TextbookAssistantAccount',
};

/**
 * Four library builds from one config:
 * - `vite build` → ES module for npm users; lit, marked, dompurify and temml stay external (they are
 *   `dependencies`, so the user's bundler dedupes them) and Markdown is a lazy chunk.
 * - `vite build --mode iife` → the `<script>` file: lit bundled; it mounts the element from the
 *   tag's data attributes. Built last: its build id (`__TA_BUILD__`, also written to
 *   dist/manifest.json) hashes the two chunks below.
 * - `vite build --mode markdown` → marked + DOMPurify + Temml (MathML) as the sibling script the IIFE loads when
 *   the panel first opens (an IIFE cannot split code).
 * - `vite build --mode account` → the Account tab's views and styles, the sibling script the IIFE loads
 *   when that tab first shows; it uses the IIFE's Lit.
 */
export default defineConfig(({ mode }) => {
  const build: Build = mode === 'iife' || mode === 'markdown' || mode === 'account' ? mode : 'esm';
  const lib = LIBS[build];
  const buildId = build === 'iife' ? chunksBuildId() : '';
  return {
    plugins: [
      minifyLitCss(),
      ...(build === 'account' ? [sharedLit()] : []),
      ...(build === 'iife' ? [buildManifest(buildId)] : []),
    ],
    define: { __TA_IIFE__: JSON.stringify(build === 'iife'), __TA_BUILD__: JSON.stringify(buildId) },
    build: {
      target: 'es2022',
      emptyOutDir: build === 'esm',
      sourcemap: true,
      lib: {
        entry: lib.entry,
        formats: [lib.format],
        name: build === 'esm' ? 'TextbookAssistant' : GLOBALS[build],
        fileName: (_format, name) => `${name}.js`,
      },
      rollupOptions:
        build === 'esm'
          ? {
              external: [/^lit($|\/)/, /^@lit\//, 'marked', 'dompurify', 'temml'],
              output: { chunkFileNames: '[name]-[hash].js' },
            }
          : {},
    },
  };
});
