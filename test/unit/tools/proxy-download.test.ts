import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bypassesProxy, proxyForUrl } from '../../../src/tools/proxy.js';
import { downloadText, downloadToFile } from '../../../src/tools/download.js';
import type { DownloadProgress } from '../../../src/tools/download.js';
import type { TestServer } from './helpers/server.js';
import { sha256, startServer } from './helpers/server.js';
import { listFiles, tempDir } from './helpers/fs.js';

describe('proxy selection', () => {
  const u = (s: string): URL => new URL(s);

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, lower case first, ALL_PROXY as fallback', () => {
    const env = { HTTPS_PROXY: 'http://upper:3128', https_proxy: 'http://lower:3128', HTTP_PROXY: 'proxy.local:8080' };
    expect(proxyForUrl(u('https://github.com/x'), env)?.host).toBe('lower:3128');
    expect(proxyForUrl(u('http://dl.k8s.io/x'), env)?.href).toBe('http://proxy.local:8080/');
    expect(proxyForUrl(u('https://github.com/x'), { ALL_PROXY: 'http://all:1' })?.host).toBe('all:1');
    expect(proxyForUrl(u('https://github.com/x'), {})).toBeUndefined();
  });

  it('honours NO_PROXY: *, suffixes, leading dots, ports, exact IPs and CIDRs', () => {
    expect(bypassesProxy(u('https://github.com/'), '*')).toBe(true);
    expect(bypassesProxy(u('https://objects.github.com/'), 'github.com')).toBe(true);
    expect(bypassesProxy(u('https://github.com/'), '.github.com')).toBe(true);
    expect(bypassesProxy(u('https://notgithub.com/'), 'github.com')).toBe(false);
    expect(bypassesProxy(u('https://dl.k8s.io/'), 'example.com, *.k8s.io')).toBe(true);
    expect(bypassesProxy(u('http://127.0.0.1:8080/'), '127.0.0.1:8080')).toBe(true);
    expect(bypassesProxy(u('http://127.0.0.1:9090/'), '127.0.0.1:8080')).toBe(false);
    expect(bypassesProxy(u('http://10.1.2.3/'), '10.0.0.0/8')).toBe(true);
    expect(bypassesProxy(u('http://11.1.2.3/'), '10.0.0.0/8')).toBe(false);
    expect(bypassesProxy(u('http://[::1]:80/'), '::1')).toBe(true);
    expect(proxyForUrl(u('https://github.com/'), { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'github.com' })).toBeUndefined();
  });

  it('rejects proxy schemes it cannot speak', () => {
    expect(() => proxyForUrl(u('https://github.com/'), { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/only http:\/\/ proxies/);
  });
});

/** A minimal forward proxy on 127.0.0.1: CONNECT tunnels and absolute-URI GETs, optional auth. */
async function startProxy(requireAuth?: string): Promise<{ url: string; log: string[]; close: () => Promise<void> }> {
  const log: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (requireAuth && req.headers['proxy-authorization'] !== requireAuth) {
      res.writeHead(407).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const up = http.request(target, { method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.writeHead(502).end());
    req.pipe(up);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    log.push(`CONNECT ${req.url}`);
    if (requireAuth && req.headers['proxy-authorization'] !== requireAuth) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n'); // never leave the machine
      return;
    }
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

describe('downloads', () => {
  let server: TestServer;
  let tmp: { dir: string; cleanup: () => Promise<void> };
  const body = Buffer.alloc(200_000, 3);

  beforeAll(async () => {
    server = await startServer();
    tmp = await tempDir();
    server.set('/f', { kind: 'file', body });
  });
  afterAll(async () => {
    await server.close();
    await tmp.cleanup();
  });

  it('streams to a file with sha256 and progress', async () => {
    const seen: DownloadProgress[] = [];
    const r = await downloadToFile(`${server.url}/f`, join(tmp.dir, 'a'), { env: {}, onProgress: (p) => seen.push(p) });
    expect(r).toEqual({ bytes: body.length, sha256: sha256(body), finalUrl: `${server.url}/f` });
    expect(seen[0]).toMatchObject({ received: 0, total: body.length });
    expect(seen.at(-1)).toMatchObject({ received: body.length, total: body.length });
    expect(await readFile(join(tmp.dir, 'a'))).toEqual(body);
  });

  it('refuses to overwrite an existing destination', async () => {
    await expect(downloadToFile(`${server.url}/f`, join(tmp.dir, 'a'), { env: {} })).rejects.toThrow(/EEXIST/);
  });

  it('stops on a redirect loop', async () => {
    server.set('/loop', { kind: 'redirect', to: '/loop' });
    await expect(downloadToFile(`${server.url}/loop`, join(tmp.dir, 'loop'), { env: {}, maxRedirects: 3 })).rejects.toThrow(/too many redirects \(>3\)/);
    expect(await listFiles(tmp.dir)).not.toContain('loop');
  });

  it('caps the size', async () => {
    await expect(downloadToFile(`${server.url}/f`, join(tmp.dir, 'big'), { env: {}, maxBytes: 1000 })).rejects.toMatchObject({ code: 'too-large' });
    expect(await listFiles(tmp.dir)).not.toContain('big');
  });

  it('can be cancelled', async () => {
    server.set('/slow', { kind: 'stall', body, sendBytes: 100 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    await expect(downloadToFile(`${server.url}/slow`, join(tmp.dir, 'slow'), { env: {}, signal: ac.signal, timeoutMs: 5000 })).rejects.toThrow(/cancelled/);
    expect(await listFiles(tmp.dir)).not.toContain('slow');
  });

  it('reports a refused connection as a network error with a hint', async () => {
    const s = net.createServer();
    await new Promise<void>((ok) => s.listen(0, '127.0.0.1', ok));
    const port = (s.address() as AddressInfo).port;
    await new Promise<void>((ok) => s.close(() => ok()));
    await expect(downloadText(`http://127.0.0.1:${port}/x`, { env: {} })).rejects.toThrow(/ECONNREFUSED.*check the network or proxy/);
  });

  it('goes through an http proxy for http URLs (absolute-URI request) with credentials', async () => {
    const auth = `Basic ${Buffer.from('me:s3cr3t').toString('base64')}`;
    const proxy = await startProxy(auth);
    try {
      const env = { HTTP_PROXY: proxy.url.replace('http://', 'http://me:s3cr3t@') };
      expect(await downloadText(`${server.url}/f`, { env, maxBytes: 1e6 })).toBe(body.toString());
      expect(proxy.log).toEqual([`GET ${server.url}/f`]);
      await expect(downloadText(`${server.url}/f`, { env: { HTTP_PROXY: proxy.url } })).rejects.toThrow(/HTTP 407/);
      // NO_PROXY bypasses it
      expect(await downloadText(`${server.url}/f`, { env: { ...env, NO_PROXY: '127.0.0.1' } })).toHaveLength(body.length);
      expect(proxy.log).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('tunnels https through an http proxy with CONNECT', async () => {
    let key: string;
    let cert: string;
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(tmp.dir, 'k.pem'), '-out', join(tmp.dir, 'c.pem')], { stdio: 'ignore' });
      key = await readFile(join(tmp.dir, 'k.pem'), 'utf8');
      cert = await readFile(join(tmp.dir, 'c.pem'), 'utf8');
    } catch {
      console.warn('openssl unavailable: skipping the CONNECT tunnel test');
      return;
    }
    const tlsServer = https.createServer({ key, cert }, (req, res) => {
      if (req.url === '/r') res.writeHead(302, { Location: '/f' }).end();
      else res.writeHead(200, { 'Content-Length': String(body.length) }).end(body);
    });
    await new Promise<void>((ok) => tlsServer.listen(0, '127.0.0.1', ok));
    const port = (tlsServer.address() as AddressInfo).port;
    const proxy = await startProxy();
    try {
      const r = await downloadToFile(`https://127.0.0.1:${port}/r`, join(tmp.dir, 'tls'), { env: { HTTPS_PROXY: proxy.url }, ca: cert });
      expect(r.sha256).toBe(sha256(body));
      expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${port}`, `CONNECT 127.0.0.1:${port}`]);
      // Without the CA the TLS handshake through the tunnel fails verification.
      await expect(downloadText(`https://127.0.0.1:${port}/f`, { env: { HTTPS_PROXY: proxy.url } })).rejects.toThrow(/self[- ]signed|certificate/i);
      // A proxy that refuses CONNECT is reported as such.
      const strict = await startProxy('Basic nope');
      try {
        await expect(downloadText(`https://127.0.0.1:${port}/f`, { env: { HTTPS_PROXY: strict.url }, ca: cert })).rejects.toThrow(/refused CONNECT .*HTTP 407.*credentials/);
      } finally {
        await strict.close();
      }
    } finally {
      await proxy.close();
      tlsServer.closeAllConnections();
      await new Promise<void>((ok) => tlsServer.close(() => ok()));
    }
  });
});
