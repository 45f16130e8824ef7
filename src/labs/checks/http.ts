// The `http` check: one request (through the ingress or from a pod in the mesh) and an
// expectation on the response. Schema, title, validation, run, and the pure evaluation.
import { z } from 'zod';
import { observe } from '../executor/observe.js';
import { defineCheckKind } from '../kinds.js';
import { HeaderName, NonEmpty, RequestSchema, RetrySchema, StatusSchema } from '../schema-parts.js';
import type { CheckOutcome, HeaderExpectation, HttpExpectation } from '../types.js';
import { clientFor, explainFailure, requestTarget, validateRequest } from './request.js';
import { MeasureSchema, measureLatency } from './latency.js';

export const HeaderExpectationSchema = z.union([
  z.string(),
  z.strictObject({
    equals: z.string().optional(),
    regex: NonEmpty.optional(),
    absent: z.literal(true).optional(),
  }),
]);

export const HttpExpectationSchema = z.strictObject({
  /** One status or a list of acceptable ones. `0` is not allowed: use `error`. */
  status: z.union([StatusSchema, z.array(StatusSchema).min(1)]).optional(),
  bodyRegex: NonEmpty.optional(),
  bodyNotRegex: NonEmpty.optional(),
  /** Header name → exact value (a string) or `{equals|regex|absent}`. */
  headers: z.record(HeaderName, HeaderExpectationSchema).optional(),
  minLatencyMs: z.number().int().min(0).optional(),
  maxLatencyMs: z.number().int().min(1).optional(),
  /** Expect a transport failure (connection reset, TLS failure) instead of a response. */
  error: z.literal(true).optional(),
});

export const HttpCheckSchema = z.strictObject({
  title: NonEmpty.optional(),
  /** The learner-facing equivalent, e.g. `curl -s -I "http://$GATEWAY_URL/helloworld"`. */
  shown: NonEmpty.optional(),
  request: RequestSchema,
  expect: HttpExpectationSchema,
  /** Time several requests and pass on the share that meets `expect` (latency.ts). */
  measure: MeasureSchema.optional(),
  retry: RetrySchema.optional(),
});

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export const httpCheck = defineCheckKind({
  name: 'http',
  schema: HttpCheckSchema,
  title: (c) => c.title ?? `${c.request.method ?? 'GET'} ${requestTarget(c.request)}`,
  validate(raw, v) {
    validateRequest(raw.request, v);
    if (!isObj(raw.expect)) return;
    const e = raw.expect;
    for (const k of ['bodyRegex', 'bodyNotRegex'] as const) v.regex(e[k], ['expect', k]);
    if (isObj(e.headers))
      for (const [h, he] of Object.entries(e.headers)) {
        if (!isObj(he)) continue;
        const n = ['equals', 'regex', 'absent'].filter((k) => he[k] !== undefined).length;
        if (n !== 1) v.error(['expect', 'headers', h], 'a header expectation needs exactly one of "equals", "regex", "absent"');
        v.regex(he.regex, ['expect', 'headers', h, 'regex']);
      }
    if (typeof e.minLatencyMs === 'number' && typeof e.maxLatencyMs === 'number' && e.minLatencyMs > e.maxLatencyMs)
      v.error(['expect', 'maxLatencyMs'], 'maxLatencyMs is below minLatencyMs');
    if (e.error === true && (e.status !== undefined || e.bodyRegex !== undefined))
      v.error(['expect', 'error'], '"error: true" expects no response, so "status"/"bodyRegex" cannot apply');
  },
  async run(ctx, c, poll) {
    const client = await clientFor(ctx, c.request);
    // the last answer seen is what a failure is explained from
    let last: HttpObservation = {};
    const send = async (): Promise<HttpObservation> => (last = await observe(ctx, c.request, client));
    const outcome = c.measure
      ? await poll(async () => measureLatency(c.measure!, c.expect, send, evaluateHttpResult))
      : await poll(async () => evaluateHttpResult(c.expect, await send()));
    return outcome.pass ? outcome : explainFailure(ctx, outcome, last);
  },
});

/** What the executor observed for one request (through the ingress or from a pod). */
export interface HttpObservation {
  /** HTTP status; undefined when the request failed below HTTP (see `error`). */
  status?: number;
  /** Response headers. Names are matched case-insensitively. */
  headers?: Readonly<Record<string, string | readonly string[]>>;
  body?: string;
  /** Wall-clock time from sending to the end of the response. */
  latencyMs?: number;
  /** Transport failure, e.g. `curl: (35) ... SSL_ERROR_SYSCALL`, `ECONNRESET`, exit 56. */
  error?: string;
}

const BODY_EXCERPT = 160;

/** Evaluate one response. The message lists every mismatch: what was expected, what was seen. */
export function evaluateHttpResult(expect: HttpExpectation, obs: HttpObservation): CheckOutcome {
  const problems: string[] = [];
  const seenStatus = obs.status === undefined ? `no response (${obs.error ?? 'request failed'})` : `${obs.status}`;

  if (expect.error === true) {
    if (obs.status === undefined) return { pass: true, message: `request failed as expected: ${obs.error ?? 'no response'}` };
    return { pass: false, message: `expected the request to fail (no HTTP response), got status ${obs.status}${bodyNote(obs.body)}` };
  }
  if (obs.status === undefined) {
    const want = expect.status === undefined ? 'a response' : `status ${statusList(expect.status)}`;
    return { pass: false, message: `expected ${want}, got ${seenStatus}` };
  }

  if (expect.status !== undefined) {
    const ok = Array.isArray(expect.status) ? expect.status.includes(obs.status) : expect.status === obs.status;
    if (!ok) problems.push(`expected status ${statusList(expect.status)}, got ${obs.status}`);
  }
  const body = obs.body ?? '';
  if (expect.bodyRegex !== undefined && !new RegExp(expect.bodyRegex).test(body))
    problems.push(`expected body to match /${expect.bodyRegex}/, got ${excerpt(body)}`);
  if (expect.bodyNotRegex !== undefined && new RegExp(expect.bodyNotRegex).test(body))
    problems.push(`expected body not to match /${expect.bodyNotRegex}/, got ${excerpt(body)}`);
  for (const [name, he] of Object.entries(expect.headers ?? {})) {
    const p = checkHeader(name, he, headerValues(obs.headers, name));
    if (p !== undefined) problems.push(p);
  }
  if (obs.latencyMs !== undefined) {
    if (expect.minLatencyMs !== undefined && obs.latencyMs < expect.minLatencyMs)
      problems.push(`expected the response to take at least ${expect.minLatencyMs} ms, it took ${Math.round(obs.latencyMs)} ms`);
    if (expect.maxLatencyMs !== undefined && obs.latencyMs > expect.maxLatencyMs)
      problems.push(`expected the response within ${expect.maxLatencyMs} ms, it took ${Math.round(obs.latencyMs)} ms`);
  } else if (expect.minLatencyMs !== undefined || expect.maxLatencyMs !== undefined) {
    problems.push('expected a latency bound, but no latency was measured');
  }

  if (problems.length > 0) return { pass: false, message: problems.join('; ') };
  const lat = obs.latencyMs === undefined ? '' : ` in ${Math.round(obs.latencyMs)} ms`;
  return { pass: true, message: `got ${obs.status}${lat} as expected` };
}

/** All values of a header (case-insensitive name). */
export function headerValues(headers: HttpObservation['headers'], name: string): string[] {
  const out: string[] = [];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== lower) continue;
    if (typeof v === 'string') out.push(v);
    else out.push(...v);
  }
  return out;
}

function checkHeader(name: string, he: HeaderExpectation, values: string[]): string | undefined {
  const seen = values.length === 0 ? 'it is absent' : `got ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof he === 'string') return values.includes(he) ? undefined : `expected header ${name}: ${JSON.stringify(he)}, ${seen}`;
  if (he.absent === true) return values.length === 0 ? undefined : `expected no ${name} header, ${seen}`;
  if (he.equals !== undefined) return values.includes(he.equals) ? undefined : `expected header ${name}: ${JSON.stringify(he.equals)}, ${seen}`;
  if (he.regex !== undefined) {
    const re = new RegExp(he.regex);
    return values.some((v) => re.test(v)) ? undefined : `expected header ${name} to match /${he.regex}/, ${seen}`;
  }
  return values.length > 0 ? undefined : `expected header ${name}, it is absent`;
}

function statusList(s: number | readonly number[]): string {
  return typeof s === 'number' ? String(s) : s.length === 1 ? String(s[0]) : `one of ${s.join(', ')}`;
}

function excerpt(body: string): string {
  if (body === '') return 'an empty body';
  const one = body.replace(/\s+/g, ' ').trim();
  return JSON.stringify(one.length > BODY_EXCERPT ? `${one.slice(0, BODY_EXCERPT)}…` : one);
}

function bodyNote(body: string | undefined): string {
  return body === undefined || body === '' ? '' : ` (body ${excerpt(body)})`;
}
