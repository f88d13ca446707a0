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
 * Two library builds from one config:
 * - `vite build` → ES module for npm users; lit, marked and dompurify stay external
 *   (they are `dependencies`, so the user's bundler dedupes them with their own copies).
 * - `vite build --mode iife` → one self-contained file for a `<script>` tag that also
 *   mounts the element from the tag's data attributes.
 */
export default defineConfig(({ mode }) => {
  const iife = mode === 'iife';
  return {
    plugins: [minifyLitCss()],
    build: {
      target: 'es2022',
      emptyOutDir: !iife,
      sourcemap: true,
      lib: iife
        ? {
            entry: 'src/auto-mount.ts',
            formats: ['iife'],
            name: 'TextbookAssistant',
            fileName: () => 'textbook-assistant.iife.js',
          }
        : {
            entry: 'src/index.ts',
            formats: ['es'],
            fileName: () => 'textbook-assistant.js',
          },
      rollupOptions: iife ? {} : { external: [/^lit($|\/)/, /^@lit\//, 'marked', 'dompurify'] },
    },
  };
});
