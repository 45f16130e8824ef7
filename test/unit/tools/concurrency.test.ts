import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { access, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { installTool } from '../../../src/tools/install.js';
import type { TestServer } from './helpers/server.js';
import { startServer } from './helpers/server.js';
import { LINUX_AMD64, serveTools } from './helpers/fixtures.js';
import { listFiles, tempDir } from './helpers/fs.js';
import { transpileTools } from './helpers/transpile.js';
import { INSTALL_RECORD } from '../../../src/tools/cache.js';

let server: TestServer;
let work: { dir: string; cleanup: () => Promise<void> };
let childScript: string;

const CHILD = `
import { installTool } from './tools/install.js';
const [tool, cacheDir] = process.argv.slice(2);
try {
  const r = await installTool(tool, { platform: { os: 'linux', arch: 'amd64' }, cacheDir, env: { MESH_LAB_TOOLS_BASE_URL: process.env.BASE }, http: { timeoutMs: 10000 } });
  process.stdout.write(JSON.stringify(r));
} catch (e) {
  process.stdout.write(JSON.stringify({ error: e.message, code: e.code }));
  process.exitCode = 1;
}
`;

function runChild(tool: string, cacheDir: string): { done: Promise<{ code: number | null; out: string }>; kill: () => void; pid: number | undefined } {
  const child = spawn(process.execPath, [childScript, tool, cacheDir], { env: { ...process.env, BASE: server.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; out: string }>((ok) => child.on('close', (code) => ok({ code, out: out || err })));
  return { done, kill: () => child.kill('SIGKILL'), pid: child.pid };
}

beforeAll(async () => {
  server = await startServer();
  work = await tempDir('mesh-lab-tools-child-');
  await transpileTools(work.dir);
  childScript = join(work.dir, 'child.mjs');
  await writeFile(childScript, CHILD);
});

afterAll(async () => {
  await server.close();
  await work.cleanup();
});

describe('installs from several processes', () => {
  it('two (and three) child processes installing at once: one download, an intact cache', async () => {
    const served = serveTools(server, 256 * 1024);
    server.set(served.paths.kind, { kind: 'file', body: served.kind, chunkDelayMs: 60 });
    server.set(served.paths.istio, { kind: 'file', body: served.istioArchive, chunkDelayMs: 60 });
    const { dir: cacheDir, cleanup } = await tempDir();
    try {
      const before = server.hits.get(served.paths.kind) ?? 0;
      const runs = [runChild('kind', cacheDir), runChild('kind', cacheDir), runChild('istioctl', cacheDir), runChild('istioctl', cacheDir), runChild('kind', cacheDir)];
      const outs = await Promise.all(runs.map((r) => r.done));
      for (const o of outs) expect(o.code, o.out).toBe(0);
      const results = outs.map((o) => JSON.parse(o.out) as { tool: string; status: string });
      const kinds = results.filter((r) => r.tool === 'kind');
      expect(kinds.filter((r) => r.status === 'installed')).toHaveLength(1);
      expect(results.filter((r) => r.tool === 'istioctl' && r.status === 'installed')).toHaveLength(1);
      expect((server.hits.get(served.paths.kind) ?? 0) - before).toBe(1);
      expect(await readFile(join(cacheDir, 'kind/v0.32.0/linux-amd64/kind'))).toEqual(served.kind);
      expect(await readFile(join(cacheDir, 'istioctl/1.30.3/linux-amd64/istioctl'))).toEqual(served.istioctl);
      expect(await listFiles(cacheDir)).toEqual([
        'istioctl/1.30.3/linux-amd64/install.json',
        'istioctl/1.30.3/linux-amd64/istioctl',
        'kind/v0.32.0/linux-amd64/install.json',
        'kind/v0.32.0/linux-amd64/kind',
      ]);
    } finally {
      await cleanup();
    }
  });

  it('a process killed mid-download leaves nothing usable; the next install breaks its lock and succeeds', async () => {
    const served = serveTools(server, 256 * 1024);
    server.set(served.paths.kind, { kind: 'stall', body: served.kind, sendBytes: 8192 });
    const { dir: cacheDir, cleanup } = await tempDir();
    const dir = join(cacheDir, 'kind/v0.32.0/linux-amd64');
    try {
      const child = runChild('kind', cacheDir);
      // Wait until the child holds the lock and has a partial download on disk.
      for (let i = 0; i < 200; i++) {
        const names = await readdir(dir).catch(() => [] as string[]);
        if (names.includes('.lock') && names.some((n) => n.endsWith('.part'))) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      child.kill();
      await child.done;
      const left = await readdir(dir);
      expect(left).toContain('.lock');
      expect(left.some((n) => n.endsWith('.part'))).toBe(true);
      expect(left).not.toContain('kind');
      await expect(access(join(dir, INSTALL_RECORD))).rejects.toThrow();

      server.set(served.paths.kind, { kind: 'file', body: served.kind });
      const r = await installTool('kind', { manifest: served.manifest, platform: LINUX_AMD64, cacheDir, env: {}, lock: { timeoutMs: 5_000 } });
      expect(r.status).toBe('installed');
      expect(await readFile(r.path)).toEqual(served.kind);
      expect(await readdir(dir).then((n) => n.sort())).toEqual([INSTALL_RECORD, 'kind']);
    } finally {
      await cleanup();
    }
  });
});
