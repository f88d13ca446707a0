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

type Build = 'esm' | 'iife' | 'markdown';

/** Each build's entries, by output file name (without `.js`). */
const LIBS: Record<Build, { entry: Record<string, string>; format: 'es' | 'iife' }> = {
  // `markdown` is both the `./markdown` export and the chunk the element imports lazily.
  esm: { entry: { 'textbook-assistant': 'src/index.ts', markdown: 'src/markdown.ts' }, format: 'es' },
  iife: { entry: { 'textbook-assistant.iife': 'src/auto-mount.ts' }, format: 'iife' },
  markdown: { entry: { 'textbook-assistant.markdown': 'src/markdown-global.ts' }, format: 'iife' },
};

/**
 * Three library builds from one config:
 * - `vite build` → ES module for npm users; lit, marked, dompurify and temml stay external (they are
 *   `dependencies`, so the user's bundler dedupes them) and Markdown is a lazy chunk.
 * - `vite build --mode iife` → the `<script>` file: lit bundled; it mounts the element from the
 *   tag's data attributes.
 * - `vite build --mode markdown` → marked + DOMPurify + Temml (MathML) as the sibling script the IIFE loads when
 *   the panel first opens (an IIFE cannot split code).
 */
export default defineConfig(({ mode }) => {
  const build: Build = mode === 'iife' || mode === 'markdown' ? mode : 'esm';
  const lib = LIBS[build];
  return {
    plugins: [minifyLitCss()],
    define: { __TA_IIFE__: JSON.stringify(build === 'iife') },
    build: {
      target: 'es2022',
      emptyOutDir: build === 'esm',
      sourcemap: true,
      lib: {
        entry: lib.entry,
        formats: [lib.format],
        name: build === 'markdown' ? 'TextbookAssistantMarkdown' : 'TextbookAssistant',
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
