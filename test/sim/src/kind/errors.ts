// kind's error shapes: plain errors wrapped with context ("failed to create cluster:
// ..."), and RunError for a failed command, whose captured output kind's main prints
// after the error line as "\nCommand Output: ...".
import { shellQuote } from './gofmt.js';

export class KindError extends Error {}

export class RunError extends KindError {
  constructor(
    readonly command: string[],
    readonly output: string,
    readonly exitCode: number,
  ) {
    super(`command "${command.map(shellQuote).join(' ')}" failed with error: exit status ${exitCode}`);
  }
}

/** errors.Wrap: prefixes the message, keeps the RunError (and its output) reachable. */
export function wrap(err: unknown, msg: string): KindError {
  const inner = err instanceof Error ? err : new Error(String(err));
  const e = new KindError(`${msg}: ${inner.message}`);
  (e as { cause?: unknown }).cause = inner;
  return e;
}

export function runErrorOf(err: unknown): RunError | undefined {
  let e: unknown = err;
  while (e instanceof Error) {
    if (e instanceof RunError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** k8s-style aggregate: one error prints alone, several as "[a, b]" (duplicates dropped). */
export function aggregate(messages: string[]): KindError | undefined {
  const uniq = [...new Set(messages)];
  if (uniq.length === 0) return undefined;
  return new KindError(uniq.length === 1 ? uniq[0]! : `[${uniq.join(', ')}]`);
}
