/**
 * Fails when custom-elements.json no longer describes the element that ships:
 * - it differs from what `cem analyze` makes of the current JSDoc header (not regenerated);
 * - a `part` in a template is missing from it, or it documents a part no template has;
 * - a `--ta-*` property the styles declare on `:host` is missing, has another default, or is
 *   documented but not declared;
 * - an event of TextbookAssistantEventMap is missing or untyped;
 * - the module it points at is not a file the package exports.
 *
 *   pnpm --filter @textbook-assistant/widget check:manifest     (part of `pnpm lint`)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import type { CSSResult } from 'lit';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems: string[] = [];

interface Manifest {
  modules: {
    path: string;
    declarations?: {
      tagName?: string;
      cssParts?: { name: string }[];
      cssProperties?: { name: string; default?: string }[];
      events?: { name: string; type?: { text: string } }[];
    }[];
  }[];
}

const manifestText = readFileSync(join(root, 'custom-elements.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const module = manifest.modules.find((m) => m.declarations?.some((d) => d.tagName === 'textbook-assistant'));
const element = module?.declarations?.find((d) => d.tagName === 'textbook-assistant');
if (!module || !element) throw new Error('custom-elements.json declares no <textbook-assistant>');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.ts$/.test(name) && !/\.(test|d)\.ts$/.test(name) ? [file] : [];
  });
}

function compareSets(what: string, inCode: Set<string>, inManifest: Set<string>): void {
  for (const name of inCode)
    if (!inManifest.has(name)) problems.push(`${what} "${name}" is missing from the manifest`);
  for (const name of inManifest)
    if (!inCode.has(name)) problems.push(`${what} "${name}" is documented but not in the code`);
}

// 1. Regenerated from the JSDoc, the manifest is the same.
// (In a copy: `cem analyze` writes its output and package.json's `customElements` under its cwd.)
const scratch = mkdtempSync(join(tmpdir(), 'ta-cem-'));
try {
  for (const name of ['src', 'package.json', 'custom-elements-manifest.config.mjs'])
    cpSync(join(root, name), join(scratch, name), { recursive: true });
  execFileSync(join(root, 'node_modules/.bin/cem'), ['analyze', '--quiet'], { cwd: scratch, stdio: 'pipe' });
  if (readFileSync(join(scratch, 'custom-elements.json'), 'utf8') !== manifestText)
    problems.push(
      'custom-elements.json is stale: run `pnpm --filter @textbook-assistant/widget exec cem analyze`',
    );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// 2. Parts: every name in a static part="…" of a template, and nothing else.
const parts = new Set<string>();
for (const file of sourceFiles(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  if (/\bpart=\$\{/.test(text))
    problems.push(`${file}: a computed part=\${…} cannot be checked; write the names out`);
  for (const [, names] of text.matchAll(/\bpart=["']([^"'$]*)["']/g)) {
    for (const name of (names ?? '').split(/\s+/).filter(Boolean)) parts.add(name);
  }
}
compareSets('part', parts, new Set(element.cssParts?.map((p) => p.name)));

// 3. CSS properties: the defaults the styles really declare on :host.
const declared = new Map<string, string>();
for (const file of readdirSync(join(root, 'src/styles')).filter((f) => f.endsWith('.styles.ts'))) {
  const styles = (await import(join(root, 'src/styles', file))) as Record<string, CSSResult>;
  for (const sheet of Object.values(styles)) {
    postcss
      .parse(sheet.cssText)
      .walkRules(':host', (rule) =>
        rule.walkDecls(
          /^--ta-/,
          (decl) => void declared.set(decl.prop, decl.value.replace(/\s+/g, ' ').trim()),
        ),
      );
  }
}
const documented = new Map(element.cssProperties?.map((p) => [p.name, p.default ?? '']));
compareSets('CSS property', new Set(declared.keys()), new Set(documented.keys()));
for (const [name, value] of declared) {
  const doc = documented.get(name);
  if (doc !== undefined && doc !== value)
    problems.push(`${name}: the manifest's default is "${doc}", the styles' is "${value}"`);
}

// 4. Events: each of TextbookAssistantEventMap, with its type.
const eventMap = readFileSync(join(root, 'src/events.ts'), 'utf8').match(
  /interface TextbookAssistantEventMap \{([^}]*)\}/,
);
const eventTypes = new Map(
  [...(eventMap?.[1] ?? '').matchAll(/'(ta-[a-z-]+)':\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]),
);
if (eventTypes.size === 0) problems.push('src/events.ts: TextbookAssistantEventMap not found');
compareSets('event', new Set(eventTypes.keys()), new Set(element.events?.map((e) => e.name)));
for (const event of element.events ?? []) {
  const type = eventTypes.get(event.name);
  if (type && event.type?.text !== type)
    problems.push(`event ${event.name}: typed "${event.type?.text}" in the manifest, "${type}" in code`);
}

// 5. The module is what a package user imports.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};
const targets = JSON.stringify(pkg.exports);
if (!targets.includes(`"./${module.path}"`))
  problems.push(`the manifest's module ${module.path} is not a package export`);

if (problems.length) {
  console.error(`custom-elements.json does not match the widget:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(
  `custom-elements.json: ${parts.size} parts, ${declared.size} CSS properties, ${eventTypes.size} events, all documented`,
);
