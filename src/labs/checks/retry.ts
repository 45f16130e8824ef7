// A check's retry window (`retry: {timeoutSeconds, intervalMs, consecutiveSuccesses}`)
// on top of the one retry loop in src/util/retry.ts, with the learner-facing
// "gave up after N attempts" message.
import { realClock, retryUntil, type Clock } from '../../util/retry.js';
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

export async function pollCheck(attempt: () => Promise<CheckOutcome>, retry: Retry | undefined, clock: Clock = realClock): Promise<PollResult> {
  const r = resolveRetry(retry);
  const res = await retryUntil<CheckOutcome>(
    async () => {
      const o = await attempt();
      return { pass: o.pass, value: o };
    },
    { timeoutMs: r.timeoutSeconds * 1000, consecutive: r.consecutiveSuccesses, delayMs: r.intervalMs, clock },
  );
  if (res.pass) return { ...res.last, attempts: res.attempts };
  const lastFailure = res.lastFailure?.message;
  // what the last failing attempt measured, so the numbers behind the message are shown
  const measured = (res.lastFailure ?? res.last).measurement;
  const suffix = r.consecutiveSuccesses > 1 && res.streak > 0 ? ` (${res.streak} of ${r.consecutiveSuccesses} passes in a row)` : '';
  const attempts = res.attempts;
  return {
    pass: false,
    attempts,
    message: `${lastFailure ?? res.last.message}${suffix} — gave up after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${r.timeoutSeconds}s`,
    ...(lastFailure === undefined ? {} : { lastFailure }),
    ...(measured === undefined ? {} : { measurement: measured }),
  };
}
