// Prints the raw and gzipped size of each build (zlib, level 9), and fails over the IIFE budget
// when SIZE_BUDGET_KB is set.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { readdirSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const files = readdirSync(dist)
  .filter((f) => f.endsWith('.js'))
  .map((f) => `dist/${f}`);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let iifeGzip = 0;
for (const file of files) {
  const raw = readFileSync(new URL(`../${file}`, import.meta.url));
  const gzip = gzipSync(raw, { level: 9 }).length;
  if (file.endsWith('.iife.js')) iifeGzip = gzip;
  console.log(`${file.padEnd(34)} ${kb(raw.length).padStart(9)} raw  ${kb(gzip).padStart(8)} gzip`);
}
const budget = Number(process.env.SIZE_BUDGET_KB);
if (budget && iifeGzip > budget * 1024) {
  console.error(`IIFE is ${kb(iifeGzip)} gzipped, over the ${budget} KB budget`);
  process.exit(1);
}
