// The `measure` form of an http check (fault delays, route timeouts, retries): send
// `samples` requests, time each, and pass when at least `minPercent` of them meet the
// check's `expect` (status, body, and the latency bounds, i.e. the expected delay or
// timeout). Reports p50/p90/p99 and the share that met it.
import { z } from 'zod';
import type { LatencyMeasurement } from '../stats/measurement.js';
import { percentile } from '../stats/percentiles.js';
import type { CheckOutcome, HttpExpectation } from '../types.js';
import type { HttpObservation } from './http.js';

export const MeasureSchema = z.strictObject({
  /** Requests to send and time (sequentially). */
  samples: z.number().int().min(2).max(200),
  /** Share of them that must meet `expect`, in percent (default 90): the lab's tolerance. */
  minPercent: z.number().min(0).max(100).optional(),
});
export type Measure = z.infer<typeof MeasureSchema>;

export const MEASURE_DEFAULT_MIN_PERCENT = 90;

export async function measureLatency(
  m: Measure,
  expect: HttpExpectation,
  send: () => Promise<HttpObservation>,
  evaluate: (e: HttpExpectation, o: HttpObservation) => CheckOutcome,
): Promise<CheckOutcome> {
  const durations: number[] = [];
  const misses: string[] = [];
  let hits = 0;
  for (let i = 0; i < m.samples; i++) {
    const obs = await send();
    durations.push(Math.round(obs.latencyMs ?? 0));
    const o = evaluate(expect, obs);
    if (o.pass) hits++;
    else if (misses.length < 2 && !misses.includes(o.message)) misses.push(o.message);
  }
  return latencyOutcome(m, durations, hits, misses);
}

/** Pure: the outcome of measured durations and how many met the expectation. */
export function latencyOutcome(m: Measure, durationsMs: number[], hits: number, misses: readonly string[]): CheckOutcome & { measurement: LatencyMeasurement } {
  const required = m.minPercent ?? MEASURE_DEFAULT_MIN_PERCENT;
  const n = durationsMs.length;
  const hitPercent = n === 0 ? 0 : (100 * hits) / n;
  const measurement: LatencyMeasurement = {
    kind: 'latency',
    samples: n,
    durationsMs,
    p50: percentile(durationsMs, 50),
    p90: percentile(durationsMs, 90),
    p99: percentile(durationsMs, 99),
    hits,
    hitPercent,
    requiredPercent: required,
  };
  const pass = n > 0 && hitPercent >= required - 1e-9;
  const lat = `p50 ${measurement.p50} ms, p90 ${measurement.p90} ms, p99 ${measurement.p99} ms`;
  const share = `${hits}/${n} (${Math.round(hitPercent)}%) as expected, at least ${required}% needed`;
  const message = pass ? `${share}; ${lat}` : `${share}; measured ${lat}${misses.length > 0 ? `; e.g. ${misses.join(' | ')}` : ''}`;
  return { pass, message, measurement };
}
