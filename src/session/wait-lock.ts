// `--wait-lock <seconds>` of up, down and lab start/run/reset, on its own: commands read it
// when they are built, and the lock itself (./environment-lock.ts, with node:crypto) is
// loaded only by the commands that take it, never by curl, env or lab step.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';

export const DEFAULT_WAIT_LOCK_SECONDS = 60;

/** `--wait-lock <seconds>`: a whole, non-negative number of seconds. */
export function parseWaitLock(value: string | undefined): number {
  if (value === undefined) return DEFAULT_WAIT_LOCK_SECONDS;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new MeshLabError(ExitCode.Usage, `--wait-lock must be a number of seconds (got "${value}")`);
  }
  return n;
}
