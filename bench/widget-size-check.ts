/**
 * CI size gate: exits 1 when the script-tag build (widget/dist/textbook-assistant.iife.js) is
 * over 30 KB gzipped (zlib level 9), or when it is not built.
 *
 *   npx tsx bench/widget-size-check.ts
 */
import { IIFE, IIFE_BUDGET_BYTES, kb, sizeOf } from './lib/widget-files.js';

const size = sizeOf(IIFE);
if (!size) {
  console.error(`widget size check: ${IIFE} is not built (pnpm --filter @textbook-assistant/widget build)`);
  process.exit(1);
}
const verdict = size.gzip <= IIFE_BUDGET_BYTES ? 'ok' : 'OVER BUDGET';
console.log(
  `widget size check: textbook-assistant.iife.js ${kb(size.gzip)} gzipped (budget ${kb(IIFE_BUDGET_BYTES)}): ${verdict}`,
);
process.exit(size.gzip <= IIFE_BUDGET_BYTES ? 0 : 1);
