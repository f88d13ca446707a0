import type { OptionValidationContext } from '@docusaurus/types';
import type * as UtilsValidation from '@docusaurus/utils-validation';
import { createRequire } from 'node:module';

// A CommonJS module whose `Joi` Node's ESM loader cannot see as a named export, while Docusaurus's
// loader (jiti) gives it no default export: `require` reads the same object under both.
const { Joi } = createRequire(import.meta.url)('@docusaurus/utils-validation') as typeof UtilsValidation;

/** Layouts of `<textbook-assistant>`: the modal dialog (its default) or a panel docked beside the page. */
export const LAYOUTS = ['dialog', 'sidepanel'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** What `docusaurus.config.js` passes: `plugins: [['@textbook-assistant/docusaurus', { apiBase }]]`. */
export interface Options {
  /** Origin (and optional path) of the BFF, e.g. `https://assistant.example.org`; the element's `api-base`. */
  apiBase: string;
  /** Open the panel when a page first loads. */
  open?: boolean;
  /** Passages an answer may draw on, 1–20 (the BFF's default when unset). */
  maxResults?: number;
  /** How the assistant is placed; the element's `layout` attribute. */
  layout?: Layout;
  /** Path (relative to the site) of another IIFE bundle; default: `@textbook-assistant/widget/iife`. */
  widgetFile?: string;
}

/** The options after validation (Docusaurus validates without converting, and adds `id`). */
export type PluginOptions = Options & { id?: string };

const schema = Joi.object<PluginOptions>({
  apiBase: Joi.string()
    .trim()
    .uri({ scheme: ['http', 'https'] })
    .required(),
  open: Joi.boolean(),
  maxResults: Joi.number().integer().min(1).max(20),
  layout: Joi.string().valid(...LAYOUTS),
  widgetFile: Joi.string(),
});

/** Docusaurus calls this before the plugin: a bad option stops the build with Joi's message naming it. */
export function validateOptions({
  validate,
  options,
}: OptionValidationContext<Options, PluginOptions>): PluginOptions {
  return validate(schema, options);
}
