// httpbin.org (postmanlabs/httpbin under gunicorn 19.9.0): the endpoints the Istio egress
// tasks use. JSON bodies are Flask's jsonify output (2-space indent, sorted keys, a final
// newline); request header names appear in canonical Title-Case, as httpbin shows them.
import type { HttpResponse } from '../types.js';
import type { Site, SiteAnswer, SiteRequest } from './types.js';

const TEAPOT = `
    -=[ teapot ]=-

       _...._
     .'  _ _ \`.
    | ."\` ^ \`". _,
    \\_;\`"---"\`|//
      |       ;/
      \\_     _/
        \`"""\`
`;

const NOT_FOUND =
  '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.</p>\n';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te']);

function titleCase(name: string): string {
  return name.split('-').map((w) => (w ? w[0]!.toUpperCase() + w.slice(1).toLowerCase() : w)).join('-');
}

function sortKeys(o: unknown): unknown {
  if (Array.isArray(o)) return o.map(sortKeys);
  if (o && typeof o === 'object') return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys((o as Record<string, unknown>)[k])]));
  return o;
}

function traceId(req: SiteRequest): string {
  // AWS's load balancer adds X-Amzn-Trace-Id; any stable-looking value will do.
  const t = Math.floor(Date.now() / 1000).toString(16);
  let h = 0;
  for (const c of `${req.path}${t}${Math.random()}`) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return `Root=1-${t}-${h.toString(16).padStart(8, '0')}${'0'.repeat(16)}`;
}

function shownHeaders(req: SiteRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) out[titleCase(k)] = v;
  out.Host = req.headers.host ?? req.host;
  out['X-Amzn-Trace-Id'] = traceId(req);
  return out;
}

function json(status: number, body: unknown): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', server: 'gunicorn/19.9.0' },
    body: `${JSON.stringify(sortKeys(body), null, 2)}\n`,
  };
}

function plain(status: number, body: string, type = 'text/html; charset=utf-8', extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': type, 'access-control-allow-origin': '*', 'access-control-allow-credentials': 'true', server: 'gunicorn/19.9.0', ...extra }, body };
}

function origin(): string {
  return '203.0.113.10'; // TEST-NET-3: documentation address, never routable
}

function getLike(req: SiteRequest, path: string): Record<string, unknown> {
  const url = new URL(`${req.scheme}://${req.headers.host ?? req.host}${path}`);
  const args: Record<string, string> = {};
  for (const [k, v] of url.searchParams) args[k] = v;
  return { args, headers: shownHeaders(req), origin: origin(), url: url.toString() };
}

export const httpbin: Site = {
  hosts: ['httpbin.org', 'www.httpbin.org'],
  ports: { 80: 'http', 443: 'https' },
  tlsHttpVersion: '2',
  handle(req): SiteAnswer {
    const [path = '/'] = req.path.split('?');
    let m: RegExpExecArray | null;
    if (path === '/headers') return { response: json(200, { headers: shownHeaders(req) }) };
    if (path === '/ip') return { response: json(200, { origin: origin() }) };
    if (path === '/user-agent') return { response: json(200, { 'user-agent': req.headers['user-agent'] ?? null }) };
    if (path === '/get') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return { response: plain(405, '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n<p>The method is not allowed for the requested URL.</p>\n') };
      return { response: json(200, getLike(req, req.path)) };
    }
    if ((m = /^\/status\/(\d{3})$/.exec(path))) {
      const code = Number(m[1]);
      if (code === 418) return { response: plain(418, TEAPOT, 'text/html; charset=utf-8', { 'x-more-info': 'http://tools.ietf.org/html/rfc2324' }) };
      return { response: plain(code, '') };
    }
    if ((m = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(path))) {
      // httpbin caps the delay at 10 s
      return { response: json(200, { ...getLike(req, req.path), data: '', files: {}, form: {} }), latencyMs: Math.min(10, Number(m[1])) * 1000 };
    }
    if (path === '/') return { response: plain(200, '<!DOCTYPE html>\n<html lang="en">\n<head>\n    <meta charset="UTF-8">\n    <title>httpbin.org</title>\n</head>\n<body>\n    <h2 class="title">httpbin.org</h2>\n</body>\n</html>\n') };
    return { response: plain(404, NOT_FOUND) };
  },
};
