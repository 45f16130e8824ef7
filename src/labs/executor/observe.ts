// One HTTP observation, either through the ingress (node:http from this machine) or from
// inside the mesh (curl in the client pod via `kubectl exec`), in the shape the pure
// evaluators in ../checks read.
import { describeNetworkError, httpRequest } from '../../http/http-request.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { HttpObservation } from '../checks/http.js';
import { renderString } from '../render.js';
import type { HttpRequestSpec } from '../types.js';
import { LAB_DEFAULTS } from '../types.js';
import { findClientPod, type ClientPod } from './client-pod.js';
import type { ExecContext } from './context.js';

/** curl -w writes this after the body, so status and timing can be split off reliably. */
const MARKER = '\n__mesh_lab_curl__';

/** The check's client-side timeout (`request.timeoutSeconds`, like `curl -m`; default 10 s). */
export function requestTimeoutSeconds(req: HttpRequestSpec): number {
  return req.timeoutSeconds ?? LAB_DEFAULTS.requestTimeoutSeconds;
}

export async function observe(ctx: ExecContext, req: HttpRequestSpec, client?: ClientPod): Promise<HttpObservation> {
  return req.via === 'ingress' ? observeIngress(ctx, req) : observeMesh(ctx, req, client ?? (await findClientPod(ctx, req.from)));
}

async function observeIngress(ctx: ExecContext, req: HttpRequestSpec): Promise<HttpObservation> {
  const e = ctx.ingress;
  if (!e) throw new MeshLabError(ExitCode.NotFound, 'the lab has no discovered ingress', { hint: 'run `mesh-lab lab start <id>` first' });
  const started = Date.now();
  try {
    const res = await httpRequest({
      host: e.host,
      port: e.port,
      path: renderString(req.path ?? '/', ctx.runtime),
      method: req.method ?? 'GET',
      headers: { ...(ctx.ingressHost ? { host: ctx.ingressHost } : {}), ...lowerKeys(req.headers ?? {}) },
      timeoutMs: requestTimeoutSeconds(req) * 1000,
      ...(req.body !== undefined ? { body: req.body } : {}),
    });
    return { status: res.status, headers: res.headers, body: res.body, latencyMs: res.elapsedMs };
  } catch (err) {
    return { error: describeNetworkError(err), latencyMs: Date.now() - started };
  }
}

export function curlArgs(req: HttpRequestSpec, url: string): string[] {
  const args = ['curl', '-sS', '-D', '-', '-o', '-', '-w', `${MARKER}%{http_code} %{time_total}`, '-X', req.method ?? 'GET', '--max-time', String(requestTimeoutSeconds(req))];
  for (const [k, v] of Object.entries(req.headers ?? {})) args.push('-H', `${k}: ${v}`);
  if (req.body !== undefined) args.push('--data-raw', req.body);
  args.push(url);
  return args;
}

/** Splits `curl -D - -o - -w MARKER...` output into status, headers, body and time. */
export function parseCurlOutput(stdout: string): HttpObservation {
  const at = stdout.lastIndexOf(MARKER);
  const tail = at >= 0 ? stdout.slice(at + MARKER.length).trim() : '';
  const [code, seconds] = tail.split(' ');
  let rest = at >= 0 ? stdout.slice(0, at) : stdout;
  const headers: Record<string, string> = {};
  // with redirects or 100-continue curl prints several heads; the last one is the answer
  for (;;) {
    const end = rest.search(/\r?\n\r?\n/);
    if (!/^HTTP\/[\d.]+ \d{3}/.test(rest) || end < 0) break;
    const head = rest.slice(0, end);
    rest = rest.slice(end).replace(/^\r?\n\r?\n/, '');
    for (const k of Object.keys(headers)) delete headers[k];
    for (const line of head.split(/\r?\n/).slice(1)) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
  }
  const status = Number(code);
  const obs: HttpObservation = { headers, body: rest };
  if (status > 0) obs.status = status;
  if (seconds !== undefined && !Number.isNaN(Number(seconds))) obs.latencyMs = Math.round(Number(seconds) * 1000);
  return obs;
}

async function observeMesh(ctx: ExecContext, req: HttpRequestSpec, pod: ClientPod): Promise<HttpObservation> {
  const url = renderString(req.url!, ctx.runtime);
  const started = Date.now();
  // kubectl exec gets curl's own limit plus room for the exec round trip (at least 30 s)
  const timeoutMs = Math.max(30_000, (requestTimeoutSeconds(req) + 20) * 1000);
  const r = await ctx.kubectl.run(['exec', pod.name, '-n', pod.namespace, '-c', pod.container, '--', ...curlArgs(req, url)], { reject: false, timeoutMs });
  const obs = parseCurlOutput(r.stdout);
  if (r.exitCode !== 0) {
    // curl's own exit codes: 6 resolve, 7 connect, 28 timeout, 35 TLS, 56 receive failure
    obs.error = r.stderr.trim().split('\n').pop() || `curl exited ${r.exitCode}`;
    delete obs.status;
  }
  obs.latencyMs ??= Date.now() - started;
  return obs;
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}
