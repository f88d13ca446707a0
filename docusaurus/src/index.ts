/**
 * Adds `<textbook-assistant>` to every page of a Docusaurus site:
 *
 *   plugins: [['@textbook-assistant/docusaurus', { apiBase: 'https://assistant.example.org' }]]
 *
 * It publishes the widget's one-file IIFE (and the sibling scripts it loads lazily) at the site's
 * baseUrl and adds one `<script … data-api-base data-chunks="beside" defer>` at the end of every
 * page's body; the script mounts a single element into document.body. Client-side navigation
 * re-renders only `#__docusaurus`, never re-runs that script nor touches body's other children, so
 * the element and its conversation survive navigation and it is mounted exactly once.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { LoadContext, Plugin } from '@docusaurus/types';
import type { PluginOptions } from './options.js';
import {
  ASSET_NAME,
  EmitWidgetAssets,
  PLUGIN_NAME,
  resolveWidgetFile,
  widgetAssets,
} from './widget-assets.js';

export { validateOptions, LAYOUTS, type Layout, type Options, type PluginOptions } from './options.js';

/** Cache buster for the script URL: a hash of what is published. */
function contentHash(widgetFile: string): string {
  const hash = createHash('sha256');
  for (const [file, name] of widgetAssets(widgetFile)) {
    if (name.endsWith('.map') || !existsSync(file)) continue;
    hash.update(name).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 12);
}

/** The script tag's attributes: the IIFE reads `data-*` on its own tag and mounts the element. */
function scriptAttributes(src: string, options: PluginOptions): Record<string, string | boolean> {
  const apiBase = options.apiBase.replace(/\/+$/, ''); // the widget appends /api/v1 and /widget/
  const attributes: Record<string, string | boolean> = {
    src,
    defer: true,
    'data-api-base': apiBase,
    // The lazy chunks are published beside the script (EmitWidgetAssets): load them from there.
    'data-chunks': 'beside',
  };
  if (options.open !== undefined) attributes['data-open'] = String(options.open);
  if (options.maxResults !== undefined) attributes['data-max-results'] = String(options.maxResults);
  if (options.layout !== undefined) attributes['data-layout'] = options.layout;
  return attributes;
}

export default function textbookAssistantPlugin(context: LoadContext, options: PluginOptions): Plugin {
  const widgetFile = resolveWidgetFile(context.siteDir, options.widgetFile);
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
      const src = `${context.baseUrl}${ASSET_NAME}?v=${contentHash(widgetFile)}`;
      return { postBodyTags: [{ tagName: 'script', attributes: scriptAttributes(src, options) }] };
    },
  };
}
