import { readFileSync } from 'node:fs';

/** A process as the kernel knows it: a pid is reused (after a reboot, in a restarted container), this is not. */
export interface ProcessIdentity {
  pid: number;
  /** This boot of the kernel (Linux: /proc/sys/kernel/random/boot_id), or null where unknown. */
  bootId: string | null;
  /** When the process started, in clock ticks since boot (Linux: /proc/<pid>/stat field 22), or null. */
  startTime: string | null;
}

export function processIdentity(pid: number, proc = '/proc'): ProcessIdentity {
  return { pid, bootId: readOrNull(`${proc}/sys/kernel/random/boot_id`), startTime: startTimeOf(pid, proc) };
}

function startTimeOf(pid: number, proc: string): string | null {
  const stat = readOrNull(`${proc}/${pid}/stat`);
  if (!stat) return null;
  // Field 2 (the command) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 overall: 3 is the first after the command
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
}
