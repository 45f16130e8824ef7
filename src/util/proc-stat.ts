// /proc/<pid>/stat, the fields after the command name: field 3 (state) is [0], field 22
// (start time in clock ticks since boot) is [19]. The command name (field 2) may hold
// spaces and parentheses, so the fields are counted after its last closing parenthesis.
// Undefined where there is no /proc (macOS) or the process is gone.
import { readFileSync } from 'node:fs';

export function procStatFields(pid: number, procRoot = '/proc'): string[] | undefined {
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}
