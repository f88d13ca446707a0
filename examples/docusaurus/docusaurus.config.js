// The sample textbook (../textbook) as a Docusaurus 3 site, with <textbook-assistant> on every page.
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const requireFromSite = createRequire(import.meta.url);

/** @type {import('@docusaurus/types').Config} */
const config = {
  title: 'Physical AI & Humanoid Robotics',
  tagline: 'A short, hands-on textbook, with a reading assistant',
  // Without one, every page load logs a 404 for /favicon.ico.
  favicon: 'img/favicon.svg',
  url: process.env.DOCUSAURUS_SITE_URL ?? 'http://localhost:3000',
  baseUrl: process.env.DOCUSAURUS_BASE_URL ?? '/',
  onBrokenLinks: 'throw',
  // Images the book's pages use (/img/…): this site's static/, plus the book's own static/ if it has one.
  staticDirectories: [
    'static',
    ...(existsSync(new URL('../textbook/static', import.meta.url)) ? ['../textbook/static'] : []),
  ],
  i18n: { defaultLocale: 'en', locales: ['en'] },

  future: {
    // Docusaurus v4 behaviour now (Faster's worker threads need it).
    v4: true,
    // Rspack, SWC and Lightning CSS (@docusaurus/faster): ~3x quicker builds than webpack + Babel + Terser.
    faster: true,
    // No "last updated" data is shown, so never ask git.
    experimental_vcs: false,
  },

  markdown: {
    mermaid: true,
    hooks: { onBrokenMarkdownLinks: 'throw' },
    // Still accept <!-- HTML comments --> in pages (v4 turns this off by default).
    mdx1Compat: { comments: true, admonitions: true, headingIds: true },
  },
  themes: ['@docusaurus/theme-mermaid'],

  presets: [
    [
      'classic',
      /** @type {import('@docusaurus/preset-classic').Options} */
      ({
        blog: false,
        pages: false,
        sitemap: false,
        svgr: false,
        docs: {
          path: '../textbook',
          routeBasePath: '/',
          sidebarPath: './sidebars.js',
          remarkPlugins: [remarkMath],
          rehypePlugins: [rehypeKatex],
          showLastUpdateTime: false,
          showLastUpdateAuthor: false,
        },
        theme: {
          customCss: ['./src/css/custom.css', requireFromSite.resolve('katex/dist/katex.min.css')],
        },
      }),
    ],
  ],

  plugins: [
    [
      '@textbook-assistant/docusaurus',
      /** @type {import('@textbook-assistant/docusaurus').Options} */
      ({ apiBase: process.env.TEXTBOOK_ASSISTANT_API ?? 'http://localhost:8787' }),
    ],
  ],

  /** @type {import('@docusaurus/preset-classic').ThemeConfig} */
  themeConfig: {
    colorMode: { respectPrefersColorScheme: true },
    navbar: {
      title: 'Physical AI & Humanoid Robotics',
      items: [{ type: 'docSidebar', sidebarId: 'book', position: 'left', label: 'Book' }],
    },
    footer: {
      style: 'dark',
      copyright: 'Sample book for textbook-assistant. Built with Docusaurus.',
    },
    mermaid: { theme: { light: 'neutral', dark: 'dark' } },
  },
};

export default config;
