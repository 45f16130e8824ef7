import { describe, expect, it } from 'vitest';
import { retryUntil } from '../../../src/util/retry.js';
import { pollCheck } from '../../../src/labs/checks/retry.js';
import { waitForRoute } from '../../../src/verify/wait-for-route.js';

function fakeClock() {
  let t = 0;
  const sleeps: number[] = [];
  return { sleeps, now: () => t, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)) };
}

describe('the one retry loop (src/util/retry.ts)', () => {
  it('does not wait between passes when several in a row are needed', async () => {
    const c = fakeClock();
    const seq = [false, true, true, true];
    const r = await retryUntil(async () => ({ pass: seq.shift() ?? false, value: 'x' }), { timeoutMs: 10_000, consecutive: 3, delayMs: 1000, clock: c });
    expect(r).toMatchObject({ pass: true, attempts: 4, streak: 3 });
    expect(c.sleeps).toEqual([1000]);
  });

  it('backs off after failures up to the maximum, and never sleeps past the deadline', async () => {
    const c = fakeClock();
    const r = await retryUntil(async () => ({ pass: false, value: 'no' }), { timeoutMs: 5000, delayMs: 250, backoff: 2, maxDelayMs: 1000, clock: c });
    expect(r.pass).toBe(false);
    expect(c.sleeps).toEqual([250, 500, 1000, 1000, 1000, 1000]);
    expect(c.now()).toBeLessThanOrEqual(5000);
    expect(r.lastFailure).toBe('no');
  });

  it('lab checks: a route that answers is confirmed without sleeping', async () => {
    const c = fakeClock();
    const r = await pollCheck(async () => ({ pass: true, message: 'ok' }), { consecutiveSuccesses: 3, intervalMs: 1000 }, c);
    expect(r).toMatchObject({ pass: true, attempts: 3 });
    expect(c.sleeps).toEqual([]);
  });

  it("up's route verification: three 200s in a row take no sleep", async () => {
    const c = fakeClock();
    const r = await waitForRoute({ host: '127.0.0.1', port: 1, path: '/helloworld' }, { status: 200 }, {
      timeoutMs: 60_000,
      consecutive: 3,
      ...c,
      send: async () => ({ status: 200, body: 'Hello World', headers: {}, elapsedMs: 1 }),
    });
    expect(r).toMatchObject({ ok: true, attempts: 3 });
    expect(c.sleeps).toEqual([]);
  });
});
