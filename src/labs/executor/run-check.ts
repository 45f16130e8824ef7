// Runs one check of a step against the cluster through its kind (checks/registry.ts),
// retrying within its window, and returns a message that says what was expected and what
// was seen.
import { builtinKinds } from '../schema.js';
import { kindOf, type CheckKind } from '../kinds.js';
import { pollCheck, resolveRetry } from '../checks/retry.js';
import type { Check, CheckOutcome, Retry } from '../types.js';
import type { ExecContext } from './context.js';

export interface CheckRun extends CheckOutcome {
  title: string;
  attempts: number;
}

function resolve(check: Check, kinds: readonly CheckKind[]): { kind: CheckKind; body: unknown } {
  const k = kindOf(kinds, check);
  // the loader validated the lab against the same kinds, so this is a programming error
  if (k === undefined) throw new Error(`a check of no known kind (${Object.keys(check).join(', ')})`);
  return k;
}

export function checkTitle(check: Check, kinds: readonly CheckKind[] = builtinKinds.checks): string {
  const { kind, body } = resolve(check, kinds);
  return kind.title(body);
}

function capped(ctx: ExecContext, retry: Retry | undefined): Retry | undefined {
  if (ctx.maxWaitSeconds === undefined) return retry;
  const window = Math.min(resolveRetry(retry).timeoutSeconds, ctx.maxWaitSeconds);
  return { ...(retry ?? {}), timeoutSeconds: Math.max(window, 0.001) };
}

export async function runCheck(ctx: ExecContext, check: Check): Promise<CheckRun> {
  const { kind, body } = resolve(check, ctx.kinds?.checks ?? builtinKinds.checks);
  const retry = capped(ctx, (body as { retry?: Retry }).retry);
  const r = await kind.run(ctx, body, (attempt) => pollCheck(attempt, retry));
  return { title: kind.title(body), pass: r.pass, message: r.message, attempts: r.attempts, ...(r.measurement === undefined ? {} : { measurement: r.measurement }) };
}
