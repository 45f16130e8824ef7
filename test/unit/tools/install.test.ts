import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installTool, installTools } from '../../../src/tools/install.js';
import { ToolsError } from '../../../src/tools/errors.js';
import { INSTALL_RECORD, readCached } from '../../../src/tools/cache.js';
import type { TestServer } from './helpers/server.js';
import { sha256, startServer } from './helpers/server.js';
import type { ServedTools } from './helpers/fixtures.js';
import { LINUX_AMD64, serveTools } from './helpers/fixtures.js';
import { listFiles, tempDir } from './helpers/fs.js';

let server: TestServer;
let served: ServedTools;
let cacheDir: string;
let cleanup: () => Promise<void>;

const kindDir = (): string => join(cacheDir, 'kind', 'v0.32.0', 'linux-amd64');

function opts(extra: Partial<Parameters<typeof installTool>[1]> = {}): Parameters<typeof installTool>[1] {
  return { manifest: served.manifest, platform: LINUX_AMD64, cacheDir, env: {}, http: { timeoutMs: 2_000 }, ...extra };
}

async function expectToolsError(p: Promise<unknown>, code: string, re: RegExp): Promise<ToolsError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ToolsError);
  const te = e as ToolsError;
  expect(te.code).toBe(code);
  expect(te.message).toMatch(re);
  expect(te.message).not.toContain('\n');
  return te;
}

beforeEach(async () => {
  server = await startServer();
  served = serveTools(server);
  ({ dir: cacheDir, cleanup } = await tempDir());
});

afterEach(async () => {
  await server.close();
  await cleanup();
});

describe('installTool', () => {
  it('downloads, verifies against the published .sha256sum and installs kind', async () => {
    const events: string[] = [];
    const r = await installTool('kind', opts({ onEvent: (e) => events.push(e.type) }));
    expect(r).toMatchObject({ tool: 'kind', version: 'v0.32.0', status: 'installed', checksum: 'published', sha256: sha256(served.kind) });
    expect(r.path).toBe(join(kindDir(), 'kind'));
    expect(await readFile(r.path)).toEqual(served.kind);
    expect((await stat(r.path)).mode & 0o777).toBe(0o755);
    expect(await listFiles(kindDir())).toEqual([INSTALL_RECORD, 'kind']);
    expect(events).toEqual(expect.arrayContaining(['checksum', 'download-start', 'progress', 'verified', 'installed']));
    const record = JSON.parse(await readFile(join(kindDir(), INSTALL_RECORD), 'utf8'));
    expect(record).toMatchObject({ tool: 'kind', version: 'v0.32.0', platform: 'linux-amd64', size: served.kind.length, checksum: 'published' });
  });

  it('extracts istioctl from its tar.gz after verifying the archive', async () => {
    const r = await installTool('istioctl', opts());
    expect(r.status).toBe('installed');
    expect(await readFile(r.path)).toEqual(served.istioctl);
    expect(r.sha256).toBe(sha256(served.istioctl));
    const rec = JSON.parse(await readFile(join(cacheDir, 'istioctl', '1.30.3', 'linux-amd64', INSTALL_RECORD), 'utf8'));
    expect(rec.assetSha256).toBe(sha256(served.istioArchive));
    expect(await listFiles(join(cacheDir, 'istioctl'))).toEqual(['1.30.3/linux-amd64/install.json', '1.30.3/linux-amd64/istioctl']);
  });

  it('installs kubectl (bare-hash checksum file) and minikube (pinned checksum, no checksum request)', async () => {
    const [k, m] = await installTools(['kubectl', 'minikube'], opts());
    expect(k?.checksum).toBe('published');
    expect(m?.checksum).toBe('pinned');
    expect(await readFile(m!.path)).toEqual(served.minikube);
    expect(server.hits.get(`${served.paths.minikube}.sha256`)).toBeUndefined();
  });

  it('follows redirects (GitHub release URLs redirect)', async () => {
    server.set(served.paths.kind, { kind: 'redirect', to: '/objects/kind-blob' });
    server.set('/objects/kind-blob', { kind: 'redirect', to: `${server.url}/objects/final`, status: 307 });
    server.set('/objects/final', { kind: 'file', body: served.kind });
    const r = await installTool('kind', opts());
    expect(await readFile(r.path)).toEqual(served.kind);
  });

  it('a second install is a no-op (no network)', async () => {
    await installTool('kind', opts());
    const before = server.hits.get(served.paths.kind);
    const r = await installTool('kind', opts());
    expect(r.status).toBe('already-installed');
    expect(server.hits.get(served.paths.kind)).toBe(before);
    expect(server.hits.get(served.paths.kindSum)).toBe(1);
  });

  it('fails on a wrong checksum and leaves nothing usable behind', async () => {
    server.set(served.paths.kindSum, { kind: 'file', body: `${'0'.repeat(64)}  kind-linux-amd64\n` });
    await expectToolsError(installTool('kind', opts()), 'checksum-mismatch', /checksum mismatch for kind v0\.32\.0 \(linux-amd64\).*discarded/);
    expect(await listFiles(kindDir())).toEqual([]);
    expect(await readCached(kindDir(), served.manifest.tools.kind, LINUX_AMD64)).toBeUndefined();
  });

  it('fails on a wrong pinned checksum too', async () => {
    server.set(served.paths.minikube, { kind: 'file', body: Buffer.from('tampered') });
    await expectToolsError(installTool('minikube', opts()), 'checksum-mismatch', /minikube v1\.38\.1.*pinned in mesh-lab/);
    expect(await listFiles(join(cacheDir, 'minikube'))).toEqual([]);
  });

  it('fails on a truncated body and leaves no partial file', async () => {
    server.set(served.paths.kind, { kind: 'truncate', body: served.kind, sendBytes: 1000 });
    await expectToolsError(installTool('kind', opts()), 'truncated', /cannot download kind v0\.32\.0.*ended early: got 1000 bytes of 65536/);
    expect(await listFiles(kindDir())).toEqual([]);
  });

  it('fails on a 404 with the URL and a hint', async () => {
    server.routes.delete(served.paths.kind);
    await expectToolsError(installTool('kind', opts()), 'http-status', /HTTP 404 .*kind-linux-amd64.*does not exist/);
    expect(await listFiles(kindDir())).toEqual([]);
  });

  it('fails when the published checksum file is missing, before downloading the asset', async () => {
    server.routes.delete(served.paths.kindSum);
    await expectToolsError(installTool('kind', opts()), 'http-status', /published checksum.*HTTP 404/);
    expect(server.hits.get(served.paths.kind)).toBeUndefined();
  });

  it('times out when the server stalls mid-body, leaving no partial file', async () => {
    server.set(served.paths.kind, { kind: 'stall', body: served.kind, sendBytes: 4096 });
    const t0 = Date.now();
    await expectToolsError(installTool('kind', opts({ http: { timeoutMs: 300 } })), 'timeout', /no data from .*kind-linux-amd64 for 300ms, gave up/);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(await listFiles(kindDir())).toEqual([]);
  });

  it('times out when the server never answers', async () => {
    server.set(served.paths.kindSum, { kind: 'hang' });
    await expectToolsError(installTool('kind', opts({ http: { timeoutMs: 300 } })), 'timeout', /gave up/);
    expect(await listFiles(kindDir())).toEqual([]);
  });

  it('retries cleanly after a failure', async () => {
    server.set(served.paths.kind, { kind: 'truncate', body: served.kind, sendBytes: 10 });
    await expect(installTool('kind', opts())).rejects.toThrow(ToolsError);
    server.set(served.paths.kind, { kind: 'file', body: served.kind });
    const r = await installTool('kind', opts());
    expect(r.status).toBe('installed');
    expect(await readFile(r.path)).toEqual(served.kind);
  });

  it('ignores and cleans up leftovers of an interrupted install (binary without record, .part files)', async () => {
    await mkdir(kindDir(), { recursive: true });
    await writeFile(join(kindDir(), 'kind'), 'half a binary', { mode: 0o755 });
    await writeFile(join(kindDir(), '.kind-linux-amd64.999.abc.part'), 'partial');
    expect(await readCached(kindDir(), served.manifest.tools.kind, LINUX_AMD64)).toBeUndefined();
    const r = await installTool('kind', opts());
    expect(r.status).toBe('installed');
    expect(await readFile(r.path)).toEqual(served.kind);
    expect(await listFiles(kindDir())).toEqual([INSTALL_RECORD, 'kind']);
  });

  it('reinstalls when the cached binary was damaged (size differs from the record)', async () => {
    const first = await installTool('kind', opts());
    await writeFile(first.path, 'corrupted');
    const r = await installTool('kind', opts());
    expect(r.status).toBe('installed');
    expect(await readFile(r.path)).toEqual(served.kind);
  });

  it('Promise.all of concurrent installs downloads once and never corrupts the cache', async () => {
    server.set(served.paths.kind, { kind: 'file', body: served.kind, chunkDelayMs: 30 });
    const results = await Promise.all(Array.from({ length: 6 }, () => installTool('kind', opts())));
    expect(results.filter((r) => r.status === 'installed')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'already-installed')).toHaveLength(5);
    expect(server.hits.get(served.paths.kind)).toBe(1);
    expect(await readFile(join(kindDir(), 'kind'))).toEqual(served.kind);
    expect(await listFiles(kindDir())).toEqual([INSTALL_RECORD, 'kind']);
  });

  it('concurrent installs of different tools proceed independently', async () => {
    const rs = await Promise.all([installTool('kind', opts()), installTool('istioctl', opts()), installTool('kubectl', opts()), installTool('minikube', opts())]);
    expect(rs.map((r) => r.status)).toEqual(['installed', 'installed', 'installed', 'installed']);
  });

  it('reports waiting when another holder has the lock, then finds the tool installed', async () => {
    server.set(served.paths.kind, { kind: 'file', body: served.kind, delayMs: 200 });
    const events: string[] = [];
    const [a, b] = await Promise.all([installTool('kind', opts()), new Promise((r) => setTimeout(r, 50)).then(() => installTool('kind', opts({ onEvent: (e) => events.push(e.type) })))]);
    expect(a.status).toBe('installed');
    expect(b.status).toBe('already-installed');
    expect(events).toContain('waiting-for-lock');
  });
});
