// What every workshop command shares: the default name and its rules; the flags of
// `workshop status` and `workshop dashboard`. Light on purpose: the program
// imports every command's flags, so the workshop record (zod) is read in workshop-record.ts,
// loaded only when one of them runs.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';

/** The workshop `workshop up` makes when not given --name. */
export const DEFAULT_WORKSHOP_NAME = 'workshop';

export const WORKSHOP_NAME_FLAG = ['--name <workshop>', `which workshop (default "${DEFAULT_WORKSHOP_NAME}")`] as const;

/** The workshop's name: also its environment's, so the same rules. */
export function workshopName(name: string | undefined): string {
  const n = name ?? DEFAULT_WORKSHOP_NAME;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(n) || n.length > 40) {
    throw new MeshLabError(ExitCode.Usage, `workshop name "${n}" must be lower-case letters, digits and '-' (at most 40)`);
  }
  return n;
}

/** `--labs a,b` (not `--lab`: the program's hidden 0.1.0 name of --environment). */
export function splitLabs(raw: string): string[] {
  return raw.split(',').map((s) => s.trim()).filter(Boolean);
}

