// Polls a route until it answers as expected several times in a row. Envoy answers 404
// until the route reaches it, and the gateway may refuse connections while it starts:
// both are waited out. Only the deadline ends the wait unsuccessfully. The loop itself is
// src/util/retry.ts, shared with the lab checks.
import { describeNetworkError, httpRequest, type HttpRequest, type HttpResponse } from '../http/http-request.js';
import { retryUntil } from '../util/retry.js';
import type { AnswerSeen } from './explain.js';

export interface RouteExpectation {
  status: number;
  /** the body must contain this text */
  bodyIncludes?: string;
}

export interface WaitOptions {
  timeoutMs: number;
  consecutive: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  onAttempt?: (attempt: number, observation: string) => void;
  /** injectable for tests */
  send?: (req: HttpRequest) => Promise<HttpResponse>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface WaitResult {
  ok: boolean;
  attempts: number;
  elapsedMs: number;
  lastObservation: string;
  lastResponse?: HttpResponse;
  /** the last attempt's answer (a response or a transport error), for explain.ts */
  lastAnswer?: AnswerSeen;
}

export function describeResponse(res: HttpResponse): string {
  const body = res.body.trim().replace(/\s+/g, ' ');
  const note = res.status === 404 && res.headers.server === 'istio-envoy' && body === '' ? ' (Envoy has no route for this path yet)' : '';
  return `HTTP ${res.status}${body ? ` "${body.length > 80 ? `${body.slice(0, 77)}...` : body}"` : ''}${note}`;
}

export function matches(res: HttpResponse, exp: RouteExpectation): boolean {
  return res.status === exp.status && (exp.bodyIncludes === undefined || res.body.includes(exp.bodyIncludes));
}

export async function waitForRoute(req: HttpRequest, exp: RouteExpectation, opts: WaitOptions): Promise<WaitResult> {
  const send = opts.send ?? httpRequest;
  let lastResponse: HttpResponse | undefined;
  let lastAnswer: AnswerSeen | undefined;
  const r = await retryUntil<string>(
    async (_n, remainingMs) => {
      try {
        const res = await send({ ...req, timeoutMs: Math.min(req.timeoutMs ?? 5000, Math.max(500, remainingMs)) });
        lastResponse = res;
        lastAnswer = res;
        return { pass: matches(res, exp), value: describeResponse(res) };
      } catch (err) {
        let last = describeNetworkError(err);
        lastAnswer = { error: last };
        // Envoy opens a gateway listener only once a Gateway server for that port reaches it
        if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') last += ' (no gateway listener on this port yet: the Gateway has not reached Envoy)';
        return { pass: false, value: last };
      }
    },
    {
      timeoutMs: opts.timeoutMs,
      consecutive: opts.consecutive,
      delayMs: opts.initialDelayMs ?? 250,
      backoff: 1.6,
      maxDelayMs: opts.maxDelayMs ?? 2000,
      onAttempt: (last, { attempt, pass, streak }) => opts.onAttempt?.(attempt, pass ? `${last} (${streak}/${opts.consecutive} in a row)` : last),
      clock: { ...(opts.now ? { now: opts.now } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) },
    },
  );
  return { ok: r.pass, attempts: r.attempts, elapsedMs: r.elapsedMs, lastObservation: r.last, ...(lastResponse ? { lastResponse } : {}), ...(lastAnswer ? { lastAnswer } : {}) };
}
