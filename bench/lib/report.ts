import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, arch } from 'node:os';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { benchDir } from './env.js';

export const README = resolve(benchDir, 'README.md');

export interface Machine {
  date: string;
  arch: string;
  cpu: string;
  cores: number;
  load: string;
}

export function machine(): Machine {
  let unameM = arch();
  try {
    unameM = execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim();
  } catch {
    /* keep os.arch() */
  }
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
  } catch {
    /* not Linux */
  }
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    arch: unameM,
    cpu,
    cores: cpus().length,
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

/** A Markdown table; numbers are right-aligned. */
export function table(header: string[], rows: (string | number)[][]): string {
  const align = header.map((_, i) =>
    rows.every((r) => /^[\d.,–×%+-]+/.test(String(r[i] ?? ''))) ? '---:' : '---',
  );
  return [
    `| ${header.join(' | ')} |`,
    `| ${align.join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(String).join(' | ')} |`),
  ].join('\n');
}

/** Warns when the machine is busy: figures recorded under load are pessimistic. */
export function loadNote(before: Machine): string {
  const load1 = Number(before.load.split(' / ')[0]);
  if (load1 <= before.cores) return '';
  return (
    `**Recorded on a busy shared machine** (1-min load ${load1.toFixed(1)} on ${before.cores} cores, ` +
    'other engineers building and testing): absolute figures are pessimistic; the ratios, measured ' +
    'alternately in the same run, are the more reliable part.\n'
  );
}

/**
 * Inserts a run into bench/README.md under `## <section>`, right after that section's
 * `<!-- runs -->` marker, so the newest run comes first. Creates the section when missing.
 */
export function recordRun(section: string, body: string, m: Machine = machine()): void {
  const heading = `## ${section}`;
  const marker = `<!-- runs:${slug(section)} -->`;
  let text = existsSync(README) ? readFileSync(README, 'utf8') : '# Benchmarks\n';
  if (!text.includes(marker)) {
    text = `${text.trimEnd()}\n\n${heading}\n\n${marker}\n`;
  }
  const run = [
    `### ${m.date} — ${m.arch}, ${m.cpu}, ${m.cores} cores, load ${m.load}`,
    '',
    body.trim(),
    '',
    '',
  ].join('\n');
  text = text.replace(marker, () => `${marker}\n\n${run}`);
  writeFileSync(README, `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`);
  console.log(`\n${heading}\n${run}`);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
