import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { benchDir } from './env.js';
import { README, table, type Machine } from './report.js';

/**
 * The "RAG" section of bench/README.md: one row per figure (ingest speed, query latency, hit@5),
 * each kept from the latest run of the benchmark that measures it (stored in bench/rag/summary.json
 * and the section re-rendered from it).
 */
const STORE = resolve(benchDir, 'rag/summary.json');
const START = '<!-- rag-summary:start -->';
const END = '<!-- rag-summary:end -->';
const ORDER = ['ingest', 'unchanged re-ingest', 'query latency', 'first token (SSE)', 'hit@5'];

interface Entry {
  value: string;
  source: string;
  date: string;
  machine: string;
}

export function updateRagSummary(key: string, value: string, source: string, m: Machine): void {
  const entries = existsSync(STORE) ? (JSON.parse(readFileSync(STORE, 'utf8')) as Record<string, Entry>) : {};
  entries[key] = { value, source, date: m.date, machine: `${m.cores} cores, load ${m.load.split(' / ')[0]}` };
  writeFileSync(STORE, `${JSON.stringify(entries, null, 2)}\n`);
  const keys = Object.keys(entries).sort((a, b) => rank(a) - rank(b));
  const body = table(
    ['figure', 'value', 'from', 'measured', 'machine'],
    keys.map((k) => [k, entries[k]!.value, entries[k]!.source, entries[k]!.date, entries[k]!.machine]),
  );
  const block = `${START}\n${body}\n${END}`;
  let text = existsSync(README) ? readFileSync(README, 'utf8') : '# Benchmarks\n';
  if (text.includes(START) && text.includes(END)) {
    text = text.slice(0, text.indexOf(START)) + block + text.slice(text.indexOf(END) + END.length);
  } else {
    text = `${text.trimEnd()}\n\n## RAG\n\nThe RAG issue's figures, each from the latest run of its benchmark (details in its section).\n\n${block}\n`;
  }
  writeFileSync(README, text);
}

function rank(key: string): number {
  const i = ORDER.findIndex((k) => key.startsWith(k));
  return i < 0 ? ORDER.length : i;
}
