/**
 * Proxy support for downloads: HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY (either
 * case, lower case wins, like curl) and CONNECT tunnelling for https targets through an
 * http:// proxy (Node 20's http/https have no built-in proxy support). Only http://
 * proxies are supported; an https:// or socks proxy URL gives a clear error.
 */
import http from 'node:http';
import net from 'node:net';
import { ToolsError } from './errors.js';

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return v && v.trim() !== '' ? v.trim() : undefined;
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

function ipv4ToInt(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** True when NO_PROXY says `url` must be fetched directly. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port || defaultPort(url.protocol));
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const portMatch = /^(.*[^:\]]):(\d+)$/.exec(entry);
    if (portMatch && !entry.includes('::')) {
      entry = portMatch[1] ?? entry;
      entryPort = Number(portMatch[2]);
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    const cidr = /^(\d+\.\d+\.\d+\.\d+)\/(\d+)$/.exec(entry);
    if (cidr) {
      const base = ipv4ToInt(cidr[1] ?? '');
      const h = ipv4ToInt(host);
      const bits = Number(cidr[2]);
      if (base !== undefined && h !== undefined && bits >= 0 && bits <= 32) {
        const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
        if (((base & mask) >>> 0) === ((h & mask) >>> 0)) return true;
      }
      continue;
    }
    const bare = entry.replace(/^\*?\./, '');
    if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/** The proxy to use for `url`, or undefined for a direct connection. */
export function proxyForUrl(url: URL, env: NodeJS.ProcessEnv = process.env): URL | undefined {
  if (bypassesProxy(url, envValue(env, 'no_proxy'))) return undefined;
  const raw =
    (url.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy')) ??
    envValue(env, 'all_proxy');
  if (!raw) return undefined;
  let proxy: URL;
  try {
    proxy = new URL(raw.includes('://') ? raw : `http://${raw}`);
  } catch {
    throw new ToolsError('proxy', `the proxy setting "${raw}" is not a valid URL; fix or unset HTTPS_PROXY/HTTP_PROXY`);
  }
  if (proxy.protocol !== 'http:') {
    throw new ToolsError(
      'proxy',
      `proxy ${proxy.protocol}//${proxy.host} is not supported (only http:// proxies, with CONNECT for https); set HTTPS_PROXY to an http:// proxy or add the host to NO_PROXY`,
    );
  }
  return proxy;
}

export function proxyAuthorization(proxy: URL): string | undefined {
  if (!proxy.username && !proxy.password) return undefined;
  const creds = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
  return `Basic ${Buffer.from(creds).toString('base64')}`;
}

/** Redacts credentials for messages. */
export function describeProxy(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`;
}

/**
 * Opens a CONNECT tunnel to host:port through an http proxy and resolves with the raw
 * socket (the caller layers TLS on top).
 */
export function openTunnel(proxy: URL, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const headers: Record<string, string> = { Host: target };
    const auth = proxyAuthorization(proxy);
    if (auth) headers['Proxy-Authorization'] = auth;
    const req = http.request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: target,
      headers,
      agent: false,
    });
    let settled = false;
    const fail = (err: ToolsError): void => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(err);
    };
    req.setTimeout(timeoutMs, () =>
      fail(new ToolsError('timeout', `proxy ${describeProxy(proxy)} did not answer CONNECT ${target} within ${Math.round(timeoutMs / 1000)}s; check HTTPS_PROXY`)),
    );
    req.once('connect', (res, socket, head) => {
      if (settled) {
        socket.destroy();
        return;
      }
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(
          new ToolsError(
            'proxy',
            `proxy ${describeProxy(proxy)} refused CONNECT ${target}: HTTP ${res.statusCode ?? '?'} ${res.statusMessage ?? ''}`.trim() +
              (res.statusCode === 407 ? '; put credentials in the proxy URL (http://user:pass@host:port)' : '; check HTTPS_PROXY and NO_PROXY'),
          ),
        );
        return;
      }
      settled = true;
      req.setTimeout(0);
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('error', (e) =>
      fail(new ToolsError('proxy', `cannot reach proxy ${describeProxy(proxy)} (${e.message}); check HTTPS_PROXY/HTTP_PROXY or unset them`, { cause: e })),
    );
    req.end();
  });
}
