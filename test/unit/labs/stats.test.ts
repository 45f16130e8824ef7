import { describe, expect, it } from 'vitest';
import { normalQuantile, wilsonInterval, zForConfidence } from '../../../src/labs/stats/wilson.js';
import { verdict, type TallyState } from '../../../src/labs/stats/split-verdict.js';
import { percentile } from '../../../src/labs/stats/percentiles.js';
import { latencyOutcome } from '../../../src/labs/checks/latency.js';
import { bar, splitBars } from '../../../src/ui/charts.js';

const close = (a: number, b: number, digits = 4) => expect(a).toBeCloseTo(b, digits);

describe('normal quantile', () => {
  // values of Python's statistics.NormalDist().inv_cdf
  it('gives z for 95, 99, 99.9 % two-sided', () => {
    close(zForConfidence(95), 1.9599639845400536, 7);
    close(zForConfidence(99), 2.5758293035489, 7);
    close(zForConfidence(99.9), 3.2905267314919255, 7);
    close(normalQuantile(0.5), 0, 9);
    close(normalQuantile(0.01), -2.3263478740408408, 7);
  });
});

describe('Wilson score interval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion",
  // Statistics in Medicine 17:857–872, Table I, method 3 (score, no continuity correction), 95 %.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i at 95 %% → %f–%f (Newcombe 1998)', (k, n, low, high) => {
    const i = wilsonInterval(k, n, zForConfidence(95));
    close(i.low, low);
    close(i.high, high);
  });

  // Computed from the closed form (centre ± half, see wilson.ts) with z = 2.5758293035489.
  it.each([
    [180, 200, 0.8318860850639248, 0.9424264953950009],
    [160, 200, 0.718046581588116, 0.8626878537560784],
    [99, 100, 0.9201988714650057, 0.9988248545734876],
    [5, 10, 0.1842255182472355, 0.8157744817527646],
  ])('%i/%i at 99 %%', (k, n, low, high) => {
    const i = wilsonInterval(k, n, zForConfidence(99));
    close(i.low, low, 8);
    close(i.high, high, 8);
  });

  it('is exact at the edges: k = 0 reaches 0, k = n reaches 1', () => {
    expect(wilsonInterval(0, 100, 2.576).low).toBe(0);
    expect(wilsonInterval(100, 100, 2.576).high).toBe(1);
    close(wilsonInterval(100, 100, zForConfidence(99)).low, 0.937779312284177, 8);
  });
});

describe('early stopping (split-verdict.ts)', () => {
  const z = zForConfidence(99);
  const state = (v1: number, v2: number, planned: number, tolerance = 0.08, expected = [0.9, 0.1], other = 0): TallyState => ({
    buckets: [
      { count: v1, expected: expected[0]!, tolerance },
      { count: v2, expected: expected[1]!, tolerance },
    ],
    other,
    maxOther: 0,
    taken: v1 + v2 + other,
    planned,
    z,
  });

  it('continues while the interval is wider than the tolerance', () => {
    expect(verdict(state(18, 2, 200))).toBe('continue'); // n = 20: 99 % interval of 0.9 is about ±0.2
  });

  it('passes early once each interval contains the expected share and lies within ± tolerance', () => {
    // 108/120: v1 0.807–0.951 within 0.9 ± 0.1, v2 0.049–0.193 within 0.1 ± 0.1
    expect(verdict(state(108, 12, 200, 0.1))).toBe('pass');
    expect(verdict(state(108, 12, 200, 0.08))).toBe('continue');
    // 40/40 has an interval 0.857–1 inside 0.9 ± 0.1 only because it is clipped at 1: go on
    expect(verdict(state(40, 0, 400, 0.1))).toBe('continue');
    // the same counts with the lab's default precision (±5) need more samples
    expect(verdict(state(108, 12, 200, 0.05))).toBe('continue');
  });

  it('fails early once no reachable final count can contain the expected share', () => {
    // 80/20 after 100 of 200: even 100 more v1 give 180/200, whose interval contains 0.9 → continue
    expect(verdict(state(80, 20, 200))).toBe('continue');
    // 80/20 after 160 (128/32): at most 168/200 = 0.84, interval high 0.893 < 0.9 → fail now
    expect(verdict(state(128, 32, 200))).toBe('fail');
    // 100 % expected: one v2 settles it at once
    expect(verdict(state(19, 1, 100, 0, [1, 0]))).toBe('fail');
  });

  it('an unmatched answer fails at once when none are allowed', () => {
    expect(verdict(state(18, 1, 200, 0.08, [0.9, 0.1], 1))).toBe('fail');
  });

  it('at the planned number the verdict is final', () => {
    expect(verdict(state(176, 24, 200, 0))).toBe('pass');
    expect(verdict(state(160, 40, 200, 0))).toBe('fail');
    expect(verdict(state(100, 0, 100, 0, [1, 0]))).toBe('pass');
  });
});

describe('percentiles and latency outcomes', () => {
  it('nearest rank', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(v, 50), percentile(v, 90), percentile(v, 99)]).toEqual([50, 90, 99]);
    expect(percentile([2000, 10, 2010], 50)).toBe(2000);
  });

  it('passes on the share that met the expectation, and shows the measured latency', () => {
    const ok = latencyOutcome({ samples: 10, minPercent: 90 }, Array.from({ length: 10 }, () => 2003), 10, []);
    expect(ok.pass).toBe(true);
    expect(ok.measurement).toMatchObject({ p50: 2003, p99: 2003, hits: 10, hitPercent: 100 });
    const bad = latencyOutcome({ samples: 4 }, [2003, 2004, 2005, 2010], 1, ['expected status 504, got 200']);
    expect(bad.pass).toBe(false);
    expect(bad.message).toBe('1/4 (25%) as expected, at least 90% needed; measured p50 2004 ms, p90 2010 ms, p99 2010 ms; e.g. expected status 504, got 200');
  });
});

describe('charts', () => {
  it('draws bars in eighths of a cell, padded to the width', () => {
    expect(bar(1, 4)).toBe('████');
    expect(bar(0.5, 3)).toBe('█▌ ');
    expect(bar(0, 2)).toBe('  ');
  });

  it('aligns one line per bucket, plain without colour', () => {
    const lines = splitBars(
      [
        { name: 'v1', count: 182, percent: 91, expected: 90, pass: true },
        { name: 'v2', count: 18, percent: 9, expected: 10, pass: true },
      ],
      200,
      { color: false, width: 16 },
    );
    expect(lines).toEqual(['v1 ██████████████▌   91 % (182/200)  expected 90 %', 'v2 █▌                 9 % ( 18/200)  expected 10 %']);
    expect(lines.join('')).not.toContain('\u001b[');
    expect(splitBars([{ name: 'v1', count: 1, percent: 100, expected: 100, pass: true }], 1, { color: true })[0]).toContain('\u001b[32m');
  });
});
