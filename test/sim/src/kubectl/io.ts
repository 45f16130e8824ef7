// Output plumbing shared by the kubectl commands: a command returns its exit code and
// writes through these, so that stdout/stderr ordering matches the real tool.
import { ApiError, renderErrors } from '../k8s/errors.js';
import { klogLines, Unauthenticated, unauthorizedKlogLines, Unreachable } from './context.js';

export function out(s: string): void {
  if (s) process.stdout.write(s);
}

export function err(s: string): void {
  if (s) process.stderr.write(s);
}

export class UsageError extends Error {}

/** Prints an error the way kubectl's CheckErr does and returns the exit code. */
export function fail(e: unknown, discoveryPath = '/api'): number {
  if (e instanceof Unreachable) {
    err(klogLines(e, discoveryPath, 5));
    err(`${e.message}\n`);
    return 1;
  }
  if (e instanceof Unauthenticated) {
    err(unauthorizedKlogLines(5));
    err(`error: You must be logged in to the server (${e.message})\n`);
    return 1;
  }
  if (e instanceof ApiError) {
    err(renderErrors([e]));
    return 1;
  }
  if (e instanceof UsageError) {
    err(`${e.message}\n`);
    return 1;
  }
  throw e;
}
