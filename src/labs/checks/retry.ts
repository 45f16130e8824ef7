// The retry window shared by all checks: try until `consecutiveSuccesses` passes in a row
// or `timeoutSeconds` elapse. Time and sleeping are injected so tests need no real clock.
import type { CheckOutcome, Retry } from '../types.js';
import { LAB_DEFAULTS } from '../types.js';

export interface ResolvedRetry {
  timeoutSeconds: number;
  intervalMs: number;
  consecutiveSuccesses: number;
}

export function resolveRetry(r: Retry | undefined): ResolvedRetry {
  return {
    timeoutSeconds: r?.timeoutSeconds ?? LAB_DEFAULTS.retry.timeoutSeconds,
    intervalMs: r?.intervalMs ?? LAB_DEFAULTS.retry.intervalMs,
    consecutiveSuccesses: r?.consecutiveSuccesses ?? LAB_DEFAULTS.retry.consecutiveSuccesses,
  };
}

export interface PollResult extends CheckOutcome {
  attempts: number;
  /** The last failing outcome's message when the check did not pass. */
  lastFailure?: string;
}

export async function pollCheck(
  attempt: () => Promise<CheckOutcome>,
  retry: Retry | undefined,
  clock: { now: () => number; sleep: (ms: number) => Promise<void> } = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  },
): Promise<PollResult> {
  const r = resolveRetry(retry);
  const deadline = clock.now() + r.timeoutSeconds * 1000;
  let streak = 0;
  let attempts = 0;
  let last: CheckOutcome = { pass: false, message: 'not attempted' };
  let lastFailure: string | undefined;
  for (;;) {
    attempts++;
    last = await attempt();
    if (last.pass) {
      streak++;
      if (streak >= r.consecutiveSuccesses) return { ...last, attempts };
    } else {
      streak = 0;
      lastFailure = last.message;
    }
    if (clock.now() + r.intervalMs > deadline) break;
    await clock.sleep(r.intervalMs);
  }
  const suffix = r.consecutiveSuccesses > 1 && streak > 0 ? ` (${streak} of ${r.consecutiveSuccesses} passes in a row)` : '';
  return {
    pass: false,
    attempts,
    message: `${lastFailure ?? last.message}${suffix} — gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${r.timeoutSeconds}s`,
    ...(lastFailure === undefined ? {} : { lastFailure }),
  };
}
