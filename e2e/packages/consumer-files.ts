/**
 * The files of a fresh project that uses the packed packages the way an integrator would:
 * a TypeScript module and a TSX component (type-checked), a Vite page, a Docusaurus site.
 */
export const CONSUMER_FILES: Record<string, string> = {
  'tsconfig.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        // The shipped .d.ts files are what is under test: check them too.
        skipLibCheck: false,
        types: [],
      },
      include: ['src'],
    },
    null,
    2,
  ),
  // Docusaurus's own .d.ts files do not pass skipLibCheck: false; ours are checked above.
  'tsconfig.docusaurus.json': JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      },
      include: ['docusaurus.config.ts'],
    },
    null,
    2,
  ),
  // The class is used as a value: imported only for a type annotation, TypeScript would drop the
  // import, the widget module would never run and the element would never be defined.
  'src/main.ts': `import { TextbookAssistant, type AnswerReceivedDetail } from '@textbook-assistant/widget';
import { renderMarkdown } from '@textbook-assistant/widget/markdown';

if (customElements.get('textbook-assistant') !== TextbookAssistant) {
  throw new Error('importing @textbook-assistant/widget did not define <textbook-assistant>');
}

const element: TextbookAssistant = document.createElement('textbook-assistant');
element.apiBase = 'http://localhost:8787';
element.maxResults = 5;
element.addEventListener('ta-answer-received', (event) => {
  const detail: AnswerReceivedDetail = event.detail;
  console.log(detail.response.citations.length);
});
document.body.append(element);

export const html: string = renderMarkdown('**bold**');
`,
  'src/app.tsx': `import '@textbook-assistant/widget';

export function Assistant() {
  return (
    <textbook-assistant
      api-base="http://localhost:8787"
      max-results={5}
      open
      onta-answer-received={(event) => console.log(event.detail.query)}
    />
  );
}

// The element's attributes are typed, not just allowed:
// @ts-expect-error api-base is a string
export const wrong = <textbook-assistant api-base={42} />;
`,
  'index.html': `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>Vite consumer</title></head>
  <body>
    <script type="module" src="/src/main.ts"></script>
  </body>
</html>
`,
  'docusaurus.config.ts': `import type { Config } from '@docusaurus/types';
import type { Options } from '@textbook-assistant/docusaurus';

const assistant = { apiBase: 'http://localhost:8787/', maxResults: 3, layout: 'sidepanel' } satisfies Options;
// @ts-expect-error maxResults is a number
const wrong: Options = { apiBase: 'http://localhost:8787', maxResults: 'five' };
void wrong; // (a named export would be read as an unknown config field)

const config: Config = {
  title: 'Fresh site',
  url: 'http://localhost:3000',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  future: { v4: true, faster: true, experimental_vcs: false },
  presets: [['classic', { docs: false, blog: false, sitemap: false, svgr: false }]],
  plugins: [['@textbook-assistant/docusaurus', assistant]],
};

export default config;
`,
  // The same site with options the plugin must refuse (no apiBase; Joi reports the first problem).
  'docusaurus.bad.config.ts': `import type { Config } from '@docusaurus/types';

const config: Config = {
  title: 'Fresh site',
  url: 'http://localhost:3000',
  baseUrl: '/',
  future: { v4: true, faster: true, experimental_vcs: false },
  presets: [['classic', { docs: false, blog: false, sitemap: false, svgr: false }]],
  plugins: [['@textbook-assistant/docusaurus', { maxResults: 99 }]],
};

export default config;
`,
  'src/pages/index.md': '# A fresh Docusaurus site\n\nWith the assistant on every page.\n',
};
