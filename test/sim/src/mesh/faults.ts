// VirtualService `fault` as Envoy's fault filter applies it, before the router: first
// the delay (if this request is selected), then the abort (if selected). Istio only
// sets the filter's percentage when `percentage` is given; Envoy's default for an
// unset FractionalPercent is 0, so a fault without `percentage` never fires.
// Selection is a random draw per request, seeded (spread.ts), or pickWeight without a spread.
import type { MeshOptions } from './types.js';
import type { HTTPFault } from './virtualservice.js';
import { durationMs } from './duration.js';

export interface FaultOutcome {
  delayMs: number;
  abortStatus?: number;
}

function selected(percent: number | undefined, key: string, opts: MeshOptions): boolean {
  const p = typeof percent === 'number' ? percent : 0;
  if (opts.spread) return opts.spread.percent(key, p);
  return p > 0 && opts.pickWeight(100) < p;
}

export function evaluateFault(fault: HTTPFault | undefined, key: string, opts: MeshOptions): FaultOutcome {
  const out: FaultOutcome = { delayMs: 0 };
  if (!fault) return out;
  const delay = fault.delay;
  const delayMs = durationMs(delay?.fixedDelay);
  if (delay && delayMs !== undefined && selected(delay.percentage?.value, `${key}:delay`, opts)) out.delayMs = delayMs;
  const abort = fault.abort;
  // gRPC and HTTP/2 aborts need a gRPC/HTTP2 client; the simulator's clients are HTTP/1.1.
  if (abort && typeof abort.httpStatus === 'number' && selected(abort.percentage?.value, `${key}:abort`, opts)) out.abortStatus = abort.httpStatus;
  return out;
}

/** Envoy's fault filter answers an abort with this body (and content-type text/plain). */
export const FAULT_ABORT_BODY = 'fault filter abort';
