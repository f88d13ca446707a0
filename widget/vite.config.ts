import { defineConfig } from 'vite';

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
    build: {
      target: 'es2021',
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
