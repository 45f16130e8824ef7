// Polls a route until it answers as expected several times in a row. Envoy answers 404
// until the route reaches it, and the gateway may refuse connections while it starts:
// both are waited out. Only the deadline ends the wait unsuccessfully.
import { describeNetworkError, httpRequest, type HttpRequest, type HttpResponse } from '../http/http-request.js';

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
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = opts.now ?? Date.now;
  const started = now();
  let delay = opts.initialDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 2000;
  let streak = 0;
  let attempts = 0;
  let last = 'no request sent yet';
  let lastResponse: HttpResponse | undefined;
  for (;;) {
    attempts++;
    try {
      const res = await send({ ...req, timeoutMs: Math.min(req.timeoutMs ?? 5000, Math.max(500, opts.timeoutMs - (now() - started))) });
      lastResponse = res;
      last = describeResponse(res);
      if (matches(res, exp)) {
        streak++;
        if (streak >= opts.consecutive) return { ok: true, attempts, elapsedMs: now() - started, lastObservation: last, lastResponse: res };
        opts.onAttempt?.(attempts, `${last} (${streak}/${opts.consecutive} in a row)`);
        // successes are re-checked quickly: the aim is stability, not patience
        await sleep(Math.min(200, delay));
        continue;
      }
      streak = 0;
    } catch (err) {
      streak = 0;
      last = describeNetworkError(err);
      // Envoy opens a gateway listener only once a Gateway server for that port reaches it
      if ((err as NodeJS.ErrnoException).code === 'ECONNRESET') last += ' (no gateway listener on this port yet: the Gateway has not reached Envoy)';
    }
    opts.onAttempt?.(attempts, last);
    if (now() - started + delay > opts.timeoutMs) {
      return { ok: false, attempts, elapsedMs: now() - started, lastObservation: last, ...(lastResponse ? { lastResponse } : {}) };
    }
    await sleep(delay);
    delay = Math.min(maxDelay, Math.round(delay * 1.6));
  }
}
