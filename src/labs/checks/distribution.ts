// Pure evaluation of a distribution check: classify N responses into buckets and
// compare each bucket's share with its expected percentage ± tolerance.
import type { Bucket, CheckOutcome, DistributionCheck } from '../types.js';
import { headerValues, type HttpObservation } from './http.js';

export interface BucketResult {
  name: string;
  count: number;
  percent: number;
  expected: number;
  tolerance: number;
  pass: boolean;
}

export interface DistributionOutcome extends CheckOutcome {
  total: number;
  buckets: BucketResult[];
  other: { count: number; percent: number; max: number; examples: string[] };
}

/** The first bucket a sample falls into (all given matchers must match), or undefined. */
export function classify(buckets: readonly Bucket[], obs: HttpObservation): Bucket | undefined {
  return buckets.find((b) => {
    if (b.status !== undefined && obs.status !== b.status) return false;
    if (b.bodyRegex !== undefined && (obs.status === undefined || !new RegExp(b.bodyRegex).test(obs.body ?? ''))) return false;
    if (b.header !== undefined) {
      const re = new RegExp(b.header.regex);
      if (!headerValues(obs.headers, b.header.name).some((v) => re.test(v))) return false;
    }
    return true;
  });
}

type DistributionExpectation = Pick<DistributionCheck, 'buckets' | 'maxOtherPercent'> & { samples?: number };

/** Evaluate samples. Percentages are of all samples taken (failed requests count as "other"). */
export function evaluateDistribution(expectation: DistributionExpectation, samples: readonly HttpObservation[]): DistributionOutcome {
  const total = samples.length;
  const counts = new Map<string, number>(expectation.buckets.map((b) => [b.name, 0]));
  let other = 0;
  const examples: string[] = [];
  for (const s of samples) {
    const b = classify(expectation.buckets, s);
    if (b) counts.set(b.name, (counts.get(b.name) ?? 0) + 1);
    else {
      other++;
      const ex = describeSample(s);
      if (examples.length < 3 && !examples.includes(ex)) examples.push(ex);
    }
  }
  const pct = (n: number): number => (total === 0 ? 0 : (100 * n) / total);
  const buckets: BucketResult[] = expectation.buckets.map((b) => {
    const count = counts.get(b.name) ?? 0;
    const percent = pct(count);
    return { name: b.name, count, percent, expected: b.percent, tolerance: b.tolerance, pass: Math.abs(percent - b.percent) <= b.tolerance + 1e-9 };
  });
  const maxOther = expectation.maxOtherPercent ?? 0;
  const otherPct = pct(other);
  const otherOk = otherPct <= maxOther + 1e-9;
  const enough = total > 0 && (expectation.samples === undefined || total >= expectation.samples);
  const pass = enough && otherOk && buckets.every((b) => b.pass);

  const parts = buckets.map(
    (b) => `${b.name} ${fmt(b.percent)}% (${b.count}/${total}, expected ${fmt(b.expected)}% ± ${fmt(b.tolerance)})${b.pass ? '' : ' ✗'}`,
  );
  if (other > 0 || maxOther > 0)
    parts.push(`other ${fmt(otherPct)}% (${other}/${total}, at most ${fmt(maxOther)}%)${otherOk ? '' : ' ✗'}${examples.length > 0 ? ` e.g. ${examples.join(' | ')}` : ''}`);
  if (!enough) parts.unshift(`only ${total} of ${expectation.samples ?? 1} samples`);
  return { pass, message: parts.join('; '), total, buckets, other: { count: other, percent: otherPct, max: maxOther, examples } };
}

function describeSample(s: HttpObservation): string {
  if (s.status === undefined) return `error: ${s.error ?? 'no response'}`;
  const body = (s.body ?? '').replace(/\s+/g, ' ').trim();
  return `${s.status} ${JSON.stringify(body.length > 60 ? `${body.slice(0, 60)}…` : body)}`;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
