/**
 * HTTP(S) downloads with node:http/node:https only: redirects, an inactivity timeout,
 * a size cap, progress callbacks, proxies (see proxy.ts), and streaming SHA-256.
 * A failed download never leaves its destination file behind.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { createHash } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { ToolsError, describeError } from './errors.js';
import { describeProxy, openTunnel, proxyAuthorization, proxyForUrl } from './proxy.js';

export interface DownloadProgress {
  url: string;
  received: number;
  /** From Content-Length; undefined when the server does not say. */
  total: number | undefined;
}

export interface HttpOptions {
  /** Environment for proxy variables (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Inactivity timeout: connecting, waiting for headers, or between body chunks (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Extra trusted CA certificates (TLS-intercepting proxies, tests). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Largest body accepted (default 1 GiB for files, 1 MiB for text). */
  maxBytes?: number;
}

export interface DownloadFileOptions extends HttpOptions {
  onProgress?: (p: DownloadProgress) => void;
}

export interface DownloadResult {
  bytes: number;
  sha256: string;
  /** URL after redirects. */
  finalUrl: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'mesh-lab (tool bootstrap)';
const RETRY_HINT = 'check the network or proxy settings (HTTPS_PROXY/NO_PROXY) and retry';

function redact(url: URL | string): string {
  const u = new URL(String(url));
  u.username = '';
  u.password = '';
  return u.href;
}

/** Resets on activity; fires `onExpire` after `ms` of silence. */
class Watchdog {
  private timer: NodeJS.Timeout | undefined;
  expired = false;
  constructor(private readonly ms: number, private readonly onExpire: () => void) {}
  kick(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.expired = true;
      this.onExpire();
    }, this.ms);
  }
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

interface Opened {
  req: http.ClientRequest;
  res: http.IncomingMessage;
  finalUrl: URL;
}

async function requestOnce(
  url: URL,
  opts: HttpOptions,
  timeoutMs: number,
  onRequest: (req: http.ClientRequest) => void,
): Promise<{ req: http.ClientRequest; res: http.IncomingMessage }> {
  const env = opts.env ?? process.env;
  const proxy = proxyForUrl(url, env);
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: '*/*' };
  let req: http.ClientRequest;
  if (url.protocol === 'https:') {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const port = Number(url.port || 443);
    if (proxy) {
      const raw = await openTunnel(proxy, host, port, timeoutMs);
      const secure = tls.connect({ socket: raw, host, servername: net_isIp(host) ? '' : host, ca: opts.ca });
      // No `agent` here: with agent:false Node would build a fresh Agent and ignore
      // createConnection, silently connecting directly instead of through the tunnel.
      req = https.request({
        host,
        port,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers: { ...headers, Host: url.host },
        createConnection: () => secure,
      });
    } else {
      req = https.request(url, { method: 'GET', headers, agent: false, ca: opts.ca });
    }
  } else if (url.protocol === 'http:') {
    if (proxy) {
      const auth = proxyAuthorization(proxy);
      req = http.request({
        host: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: Number(proxy.port || 80),
        path: url.href,
        method: 'GET',
        headers: { ...headers, Host: url.host, ...(auth ? { 'Proxy-Authorization': auth } : {}) },
        agent: false,
      });
    } else {
      req = http.request(url, { method: 'GET', headers, agent: false });
    }
  } else {
    throw new ToolsError('network', `cannot download ${redact(url)}: only http and https URLs are supported`);
  }
  onRequest(req);
  return new Promise((resolve, reject) => {
    req.once('response', (res) => resolve({ req, res }));
    req.once('error', reject);
    req.end();
  });
}

function net_isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** Sends GET, follows redirects, and returns the 200 response (body unread). */
async function openResponse(url: string, opts: HttpOptions, watchdog: Watchdog, track: (req: http.ClientRequest, res?: http.IncomingMessage) => void): Promise<Opened> {
  const maxRedirects = opts.maxRedirects ?? 5;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    watchdog.kick();
    const { req, res } = await requestOnce(current, opts, timeoutMs, (q) => track(q));
    track(req, res);
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      req.destroy();
      if (hop >= maxRedirects) {
        throw new ToolsError('network', `too many redirects (>${maxRedirects}) fetching ${redact(url)}; the mirror or proxy is misconfigured`);
      }
      const next = new URL(res.headers.location, current);
      if (current.protocol === 'https:' && next.protocol !== 'https:') {
        throw new ToolsError('network', `refusing redirect from https to ${next.protocol} (${redact(next)}) while fetching ${redact(url)}`);
      }
      current = next;
      continue;
    }
    if (status !== 200) {
      res.resume();
      req.destroy();
      throw new ToolsError(
        'http-status',
        `HTTP ${status} ${res.statusMessage ?? ''} from ${redact(current)}`.replace(/\s+from/, ' from') +
          (status === 404 ? '; the release asset does not exist at that URL (check the version or MESH_LAB_TOOLS_BASE_URL)' : `; ${RETRY_HINT}`),
      );
    }
    return { req, res, finalUrl: current };
  }
}

/**
 * Runs `body` against the 200 response with timeout/abort handling, converting
 * low-level failures into ToolsErrors.
 */
async function withResponse<T>(url: string, opts: HttpOptions, body: (o: Opened, watchdog: Watchdog) => Promise<T>): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let req: http.ClientRequest | undefined;
  let res: http.IncomingMessage | undefined;
  let aborted = false;
  const kill = (): void => {
    res?.destroy();
    req?.destroy();
  };
  const watchdog = new Watchdog(timeoutMs, kill);
  const onAbort = (): void => {
    aborted = true;
    kill();
  };
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (opts.signal?.aborted) throw new ToolsError('network', `download of ${redact(url)} was cancelled`);
    const opened = await openResponse(url, opts, watchdog, (q, s) => {
      req = q;
      res = s;
    });
    return await body(opened, watchdog);
  } catch (e) {
    if (watchdog.expired) {
      throw new ToolsError('timeout', `no data from ${redact(url)} for ${seconds(timeoutMs)}, gave up; ${RETRY_HINT}`, { cause: e });
    }
    if (aborted) throw new ToolsError('network', `download of ${redact(url)} was cancelled`, { cause: e });
    if (e instanceof ToolsError) throw e;
    const proxy = safeProxy(url, opts.env ?? process.env);
    throw new ToolsError(
      'network',
      `download of ${redact(url)} failed (${describeError(e)})${proxy ? ` via proxy ${describeProxy(proxy)}` : ''}; ${RETRY_HINT}`,
      { cause: e },
    );
  } finally {
    watchdog.stop();
    opts.signal?.removeEventListener('abort', onAbort);
    kill();
  }
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms}ms` : `${Math.round(ms / 100) / 10}s`;
}

function safeProxy(url: string, env: NodeJS.ProcessEnv): URL | undefined {
  try {
    return proxyForUrl(new URL(url), env);
  } catch {
    return undefined;
  }
}

function contentLength(res: http.IncomingMessage): number | undefined {
  const h = res.headers['content-length'];
  if (h === undefined || !/^\d+$/.test(h)) return undefined;
  return Number(h);
}

function truncatedBy(url: URL, received: number, total: number | undefined, cause?: unknown): ToolsError {
  return new ToolsError(
    'truncated',
    `download of ${redact(url)} ended early: got ${received} bytes${total !== undefined ? ` of ${total}` : ''}${cause ? ` (${describeError(cause)})` : ''}; the partial file was discarded, ${RETRY_HINT}`,
    cause === undefined ? {} : { cause },
  );
}

function truncated(url: URL, received: number, total: number | undefined): ToolsError {
  return truncatedBy(url, received, total);
}

/**
 * Downloads `url` into `dest`, which must not exist (it is created with O_EXCL, so use a
 * unique temp name). On success the file is fsynced and closed; on any failure it is removed.
 */
export async function downloadToFile(url: string, dest: string, opts: DownloadFileOptions = {}): Promise<DownloadResult> {
  const maxBytes = opts.maxBytes ?? 1024 * 1024 * 1024;
  const handle = await open(dest, 'wx', 0o600);
  let ok = false;
  try {
    const result = await withResponse(url, opts, async ({ res, finalUrl }, watchdog) => {
      const total = contentLength(res);
      if (total !== undefined && total > maxBytes) {
        throw new ToolsError('too-large', `${redact(finalUrl)} is ${total} bytes, more than the ${maxBytes}-byte limit; the URL is probably wrong`);
      }
      const hash = createHash('sha256');
      let received = 0;
      opts.onProgress?.({ url: finalUrl.href, received, total });
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          watchdog.kick();
          received += chunk.length;
          if (received > maxBytes) {
            throw new ToolsError('too-large', `${redact(finalUrl)} sent more than the ${maxBytes}-byte limit; the URL is probably wrong`);
          }
          hash.update(chunk);
          let off = 0;
          while (off < chunk.length) off += (await handle.write(chunk, off, chunk.length - off)).bytesWritten;
          opts.onProgress?.({ url: finalUrl.href, received, total });
        }
      } catch (e) {
        // A connection dropped mid-body surfaces as "aborted"/ECONNRESET: report it as truncation.
        if (e instanceof ToolsError || watchdog.expired || opts.signal?.aborted) throw e;
        throw truncatedBy(finalUrl, received, total, e);
      }
      if (!res.complete || (total !== undefined && received !== total)) throw truncated(finalUrl, received, total);
      await handle.sync();
      return { bytes: received, sha256: hash.digest('hex'), finalUrl: finalUrl.href };
    });
    ok = true;
    return result;
  } finally {
    await handle.close().catch(() => undefined);
    if (!ok) await rm(dest, { force: true }).catch(() => undefined);
  }
}

/** Fetches a small text resource (a checksum file). */
export async function downloadText(url: string, opts: HttpOptions = {}): Promise<string> {
  const maxBytes = opts.maxBytes ?? 1024 * 1024;
  return withResponse(url, opts, async ({ res, finalUrl }, watchdog) => {
    const total = contentLength(res);
    const chunks: Buffer[] = [];
    let received = 0;
    try {
      for await (const chunk of res as AsyncIterable<Buffer>) {
        watchdog.kick();
        received += chunk.length;
        if (received > maxBytes) throw new ToolsError('too-large', `${redact(finalUrl)} is larger than ${maxBytes} bytes; expected a small checksum file`);
        chunks.push(chunk);
      }
    } catch (e) {
      if (e instanceof ToolsError || watchdog.expired || opts.signal?.aborted) throw e;
      throw truncatedBy(finalUrl, received, total, e);
    }
    if (!res.complete || (total !== undefined && received !== total)) throw truncated(finalUrl, received, total);
    return Buffer.concat(chunks).toString('utf8');
  });
}
