// `kubectl exec` is not simulated yet: pods here have no processes. Flags from
// `kubectl exec --help` (v1.32) are accepted so that a call fails on purpose, clearly,
// rather than on a flag error.
import type { FlagSpec } from '../lib/flags.js';
import { err } from './io.js';

export const execFlags: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'duration', def: 60_000 },
  { name: 'filename', short: 'f', type: 'stringSlice' },
];

export async function runExec(args: string[]): Promise<number> {
  if (args.length === 0) {
    err('error: pod, type/name or --filename must be specified\n');
    return 1;
  }
  err('error: kubectl exec is not implemented by the mesh-lab simulator (simulated pods run no processes)\n');
  return 1;
}
