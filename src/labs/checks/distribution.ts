// The `distribution` check: up to N requests, each response classified into buckets;
// it passes when each bucket's expected percentage lies inside the Wilson score
// interval of its count at the check's confidence (default 99 %). Requests go in
// batches and the check stops early once the verdict is settled (rule:
// ../stats/split-verdict.ts; docs/labs.md). Schema, title, validation, run, and the
// pure evaluation.
import { z } from 'zod';
import { observe } from '../executor/observe.js';
import { defineCheckKind } from '../kinds.js';
import { HeaderName, NonEmpty, RequestSchema, RetrySchema, StatusSchema } from '../schema-parts.js';
import type { SplitMeasurement } from '../stats/measurement.js';
import { verdict, type TallyState } from '../stats/split-verdict.js';
import { wilsonInterval, zForConfidence } from '../stats/wilson.js';
import type { Bucket, CheckOutcome, DistributionCheck } from '../types.js';
import { headerValues, type HttpObservation } from './http.js';
import { clientFor, requestTarget, validateRequest } from './request.js';

export const BucketSchema = z
  .strictObject({
    name: NonEmpty,
    /** A sample falls into the first bucket whose every given matcher matches. */
    status: StatusSchema.optional(),
    bodyRegex: NonEmpty.optional(),
    header: z.strictObject({ name: HeaderName, regex: NonEmpty }).optional(),
    /** Expected share of all samples, in percent. */
    percent: z.number().min(0).max(100),
    /**
     * Precision for an early pass, in percentage points (default 5): the check may stop
     * before `samples` once this bucket's interval lies within percent ± tolerance.
     */
    tolerance: z.number().min(0).max(100).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.status === undefined && b.bodyRegex === undefined && b.header === undefined)
      ctx.addIssue({ code: 'custom', message: 'a bucket needs at least one of "status", "bodyRegex", "header"' });
  });

export const DistributionCheckSchema = z
  .strictObject({
    title: NonEmpty.optional(),
    shown: NonEmpty.optional(),
    request: RequestSchema,
    /** Most requests to send (default 200); fewer when the verdict comes early. */
    samples: z.number().int().min(1).max(10_000).optional(),
    /** Two-sided confidence of the intervals, in percent (default 99). */
    confidence: z.number().gt(50).lt(100).optional(),
    buckets: z.array(BucketSchema).min(1),
    /** Share of samples matching no bucket that is still acceptable (percent, default 0). */
    maxOtherPercent: z.number().min(0).max(100).optional(),
    retry: RetrySchema.optional(),
  })
  .superRefine((d, ctx) => {
    const sum = d.buckets.reduce((s, b) => s + b.percent, 0);
    if (Math.abs(sum - 100) > 1e-9 && (d.maxOtherPercent ?? 0) === 0)
      ctx.addIssue({ code: 'custom', message: `bucket percentages add up to ${sum}, not 100`, path: ['buckets'] });
    const seen = new Set<string>();
    d.buckets.forEach((b, i) => {
      if (seen.has(b.name)) ctx.addIssue({ code: 'custom', message: `duplicate bucket name "${b.name}"`, path: ['buckets', i, 'name'] });
      seen.add(b.name);
    });
  });

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const distributionCheck = defineCheckKind({
  name: 'distribution',
  schema: DistributionCheckSchema,
  title: (d) => d.title ?? `distribution of ${d.samples ?? SPLIT_DEFAULTS.samples} requests to ${requestTarget(d.request)}`,
  validate(raw, v) {
    validateRequest(raw.request, v);
    if (Array.isArray(raw.buckets))
      raw.buckets.forEach((b: unknown, i) => {
        if (!isObj(b)) return;
        v.regex(b.bodyRegex, ['buckets', i, 'bodyRegex']);
        if (isObj(b.header)) v.regex(b.header.regex, ['buckets', i, 'header', 'regex']);
      });
  },
  async run(ctx, d, poll) {
    const client = await clientFor(ctx, d.request);
    const planned = d.samples ?? SPLIT_DEFAULTS.samples;
    return poll(async () => {
      const samples: HttpObservation[] = [];
      // sequential on purpose: a distribution is about the route's choices, not about load
      while (samples.length < planned) {
        const batch = Math.min(SPLIT_DEFAULTS.batch, planned - samples.length);
        for (let i = 0; i < batch; i++) samples.push(await observe(ctx, d.request, client));
        const r = evaluateDistribution(d, samples);
        if (r.verdict !== 'continue') return r;
      }
      return evaluateDistribution(d, samples);
    });
  },
});

/** Defaults and the batch size of the early-stopping rule. */
export const SPLIT_DEFAULTS = { samples: 200, confidence: 99, tolerance: 5, batch: 20 } as const;

export interface DistributionOutcome extends CheckOutcome {
  /** pass/fail when settled (early or at the planned n), else continue */
  verdict: 'pass' | 'fail' | 'continue';
  measurement: SplitMeasurement;
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

type DistributionExpectation = Pick<DistributionCheck, 'buckets' | 'maxOtherPercent' | 'confidence'> & { samples?: number | undefined };

/**
 * Evaluate the samples taken so far against the planned number (`samples`, default 200).
 * Shares are of all samples taken (failed requests count as "other").
 */
export function evaluateDistribution(expectation: DistributionExpectation, samples: readonly HttpObservation[]): DistributionOutcome {
  const total = samples.length;
  const planned = Math.max(expectation.samples ?? SPLIT_DEFAULTS.samples, 1);
  const confidence = expectation.confidence ?? SPLIT_DEFAULTS.confidence;
  const z = zForConfidence(confidence);
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
  const maxOther = expectation.maxOtherPercent ?? 0;
  const tally: TallyState = {
    buckets: expectation.buckets.map((b) => ({ count: counts.get(b.name) ?? 0, expected: b.percent / 100, tolerance: (b.tolerance ?? SPLIT_DEFAULTS.tolerance) / 100 })),
    other,
    maxOther: maxOther / 100,
    taken: total,
    planned,
    z,
  };
  const v = verdict(tally);
  const pct = (n: number): number => (total === 0 ? 0 : (100 * n) / total);
  const buckets = expectation.buckets.map((b, i) => {
    const count = tally.buckets[i]!.count;
    const iv = wilsonInterval(count, total, z);
    const interval = { low: 100 * iv.low, high: 100 * iv.high };
    return { name: b.name, count, percent: pct(count), expected: b.percent, interval, pass: b.percent >= interval.low - 1e-9 && b.percent <= interval.high + 1e-9 };
  });
  const otherPct = pct(other);
  const otherOk = other === 0 || 100 * wilsonInterval(other, total, z).low <= maxOther + 1e-9;
  const pass = v === 'pass';

  const parts = buckets.map(
    (b) => `${b.name} ${fmt(b.percent)}% (${b.count}/${total}, expected ${fmt(b.expected)}%, ${fmt(confidence)}% interval ${fmt(b.interval.low)}–${fmt(b.interval.high)}%)${b.pass ? '' : ' ✗'}`,
  );
  if (other > 0 || maxOther > 0)
    parts.push(`other ${fmt(otherPct)}% (${other}/${total}, at most ${fmt(maxOther)}%)${otherOk ? '' : ' ✗'}${examples.length > 0 ? ` e.g. ${examples.join(' | ')}` : ''}`);
  if (total === 0) parts.unshift('no samples');
  const measurement: SplitMeasurement = {
    kind: 'split',
    total,
    planned,
    confidence,
    stoppedEarly: v !== 'continue' && total < planned,
    buckets,
    other: { count: other, percent: otherPct, max: maxOther, examples },
  };
  return { pass, verdict: v, message: parts.join('; '), measurement };
}

function describeSample(s: HttpObservation): string {
  if (s.status === undefined) return `error: ${s.error ?? 'no response'}`;
  const body = (s.body ?? '').replace(/\s+/g, ' ').trim();
  return `${s.status} ${JSON.stringify(body.length > 60 ? `${body.slice(0, 60)}…` : body)}`;
}

function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
