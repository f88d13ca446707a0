import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_SIZE, type IngestSummary } from './ingest.js';

export const USAGE = `Usage: pnpm ingest <docs-dir> --base-url <site-url> [--reset] [--batch-size N]

Builds or updates the textbook index from a Docusaurus docs folder (.md and .mdx).

  <docs-dir>          the folder the docs plugin reads (e.g. website/docs)
  --base-url <url>    the public URL of that folder's root, e.g. https://book.example.org/docs/
  --reset             drop the existing index first (needed after changing the embedder)
  --batch-size <n>    texts per embedding request, 1-96 (default ${DEFAULT_BATCH_SIZE})
  -h, --help          show this help

The embedder and vector store come from the environment (.env): COHERE_API_KEY and QDRANT_URL,
or the offline defaults under DATA_DIR.`;

/** A mistake in how the command was called: one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliArgs {
  docsDir: string;
  baseUrl: string;
  reset: boolean;
  batchSize: number;
}

export function parseCliArgs(argv: string[]): CliArgs | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'base-url': { type: 'string' },
        reset: { type: 'boolean', default: false },
        'batch-size': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError('expected exactly one <docs-dir>');
  return {
    docsDir: checkDocsDir(positionals[0]!),
    baseUrl: checkBaseUrl(values['base-url']),
    reset: values.reset,
    batchSize: checkBatchSize(values['batch-size']),
  };
}

function checkDocsDir(dir: string): string {
  const full = resolve(dir);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new UsageError(`<docs-dir> ${dir} is not a directory`);
  return full;
}

function checkBaseUrl(value: string | undefined): string {
  if (!value) throw new UsageError('--base-url is required (the public URL of the docs root)');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--base-url ${value} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError('--base-url must be an http:// or https:// URL');
  }
  if (url.search || url.hash) throw new UsageError('--base-url must not have a query or fragment');
  return url.href;
}

function checkBatchSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_BATCH_SIZE;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 96)
    throw new UsageError('--batch-size must be an integer from 1 to 96');
  return n;
}

export function formatSummary(s: IngestSummary): string {
  const line =
    `ingested ${s.pages} pages into ${s.chunks} chunks: ${s.added} added, ${s.updated} updated, ` +
    `${s.unchanged} unchanged, ${s.deleted} deleted, ${s.skipped.length} skipped (${(s.ms / 1000).toFixed(1)} s)`;
  return [line, ...s.skipped.map((p) => `  skipped ${p.path}: ${p.reason}`)].join('\n');
}
