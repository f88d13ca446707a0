// Docusaurus plugin: adds <textbook-assistant> to every page of the site.
//
// Usage in docusaurus.config.js:
//   plugins: [['./plugins/textbook-assistant', { apiBase: 'http://localhost:8787' }]]
//
// How it works, for `docusaurus build` and `docusaurus start` alike:
// - the widget's script-tag bundle (the `@textbook-assistant/widget/iife` export) and the sibling
//   scripts it loads lazily (dist/textbook-assistant.<name>.js, e.g. the Markdown renderer) are
//   emitted as assets of the client bundle at <baseUrl>, so the dev server serves them from
//   memory (and picks up a rebuilt widget) and `docusaurus build` writes them into build/;
// - one <script src=… data-api-base=… defer> tag is injected at the end of <body> of every HTML
//   page. The bundle sees `data-api-base` on its own script tag and mounts one <textbook-assistant>
//   into document.body. Docusaurus is a single-page app: client-side navigation re-renders only
//   <div id="__docusaurus">, never re-runs that script and never touches body's other children,
//   so the element (and its conversation) survives navigation and is mounted exactly once.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PLUGIN_NAME = 'docusaurus-plugin-textbook-assistant';
const ASSET_NAME = 'textbook-assistant.iife.js';
/** Scripts the IIFE loads from its own directory: textbook-assistant.<name>.js (not the ES module). */
const SIBLING = /^textbook-assistant\.[\w-]+\.js$/;
const requireFromHere = createRequire(import.meta.url);

function fail(value, name, expected) {
  throw new Error(`[${PLUGIN_NAME}] option "${name}" must be ${expected}, got ${JSON.stringify(value)}`);
}

/**
 * @typedef {object} TextbookAssistantOptions
 * @property {string} apiBase      Origin (and optional path) of the BFF, e.g. "http://localhost:8787".
 * @property {boolean} [open]      Open the panel on first load.
 * @property {number} [maxResults] Citations per answer, 1..20 (the BFF's default is 5).
 * @property {string} [widgetFile] Path of the IIFE bundle; default: the TEXTBOOK_ASSISTANT_WIDGET_FILE
 *                                 environment variable, else the `@textbook-assistant/widget/iife` export.
 */

/** @param {Partial<TextbookAssistantOptions>} options @returns {TextbookAssistantOptions} */
export function validateTextbookAssistantOptions(options) {
  const { apiBase, open, maxResults, widgetFile } = options ?? {};
  if (typeof apiBase !== 'string' || apiBase.trim() === '')
    fail(apiBase, 'apiBase', 'a non-empty URL string');
  let url;
  try {
    url = new URL(apiBase);
  } catch {
    fail(apiBase, 'apiBase', 'an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    fail(apiBase, 'apiBase', 'an absolute http(s) URL');
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

/** [source file, asset name] pairs to publish: the IIFE, its lazily loaded siblings, their maps. */
function widgetAssets(widgetFile) {
  const dir = path.dirname(widgetFile);
  const pairs = [[widgetFile, ASSET_NAME]];
  let names = [];
  try {
    names = readdirSync(dir);
  } catch {
    // the widget is being rebuilt; the watcher brings us back
  }
  for (const name of names.sort()) {
    if (SIBLING.test(name) && path.join(dir, name) !== widgetFile) pairs.push([path.join(dir, name), name]);
  }
  return pairs.flatMap(([file, name]) => [
    [file, name],
    [`${file}.map`, `${name}.map`],
  ]);
}

/** A webpack (or Rspack) plugin that emits the widget's files as client assets. */
class EmitWidgetAssets {
  constructor(widgetFile) {
    this.widgetFile = widgetFile;
  }
  apply(compiler) {
    const { RawSource } = compiler.webpack.sources;
    const { PROCESS_ASSETS_STAGE_ADDITIONAL } = compiler.webpack.Compilation;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN_NAME, stage: PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          // Watched in `docusaurus start`: a rebuilt widget (or a new sibling script) refreshes the assets.
          compilation.contextDependencies.add(path.dirname(this.widgetFile));
          for (const [file, name] of widgetAssets(this.widgetFile)) {
            const isMap = name.endsWith('.map');
            if (!existsSync(file)) {
              compilation.missingDependencies.add(file);
              if (!isMap) {
                const warning = new compiler.webpack.WebpackError(`[${PLUGIN_NAME}] ${file} is missing`);
                compilation.warnings.push(warning);
              }
              continue;
            }
            compilation.fileDependencies.add(file);
            compilation.emitAsset(name, new RawSource(readFileSync(file)), {
              // Already minified by the widget build: keep it byte-identical (and its source map valid).
              minimized: true,
              development: isMap,
              sourceFilename: path.basename(file),
            });
          }
        },
      );
    });
  }
}

/**
 * @param {import('@docusaurus/types').LoadContext} context
 * @param {TextbookAssistantOptions} rawOptions
 * @returns {import('@docusaurus/types').Plugin}
 */
export default function textbookAssistantPlugin(context, rawOptions) {
  const options = validateTextbookAssistantOptions(rawOptions);
  const widgetFile = resolveWidgetFile(context.siteDir, options.widgetFile);

  /** Cache buster for the script URL: a hash of what is published. */
  const version = () => {
    const hash = createHash('sha256');
    for (const [file, name] of widgetAssets(widgetFile)) {
      if (name.endsWith('.map') || !existsSync(file)) continue;
      hash.update(name).update(readFileSync(file));
    }
    return hash.digest('hex').slice(0, 12);
  };

  return {
    name: PLUGIN_NAME,

    getPathsToWatch() {
      return [widgetFile];
    },

    configureWebpack(_config, isServer) {
      // Only the client bundle is served to browsers; the server bundle renders HTML.
      return isServer ? {} : { plugins: [new EmitWidgetAssets(widgetFile)] };
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
