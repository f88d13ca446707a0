import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Compiler, WebpackPluginInstance } from 'webpack';

export const PLUGIN_NAME = 'docusaurus-plugin-textbook-assistant';
/** The name the IIFE is published under, at the site's baseUrl. */
export const ASSET_NAME = 'textbook-assistant.iife.js';
/** Scripts the IIFE loads from its own directory: textbook-assistant.<name>.js (not the ES module). */
const SIBLING = /^textbook-assistant\.[\w-]+\.js$/;
const requireFromHere = createRequire(import.meta.url);

/** Where the widget's IIFE is, or a clear error that says how to produce it. */
export function resolveWidgetFile(siteDir: string, widgetFile: string | undefined): string {
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
      `[${PLUGIN_NAME}] the widget bundle @textbook-assistant/widget/iife is missing: install ` +
        '@textbook-assistant/widget next to this plugin (in this repository: pnpm --filter @textbook-assistant/widget build)',
      { cause },
    );
  }
}

/** [source file, asset name] pairs to publish: the IIFE, its lazily loaded siblings, their maps. */
export function widgetAssets(widgetFile: string): [file: string, name: string][] {
  const dir = path.dirname(widgetFile);
  const pairs: [string, string][] = [[widgetFile, ASSET_NAME]];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    // the widget is being rebuilt; the watcher brings us back
  }
  for (const name of names.sort()) {
    if (SIBLING.test(name) && path.join(dir, name) !== widgetFile) pairs.push([path.join(dir, name), name]);
  }
  return pairs.flatMap(([file, name]): [string, string][] => [
    [file, name],
    [`${file}.map`, `${name}.map`],
  ]);
}

/**
 * A webpack (or Rspack, with Docusaurus Faster) plugin that emits the widget's files as client
 * assets, byte for byte: `docusaurus start` serves them from memory and `docusaurus build` writes
 * them into build/.
 */
export class EmitWidgetAssets implements WebpackPluginInstance {
  constructor(private readonly widgetFile: string) {}

  apply(compiler: Compiler): void {
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
              if (!isMap)
                compilation.warnings.push(
                  new compiler.webpack.WebpackError(`[${PLUGIN_NAME}] ${file} is missing`),
                );
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
