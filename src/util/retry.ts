// The one retry loop: attempt until `consecutive` passes in a row or the deadline.
// `up`'s route verification and every lab check use it. After a failure it sleeps
// (growing by `backoff` up to `maxDelayMs`); after a pass that is not yet enough it tries
// again at once: a route that already answered needs no waiting, only confirmation.
// Time and sleeping are injectable so tests need no real clock.

export interface Clock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise<void>((r) => setTimeout(r, ms)),
};

export interface RetryOptions<T> {
  /** Give up once this much time has passed (a failure does not sleep past it). */
  timeoutMs: number;
  /** Passes in a row needed (default 1). */
  consecutive?: number;
  /** Sleep after a failure. */
  delayMs: number;
  /** Multiply the delay by this after each sleep (default 1: a fixed interval). */
  backoff?: number;
  /** Upper bound for a growing delay. */
  maxDelayMs?: number;
  /** Called after every attempt that does not end the loop with a pass. */
  onAttempt?: (result: T, info: { attempt: number; pass: boolean; streak: number }) => void;
  clock?: Partial<Clock>;
}

export interface RetryResult<T> {
  pass: boolean;
  attempts: number;
  /** Passes in a row at the end (less than `consecutive` when it gave up). */
  streak: number;
  elapsedMs: number;
  /** What the last attempt returned. */
  last: T;
  /** What the last failing attempt returned, if any attempt failed. */
  lastFailure?: T;
}

/**
 * Calls `attempt(n, remainingMs)` until it passes `consecutive` times in a row or
 * `timeoutMs` is up. `remainingMs` lets an attempt bound its own request time.
 */
export async function retryUntil<T>(
  attempt: (n: number, remainingMs: number) => Promise<{ pass: boolean; value: T }>,
  opts: RetryOptions<T>,
): Promise<RetryResult<T>> {
  const now = opts.clock?.now ?? realClock.now;
  const sleep = opts.clock?.sleep ?? realClock.sleep;
  const needed = opts.consecutive ?? 1;
  const started = now();
  let delay = opts.delayMs;
  let streak = 0;
  let attempts = 0;
  let lastFailure: { value: T } | undefined;
  for (;;) {
    attempts++;
    const r = await attempt(attempts, opts.timeoutMs - (now() - started));
    const elapsed = (): number => now() - started;
    const result = (pass: boolean): RetryResult<T> => ({
      pass,
      attempts,
      streak,
      elapsedMs: elapsed(),
      last: r.value,
      ...(lastFailure === undefined ? {} : { lastFailure: lastFailure.value }),
    });
    if (r.pass) {
      streak++;
      if (streak >= needed) return result(true);
      opts.onAttempt?.(r.value, { attempt: attempts, pass: true, streak });
      if (elapsed() > opts.timeoutMs) return result(false);
      continue;
    }
    streak = 0;
    lastFailure = { value: r.value };
    opts.onAttempt?.(r.value, { attempt: attempts, pass: false, streak });
    if (elapsed() + delay > opts.timeoutMs) return result(false);
    await sleep(delay);
    delay = Math.min(opts.maxDelayMs ?? Infinity, Math.round(delay * (opts.backoff ?? 1)));
  }
}
