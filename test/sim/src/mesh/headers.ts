// VirtualService header manipulation (HTTPRoute.headers, HTTPRouteDestination.headers):
// set replaces, add appends (Envoy appends a value to an existing header), remove drops.
import type { HttpResponse } from './types.js';
import type { HeaderOps } from './virtualservice.js';

type Ops = { set?: Record<string, string>; add?: Record<string, string>; remove?: string[] } | undefined;

export function applyOps(headers: Record<string, string>, ops: Ops): void {
  if (!ops) return;
  for (const [k, v] of Object.entries(ops.set ?? {})) headers[k.toLowerCase()] = v;
  for (const [k, v] of Object.entries(ops.add ?? {})) {
    const key = k.toLowerCase();
    headers[key] = headers[key] === undefined ? v : `${headers[key]},${v}`;
  }
  for (const k of ops.remove ?? []) delete headers[k.toLowerCase()];
}

export function withResponseHeaders(res: HttpResponse, ops: HeaderOps | undefined): HttpResponse {
  if (!ops?.response) return res;
  const headers = { ...res.headers };
  applyOps(headers, ops.response);
  return { ...res, headers };
}
