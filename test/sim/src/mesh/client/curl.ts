// `curl` as run inside a pod: builds the request curl would send, asks the pod's network
// (sidecar.ts) what happens to it, waits as long as that takes (capped by --max-time),
// then writes what curl writes: headers (-D, -i, -I), body (-o), --write-out, and on
// failure `curl: (N) message` on stderr (with -S, or without -s) and exit code N.
import { STATUS_CODES } from 'node:http';
import type { OutboundRequest, OutboundResult } from '../sidecar.js';
import { CurlUsageError, normalizeUrl, parseCurlArgs, USAGE_HINT, type CurlOptions } from './curl-args.js';
import { formatWriteOut, type TransferInfo } from './write-out.js';

export const CURL_VERSION = '8.11.1';

export interface CurlEnv {
  fetch(req: OutboundRequest): OutboundResult;
  sleep(ms: number): Promise<void>;
  clock(): number;
}

export interface CurlRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Request headers in curl's order; -H replaces ("Name: v"), removes ("Name:") or sends empty ("Name;"). */
function requestHeaders(o: CurlOptions, url: URL, method: string): Record<string, string> {
  const defPort = url.protocol === 'https:' ? '443' : '80';
  const h: Record<string, string> = {
    host: url.port && url.port !== defPort ? `${url.hostname}:${url.port}` : url.hostname,
    'user-agent': o.userAgent ?? `curl/${CURL_VERSION}`,
    accept: '*/*',
  };
  if (o.data !== undefined && method !== 'HEAD') {
    h['content-length'] = String(Buffer.byteLength(o.data));
    h['content-type'] = 'application/x-www-form-urlencoded';
  }
  for (const raw of o.headers) {
    const semi = /^([^:;]+);\s*$/.exec(raw);
    if (semi) {
      h[semi[1]!.trim().toLowerCase()] = '';
      continue;
    }
    const i = raw.indexOf(':');
    if (i <= 0) continue; // curl ignores a header without a colon
    const name = raw.slice(0, i).trim().toLowerCase();
    const value = raw.slice(i + 1).trim();
    if (value === '') delete h[name];
    else h[name] = value;
  }
  return h;
}

function headText(r: Extract<OutboundResult, { kind: 'http' }>, date: string): { text: string; count: number } {
  const lines: string[] = [];
  const h = { ...r.response.headers };
  const order = Object.keys(h).filter((k) => !['content-length', 'date', 'server', 'x-envoy-upstream-service-time'].includes(k));
  const all: Array<[string, string]> = order.map((k) => [k, h[k]!]);
  all.push(['content-length', String(Buffer.byteLength(r.response.body))]);
  all.push(['date', h.date ?? date]);
  if (h['x-envoy-upstream-service-time'] !== undefined) all.push(['x-envoy-upstream-service-time', h['x-envoy-upstream-service-time']]);
  if (h.server !== undefined) all.push(['server', h.server]);
  const status = r.response.status;
  lines.push(r.httpVersion === '2' ? `HTTP/2 ${status} ` : `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`);
  for (const [k, v] of all) lines.push(`${k}: ${v}`);
  return { text: `${lines.map((l) => `${l}\r\n`).join('')}\r\n`, count: all.length };
}

/** The meter curl draws on stderr when not silent and stdout is not a terminal (final frame only). */
function progressMeter(bytes: number, seconds: number): string {
  const speed = seconds > 0 ? Math.round(bytes / seconds) : bytes;
  const n = (v: number, w: number) => String(v).padStart(w);
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `\r${n(100, 3)} ${n(bytes, 5)}  ${n(100, 3)} ${n(bytes, 5)}    0     0 ${n(speed, 6)}      0 --:--:-- --:--:-- --:--:-- ${n(speed, 6)}\n`
  );
}

function verboseLog(url: URL, method: string, headers: Record<string, string>, r?: Extract<OutboundResult, { kind: 'http' }>, head?: string): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  let s = `* Host ${url.hostname}:${port} was resolved.\n*   Trying ${url.hostname}:${port}...\n* Connected to ${url.hostname} port ${port}\n`;
  s += `> ${method} ${url.pathname}${url.search} HTTP/1.1\r\n`;
  for (const [k, v] of Object.entries(headers)) s += `> ${k.replace(/(^|-)([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase())}: ${v}\r\n`;
  s += '> \r\n* Request completely sent off\n';
  if (r && head) {
    for (const line of head.split('\r\n').slice(0, -1)) s += `< ${line}\r\n`;
    s += `* Connection #0 to host ${url.hostname} left intact\n`;
  }
  return s;
}

export async function runCurl(argv: string[], env: CurlEnv): Promise<CurlRun> {
  let o: CurlOptions;
  try {
    o = parseCurlArgs(argv);
  } catch (e) {
    if (e instanceof CurlUsageError) return { stdout: '', stderr: `curl: ${e.message}\n${USAGE_HINT}`, code: 2 };
    throw e;
  }
  if (o.urls.length > 1) return { stdout: '', stderr: 'curl: the mesh-lab simulator runs one URL per curl\n', code: 2 };
  const showErr = o.showError || !o.silent;
  const started = env.clock();
  const { url, error } = normalizeUrl(o.urls[0]!);
  const method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
  const info: TransferInfo = {
    httpCode: 0, timeTotalS: 0, sizeDownload: 0, sizeHeader: 0, url: url?.toString() ?? o.urls[0]!, exitCode: 0, errorMessage: '',
    httpVersion: '0', method, scheme: url?.protocol.replace(':', '') ?? '', numHeaders: 0,
  };
  let stdout = '';
  let stderr = '';
  const finish = (code: number, message: string): CurlRun => {
    info.exitCode = code;
    info.errorMessage = message;
    info.timeTotalS = (env.clock() - started) / 1000;
    if (o.writeOut !== undefined) {
      const w = formatWriteOut(o.writeOut, info);
      stdout += w.text;
      stderr += w.warnings;
    }
    if (code !== 0 && showErr) stderr += `curl: (${code}) ${message}\n`;
    return { stdout, stderr, code };
  };
  if (!url) return finish(error!.code, error!.message);

  const headers = requestHeaders(o, url, method);
  const result = env.fetch({ method, url, headers });
  const cap = o.maxTimeMs;
  if (cap !== undefined && cap > 0 && result.latencyMs > cap) {
    await env.sleep(cap);
    const ms = Math.max(Math.round(cap), env.clock() - started);
    if (o.verbose) stderr += verboseLog(url, method, headers);
    return finish(28, `Operation timed out after ${ms} milliseconds with 0 bytes received`);
  }
  await env.sleep(result.latencyMs);
  if (result.kind === 'error') {
    if (o.verbose) stderr += `* Could not resolve host or connect: ${result.message}\n`;
    return finish(result.code, result.message);
  }

  const head = headText(result, new Date().toUTCString());
  const body = method === 'HEAD' ? '' : result.response.body;
  info.httpCode = result.response.status;
  info.httpVersion = result.httpVersion === '2' ? '2' : '1.1';
  info.contentType = result.response.headers['content-type'];
  info.sizeHeader = Buffer.byteLength(head.text);
  info.numHeaders = head.count;
  if (o.verbose) stderr += verboseLog(url, method, headers, result, head.text);
  if (o.dumpHeader === '-') stdout += head.text;
  if (o.fail && result.response.status >= 400) {
    return finish(22, `The requested URL returned error: ${result.response.status}`);
  }
  info.sizeDownload = Buffer.byteLength(body);
  const out = (o.include || o.head ? head.text : '') + body;
  // -o FILE other than "-" writes into the pod's filesystem, which nothing here can read back.
  if (o.output === undefined || o.output === '-') stdout += out;
  if (!o.silent && !o.noProgress && !o.verbose) stderr += progressMeter(info.sizeDownload, (env.clock() - started) / 1000);
  return finish(0, '');
}
