// The `distribution` check: N requests, each response classified into buckets, each
// bucket's share compared with its expected percentage ± tolerance. Schema, title,
// validation, run, and the pure evaluation.
import { z } from 'zod';
import { observe } from '../executor/observe.js';
import { defineCheckKind } from '../kinds.js';
import { HeaderName, NonEmpty, RequestSchema, RetrySchema, StatusSchema } from '../schema-parts.js';
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
    /** Expected share of all samples, in percent, and the allowed deviation. */
    percent: z.number().min(0).max(100),
    tolerance: z.number().min(0).max(100),
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
    /** Number of requests to send. */
    samples: z.number().int().min(1).max(10_000),
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
  title: (d) => d.title ?? `distribution of ${d.samples} requests to ${requestTarget(d.request)}`,
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
    return poll(async () => {
      const samples: HttpObservation[] = [];
      // sequential on purpose: a distribution is about the route's choices, not about load
      for (let i = 0; i < d.samples; i++) samples.push(await observe(ctx, d.request, client));
      return evaluateDistribution(d, samples);
    });
  },
});

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
