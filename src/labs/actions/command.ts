// What the `run` and `exec` actions share: their `expect` block and the checks of their
// argv and shown text.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { ValidationScope } from '../kinds.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Expecting {
  allowFailure?: boolean | undefined;
  expect?: { exitCode?: number | undefined; stdoutRegex?: string | undefined } | undefined;
}

/** Fails the step unless the command ended as the lab expects. */
export function expectOutcome(what: string, exitCode: number, stdout: string, a: Expecting): void {
  const wantCode = a.expect?.exitCode;
  if (wantCode !== undefined && exitCode !== wantCode) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what} exited ${exitCode}, expected ${wantCode}`);
  }
  if (wantCode === undefined && exitCode !== 0 && !a.allowFailure) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what} failed (exit ${exitCode})`);
  }
  const re = a.expect?.stdoutRegex;
  if (re && !new RegExp(re, 'm').test(stdout)) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what}: output does not match /${re}/`, { detail: stdout });
  }
}

/** `{{params}}` in `shown` and the argv, and `expect.stdoutRegex`. */
export function validateCommand(raw: unknown, v: ValidationScope): void {
  if (!isObj(raw)) return;
  v.placeholders(raw.shown, ['shown']);
  for (const key of ['kubectl', 'istioctl', 'command'] as const) {
    const argv = raw[key];
    if (Array.isArray(argv)) argv.forEach((arg: unknown, i) => v.placeholders(arg, [key, i]));
  }
  if (isObj(raw.expect)) v.regex(raw.expect.stdoutRegex, ['expect', 'stdoutRegex']);
}
