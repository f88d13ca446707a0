import { median } from './stats.js';
import type { LoadResult } from './load.js';

export interface Side {
  name: string;
  run(): Promise<LoadResult>;
}

export interface Compared {
  medians: { name: string; rps: number; p50: number; p99: number; failed: number }[];
}

/** Runs every side once per round, rotating which goes first, and keeps the medians. */
export async function alternate(sides: Side[], rounds: number, label: string): Promise<Compared> {
  const results = sides.map(() => [] as LoadResult[]);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < sides.length; k++) {
      const i = (k + round) % sides.length;
      results[i]!.push(await sides[i]!.run());
    }
    process.stdout.write(`  ${label}: round ${round + 1}/${rounds}\r`);
  }
  process.stdout.write('\n');
  return {
    medians: sides.map((side, i) => {
      const r = results[i]!;
      return {
        name: side.name,
        rps: median(r.map((x) => x.rps)),
        p50: median(r.map((x) => x.p50)),
        p99: median(r.map((x) => x.p99)),
        failed: r.reduce((sum, x) => sum + x.failed, 0),
      };
    }),
  };
}
