import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './env.js';

export const widgetDist = resolve(repoRoot, 'widget/dist');
export const IIFE = resolve(widgetDist, 'textbook-assistant.iife.js');
export const ESM = resolve(widgetDist, 'textbook-assistant.js');
export const MARKDOWN = resolve(widgetDist, 'textbook-assistant.markdown.js');
export const ACCOUNT = resolve(widgetDist, 'textbook-assistant.account.js');
/** The budget for the script-tag build (CI fails above it). */
export const IIFE_BUDGET_BYTES = 30 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

/** Raw and gzip -9 size of a built file, or null when it is not built. */
export function sizeOf(file: string): FileSize | null {
  if (!existsSync(file)) return null;
  const data = readFileSync(file);
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
