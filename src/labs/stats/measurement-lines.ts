// The terminal picture of a check's measurement: split bars or the latency summary and
// histogram (src/ui/charts.ts), indented under the check's result line.
import { latencyHistogram, splitBars } from '../../ui/charts.js';
import type { Measurement } from './measurement.js';

export function measurementLines(m: Measurement, color: boolean): string[] {
  if (m.kind === 'split') {
    const head = `${m.total} of at most ${m.planned} requests${m.stoppedEarly ? ' (verdict settled early)' : ''}, ${m.confidence} % intervals`;
    const lines = [head, ...splitBars(m.buckets, m.total, { color })];
    if (m.other.count > 0) lines.push(`other: ${m.other.count}/${m.total}${m.other.examples.length > 0 ? `, e.g. ${m.other.examples.join(' | ')}` : ''}`);
    return lines;
  }
  const ms = (n: number): string => `${Math.round(n)} ms`;
  return [
    `p50 ${ms(m.p50)} · p90 ${ms(m.p90)} · p99 ${ms(m.p99)} · ${m.hits}/${m.samples} as expected (${Math.round(m.hitPercent)} %, at least ${m.requiredPercent} % needed)`,
    ...latencyHistogram(m.durationsMs, { color }),
  ];
}
