// The simulated internet: a few well-known public sites the Istio docs and the labs
// call (httpbin.org, www.google.com, ...), answered in-process. Nothing real is ever
// contacted; an unknown name does not resolve (curl exit 6).
import type { HttpResponse } from '../types.js';

export interface SiteRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

export interface SiteAnswer {
  response: HttpResponse;
  /** how long the site takes to answer (httpbin's /delay/N) */
  latencyMs?: number;
}

export interface Site {
  hosts: string[];
  /** ports the site listens on (80 plain HTTP, 443 HTTPS) */
  ports: Record<number, 'http' | 'https'>;
  /** HTTP version curl negotiates over TLS (ALPN); plain HTTP is always 1.1 */
  tlsHttpVersion: '1.1' | '2';
  handle(req: SiteRequest): SiteAnswer;
}
