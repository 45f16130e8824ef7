import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { resolveTool, resolveTools } from '../../../src/tools/resolve.js';
import type { ResolveOptions } from '../../../src/tools/resolve.js';
import { findOnPath, parseToolVersion } from '../../../src/tools/probe.js';
import type { ToolRunner } from '../../../src/tools/runner.js';
import { installTool } from '../../../src/tools/install.js';
import { listTools } from '../../../src/tools/list.js';
import { withIstioctlVersion } from '../../../src/tools/manifest.js';
import { fromToolsError } from '../../../src/commands/tools/from-tools-error.js';
import type { TestServer } from './helpers/server.js';
import { startServer } from './helpers/server.js';
import type { ServedTools } from './helpers/fixtures.js';
import { LINUX_AMD64, serveTools } from './helpers/fixtures.js';
import { tempDir } from './helpers/fs.js';

class FakeRunner implements ToolRunner {
  calls: Array<{ cmd: string; args: string[] }> = [];
  constructor(private readonly outputs: Record<string, string>) {}
  async run(cmd: string, args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
    this.calls.push({ cmd, args });
    const base = cmd.split('/').pop() ?? cmd;
    const out = this.outputs[base];
    if (out === undefined) throw new Error(`spawn ${cmd} ENOENT`);
    return { stdout: out, stderr: '', exitCode: 0 };
  }
}

let server: TestServer;
let served: ServedTools;
let root: string;
let cleanup: () => Promise<void>;
let binDir: string;
let cacheDir: string;

async function putOnPath(name: string): Promise<string> {
  const p = join(binDir, name);
  await writeFile(p, '#!/bin/sh\n', { mode: 0o755 });
  return p;
}

function opts(runner: ToolRunner, extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return { runner, manifest: served.manifest, platform: LINUX_AMD64, cacheDir, env: {}, pathEnv: `relative/dir:${binDir}`, http: { timeoutMs: 2000 }, ...extra };
}

beforeEach(async () => {
  server = await startServer();
  served = serveTools(server);
  ({ dir: root, cleanup } = await tempDir());
  binDir = join(root, 'bin');
  cacheDir = join(root, 'cache');
  await mkdir(binDir);
});
afterEach(async () => {
  await server.close();
  await cleanup();
});

const KUBECTL_JSON = (v: string): string => JSON.stringify({ clientVersion: { major: '1', minor: v.split('.')[1], gitVersion: v }, kustomizeVersion: 'v5.7.1' });

describe('parseToolVersion', () => {
  it('understands each tool’s version output', () => {
    expect(parseToolVersion('kind', 'kind v0.32.0 go1.25.1 linux/amd64\n')).toBe('v0.32.0');
    expect(parseToolVersion('kubectl', KUBECTL_JSON('v1.36.1'))).toBe('v1.36.1');
    expect(parseToolVersion('kubectl', 'Client Version: v1.30.2\nKustomize Version: v5.0.4')).toBe('v1.30.2');
    expect(parseToolVersion('istioctl', JSON.stringify({ clientVersion: { version: '1.30.3', revision: 'abc', status: 'Clean' } }))).toBe('1.30.3');
    expect(parseToolVersion('istioctl', '1.30.3\n')).toBe('1.30.3');
    expect(parseToolVersion('minikube', 'v1.38.1\n')).toBe('v1.38.1');
    expect(parseToolVersion('minikube', 'minikube version: v1.38.1\ncommit: abc')).toBe('v1.38.1');
    expect(parseToolVersion('kind', 'garbage')).toBeUndefined();
  });
});

describe('resolveTool', () => {
  it('uses a suitable tool on PATH (only absolute PATH entries are searched)', async () => {
    const p = await putOnPath('kind');
    expect(await findOnPath('kind', `relative:${binDir}`)).toBe(p);
    const runner = new FakeRunner({ kind: 'kind v0.32.0 go1.25.1 linux/amd64' });
    const r = await resolveTool('kind', opts(runner));
    expect(r).toMatchObject({ tool: 'kind', path: p, version: 'v0.32.0', source: 'path' });
    expect(runner.calls).toEqual([{ cmd: p, args: ['version'] }]);
    expect(server.hits.size).toBe(0);
  });

  it('passes over an unsuitable PATH tool for the cached copy, and says why', async () => {
    await putOnPath('kubectl');
    await installTool('kubectl', opts(new FakeRunner({})));
    const r = await resolveTool('kubectl', opts(new FakeRunner({ kubectl: KUBECTL_JSON('v1.30.0') })));
    expect(r.source).toBe('cache');
    expect(r.path).toBe(join(cacheDir, 'kubectl/v1.36.1/linux-amd64/kubectl'));
    expect(r.rejected?.reason).toBe('version v1.30.0 is outside >=1.35.0 <1.38.0');
    expect(r.message).toMatch(/kubectl v1\.36\.1 from mesh-lab's cache \(.*version v1\.30\.0 is outside/);
  });

  it('istioctl 1.30.5 on PATH with 1.30.3 requested: the pinned copy is downloaded and used, with a one-line note', async () => {
    const path = await putOnPath('istioctl');
    const runner = new FakeRunner({ istioctl: JSON.stringify({ clientVersion: { version: '1.30.5' } }) });
    const r = await resolveTool('istioctl', opts(runner));
    expect(r).toMatchObject({ source: 'download', version: '1.30.3', path: join(cacheDir, 'istioctl/1.30.3/linux-amd64/istioctl') });
    expect(r.note).toBe(`istioctl 1.30.5 on PATH (${path}) is not the requested 1.30.3: using the pinned istioctl 1.30.3 instead (a verified download into mesh-lab's cache)`);
    // next time it comes from the cache, with the same kind of note
    const again = await resolveTool('istioctl', opts(runner));
    expect(again).toMatchObject({ source: 'cache', note: `istioctl 1.30.5 on PATH (${path}) is not the requested 1.30.3: using the pinned istioctl 1.30.3 instead (from mesh-lab's cache)` });
  });

  it('istioctl of another --istio-version is pinned to that version (published checksum), the PATH one only when it matches exactly', async () => {
    await putOnPath('istioctl');
    const runner = new FakeRunner({ istioctl: JSON.stringify({ clientVersion: { version: '1.30.5' } }) });
    const asked = withIstioctlVersion(served.manifest, '1.30.5');
    expect(asked.tools.istioctl.baseUrl).toBe(served.manifest.tools.istioctl.baseUrl);
    expect(await resolveTool('istioctl', opts(runner, { manifest: asked }))).toMatchObject({ source: 'path', version: '1.30.5' });
    expect(withIstioctlVersion(served.manifest, '1.30.3')).toBe(served.manifest);
  });

  it('a wrong-version tool with --no-download stays a prerequisite failure that names the fix', async () => {
    await putOnPath('istioctl');
    const runner = new FakeRunner({ istioctl: JSON.stringify({ clientVersion: { version: '1.30.5' } }) });
    const err = await resolveTools(['istioctl'], opts(runner, { allowDownload: false })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'missing-tools' });
    expect((err as Error).message).toMatch(/missing istioctl \(.*version 1\.30\.5 is not the requested 1\.30\.3\); downloads are disabled by --no-download: run `mesh-lab tools install istioctl` or put istioctl 1\.30\.3 on PATH/);
    expect(fromToolsError(err)).toMatchObject({ exitCode: 3 });
    expect(server.hits.size).toBe(0);
  });

  it('kind v0.33.0 on PATH is passed over for the pinned v0.32.0 (its default node image is Kubernetes 1.37)', async () => {
    await putOnPath('kind');
    const r = await resolveTool('kind', opts(new FakeRunner({ kind: 'kind v0.33.0 go1.26.3 linux/amd64' })));
    expect(r).toMatchObject({ source: 'download', version: 'v0.32.0' });
    expect(r.note).toMatch(/^kind v0\.33\.0 on PATH \(.*\) is outside >=0\.32\.0 <0\.33\.0: using the pinned kind v0\.32\.0 instead/);
  });

  it('downloads the pinned version when nothing suitable exists, and says so', async () => {
    const r = await resolveTool('istioctl', opts(new FakeRunner({})));
    expect(r.source).toBe('download');
    expect(r.message).toMatch(/istioctl 1\.30\.3 downloaded into mesh-lab's cache and verified \(published SHA-256\) because not on PATH and not cached/);
  });

  it('accepts a caller-provided range (kubectl skew against an existing cluster)', async () => {
    await putOnPath('kubectl');
    const runner = new FakeRunner({ kubectl: KUBECTL_JSON('v1.33.2') });
    const r = await resolveTool('kubectl', opts(runner, { accept: { kubectl: { min: '1.32.0', below: '1.35.0' } } }));
    expect(r.source).toBe('path');
  });

  it('treats a PATH binary that cannot report its version as unsuitable', async () => {
    await putOnPath('kind');
    await expect(resolveTool('kind', opts(new FakeRunner({ kind: 'nonsense' }), { allowDownload: false }))).rejects.toThrow(
      /missing kind \(.*kind: `kind version` exited 0 without a recognisable version\)/,
    );
  });

  it('--no-download names every missing tool at once and downloads nothing', async () => {
    await putOnPath('kind');
    const runner = new FakeRunner({ kind: 'kind v0.20.0 go1.20 linux/amd64' });
    const err = await resolveTools(['kind', 'kubectl', 'istioctl'], opts(runner, { allowDownload: false })).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'missing-tools' });
    const msg = (err as Error).message;
    expect(msg).toMatch(/kind \(.*version v0\.20\.0 is outside >=0\.32\.0 <0\.33\.0\)/);
    expect(msg).toMatch(/kubectl \(not on PATH and not cached\)/);
    expect(msg).toMatch(/istioctl \(not on PATH and not cached\)/);
    expect(msg).toMatch(/mesh-lab tools install kind kubectl istioctl/);
    expect(server.hits.size).toBe(0);
  });

  it('resolveTools mixes sources', async () => {
    await putOnPath('kind');
    await installTool('kubectl', opts(new FakeRunner({})));
    const r = await resolveTools(['kind', 'kubectl', 'istioctl'], opts(new FakeRunner({ kind: 'kind v0.32.0 go linux/amd64' })));
    expect([r.kind.source, r.kubectl.source, r.istioctl.source]).toEqual(['path', 'cache', 'download']);
  });

  it('listTools reports pins and cache state', async () => {
    await installTool('kind', opts(new FakeRunner({})));
    const l = await listTools(served.manifest, LINUX_AMD64, cacheDir);
    expect(l.map((t) => [t.tool, t.version, t.checksum, t.cached])).toEqual([
      ['kind', 'v0.32.0', 'published', true],
      ['kubectl', 'v1.36.1', 'published', false],
      ['istioctl', '1.30.3', 'published', false],
      ['minikube', 'v1.38.1', 'pinned', false],
    ]);
  });
});
