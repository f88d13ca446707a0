#!/usr/bin/env node
// Renders deploy/nginx.conf (or the template given) from the environment to stdout.
//   node deploy/render-nginx.mjs [template] > textbook.conf
// ${UPPER_CASE} names are replaced by their variable; nginx's own $lower_case ones are left alone.
// A line naming BFF_ADDRESSES is written once per comma-separated address. A missing variable fails.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIST = 'BFF_ADDRESSES';

/** @param {string} template @param {Record<string, string | undefined>} env @returns {string} */
export function renderNginx(template, env) {
  const missing = new Set();
  const value = (name) => {
    const v = env[name];
    if (v === undefined || v.trim() === '') missing.add(name);
    return v ?? '';
  };
  // The header comment explains the placeholders; it is no use in the rendered file.
  const body = template.replace(/^(#.*\n)+\n/, '');
  const lines = body.split('\n').flatMap((line) => {
    if (!line.includes(`\${${LIST}}`)) return [line];
    return value(LIST)
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean)
      .map((address) => line.replace(`\${${LIST}}`, address));
  });
  const out = lines.join('\n').replace(/\$\{([A-Z][A-Z0-9_]*)\}/g, (_, name) => value(name));
  if (missing.size > 0) throw new Error(`render-nginx: set ${[...missing].join(', ')}`);
  return `# Rendered from deploy/nginx.conf by deploy/render-nginx.mjs.\n\n${out}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const template = process.argv[2] ?? fileURLToPath(new URL('./nginx.conf', import.meta.url));
  try {
    process.stdout.write(renderNginx(readFileSync(template, 'utf8'), process.env));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
