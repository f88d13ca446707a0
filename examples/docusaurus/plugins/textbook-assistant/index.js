// Docusaurus plugin: adds <textbook-assistant> to every page of the site.
//
// Usage in docusaurus.config.js:
//   plugins: [['./plugins/textbook-assistant', { apiBase: 'http://localhost:8787' }]]
//
// How it works, for `docusaurus build` and `docusaurus start` alike:
// - the widget's IIFE bundle (the `@textbook-assistant/widget/iife` export) is emitted as a
//   webpack asset at `<baseUrl>textbook-assistant.iife.js` of the client bundle, so the dev
//   server serves it from memory (and reloads it when the widget is rebuilt) and the build
//   writes it into build/;
// - one <script src=… data-api-base=… defer> tag is injected at the end of <body> of every
//   HTML page. The IIFE sees `data-api-base` on its own script tag and mounts a single
//   <textbook-assistant> into document.body. Docusaurus is a single-page app: client-side
//   navigation re-renders only <div id="__docusaurus">, never re-runs that script and never
//   touches body's other children, so the element (and its conversation) survives navigation
//   and is mounted exactly once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PLUGIN_NAME = 'docusaurus-plugin-textbook-assistant';
const ASSET_NAME = 'textbook-assistant.iife.js';
const requireFromHere = createRequire(import.meta.url);

/** @param {unknown} value @param {string} name */
function fail(value, name, expected) {
  throw new Error(`[${PLUGIN_NAME}] option "${name}" must be ${expected}, got ${JSON.stringify(value)}`);
}

/**
 * @typedef {object} TextbookAssistantOptions
 * @property {string} apiBase     Origin (and optional path) of the BFF, e.g. "http://localhost:8787".
 * @property {boolean} [open]      Open the panel on first load.
 * @property {number} [maxResults] Citations per answer, 1..20 (the BFF's default is 5).
 * @property {string} [widgetFile] Path of the IIFE bundle; default: the `@textbook-assistant/widget/iife`
 *                                 export, or the TEXTBOOK_ASSISTANT_WIDGET_FILE environment variable.
 */

/** @param {Partial<TextbookAssistantOptions>} options @returns {TextbookAssistantOptions} */
function validate(options) {
  const { apiBase, open, maxResults, widgetFile } = options ?? {};
  if (typeof apiBase !== 'string' || apiBase.trim() === '') fail(apiBase, 'apiBase', 'a non-empty URL string');
  try {
    const url = new URL(apiBase);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    fail(apiBase, 'apiBase', 'an absolute http(s) URL');
  }
  if (open !== undefined && typeof open !== 'boolean') fail(open, 'open', 'a boolean');
  if (maxResults !== undefined && !(Number.isInteger(maxResults) && maxResults >= 1 && maxResults <= 20)) {
    fail(maxResults, 'maxResults', 'an integer from 1 to 20');
  }
  if (widgetFile !== undefined && typeof widgetFile !== 'string') fail(widgetFile, 'widgetFile', 'a path');
  return { apiBase: apiBase.replace(/\/+$/, ''), open, maxResults, widgetFile };
}

/** Where the widget bundle is, or a clear error that says how to produce it. */
function resolveWidgetFile(siteDir, widgetFile) {
  const explicit = widgetFile ?? process.env.TEXTBOOK_ASSISTANT_WIDGET_FILE;
  if (explicit) {
    const file = path.resolve(siteDir, explicit);
    if (!existsSync(file)) throw new Error(`[${PLUGIN_NAME}] widget bundle not found: ${file}`);
    return file;
  }
  try {
    return requireFromHere.resolve('@textbook-assistant/widget/iife');
  } catch (cause) {
    throw new Error(
      `[${PLUGIN_NAME}] the widget bundle @textbook-assistant/widget/iife is missing. ` +
        'Build it first: pnpm --filter @textbook-assistant/widget build',
      { cause },
    );
  }
}

/** A webpack (or Rspack) plugin that emits the widget bundle as a client asset. */
class EmitWidgetAsset {
  constructor(file) {
    this.file = file;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const { PROCESS_ASSETS_STAGE_ADDITIONAL } = compiler.webpack.Compilation;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap({ name: PLUGIN_NAME, stage: PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        // Watched in `docusaurus start`: rebuilding the widget refreshes the served file.
        compilation.fileDependencies.add(this.file);
        compilation.emitAsset(ASSET_NAME, new RawSource(readFileSync(this.file)), {
          // Not content-hashed: the script tag carries ?v=<hash> instead.
          immutable: false,
          sourceFilename: path.basename(this.file),
        });
      });
    });
  }
}

/**
 * @param {import('@docusaurus/types').LoadContext} context
 * @param {TextbookAssistantOptions} rawOptions
 * @returns {import('@docusaurus/types').Plugin}
 */
export default function textbookAssistantPlugin(context, rawOptions) {
  const options = validate(rawOptions);
  const widgetFile = resolveWidgetFile(context.siteDir, options.widgetFile);
  const version = () => createHash('sha256').update(readFileSync(widgetFile)).digest('hex').slice(0, 12);

  return {
    name: PLUGIN_NAME,

    getPathsToWatch() {
      return [widgetFile];
    },

    configureWebpack(_config, isServer) {
      // Only the client bundle is served to browsers; the server bundle renders HTML.
      return isServer ? {} : { plugins: [new EmitWidgetAsset(widgetFile)] };
    },

    injectHtmlTags() {
      /** @type {Record<string, string | boolean>} */
      const attributes = {
        src: `${context.baseUrl}${ASSET_NAME}?v=${version()}`,
        defer: true,
        'data-api-base': options.apiBase,
      };
      if (options.open !== undefined) attributes['data-open'] = String(options.open);
      if (options.maxResults !== undefined) attributes['data-max-results'] = String(options.maxResults);
      return { postBodyTags: [{ tagName: 'script', attributes }] };
    },
  };
}

export { validate as validateTextbookAssistantOptions };
