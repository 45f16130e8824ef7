// Tool client versions remembered across runs: reused only while the binary is the same
// file, never for a failed probe, and a corrupt cache file is ignored.
import { chmodSync, mkdtempSync, rmSync, writeFileSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReadAheadRunner } from '../../../src/process/read-ahead-runner.js';
import type { RunResult } from '../../../src/process/runner.js';
import { CountingRunner } from '../fakes/counting-runner.js';
import { readVersionCache, versionCacheFile, writeVersionCache } from '../../../src/tools/version-cache.js';

const countingRunner = () => new CountingRunner((n) => ({ stdout: `kind v0.32.${n} go1.26.3 linux/amd64
`, stderr: '' }));

let root: string;
let kind: string;
let cache: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mesh-lab-version-cache-'));
  kind = join(root, 'kind');
  writeFileSync(kind, '#!/bin/sh\necho kind\n');
  chmodSync(kind, 0o755);
  cache = join(root, 'cache', 'tool-versions.json');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** One `up`'s preflight: seed from the cache, probe, save. */
async function probeOnce(inner: CountingRunner): Promise<RunResult> {
  const r = new ReadAheadRunner(inner);
  for (const p of readVersionCache(cache)) r.seedVersionProbe(p);
  const result = await r.run(kind, ['version'], { reject: false });
  writeVersionCache(cache, await r.versionProbes());
  return result;
}

describe('tool version cache', () => {
  it('lives next to the tools folder of the mesh-lab cache', () => {
    expect(versionCacheFile({ MESH_LAB_HOME: '/m' })).toBe('/m/cache/tool-versions.json');
  });

  it('a second run reuses the answer of the same binary without running it', async () => {
    const inner = countingRunner();
    const first = await probeOnce(inner);
    const second = await probeOnce(inner);
    expect(inner.calls).toHaveLength(1);
    expect(second.stdout).toBe(first.stdout);
    expect(second.exitCode).toBe(0);
  });

  it('asks again when the binary changed (content, or only its times)', async () => {
    const inner = countingRunner();
    await probeOnce(inner);
    writeFileSync(kind, '#!/bin/sh\necho kind v2\n');
    const after = await probeOnce(inner);
    expect(inner.calls).toHaveLength(2);
    expect(after.stdout).toContain('v0.32.2');
    utimesSync(kind, new Date('2020-01-01'), new Date('2020-01-01'));
    await probeOnce(inner);
    expect(inner.calls).toHaveLength(3);
  });

  it('asks again when the binary is gone and another takes its path', async () => {
    const inner = countingRunner();
    await probeOnce(inner);
    rmSync(kind);
    writeFileSync(kind, '#!/bin/sh\necho kind\n');
    await probeOnce(inner);
    expect(inner.calls).toHaveLength(2);
  });

  it('never keeps a failed probe', async () => {
    const inner = countingRunner();
    inner.exitCode = 1;
    await probeOnce(inner);
    await probeOnce(inner);
    expect(inner.calls).toHaveLength(2);
    expect(readVersionCache(cache)).toEqual([]);
  });

  for (const [name, text] of [
    ['not JSON', '{"format":1,"probes":['],
    ['another format', '{"format":99,"probes":[]}'],
    ['entries of the wrong shape', '{"format":1,"probes":[{"file":"relative/kind","args":["version"],"stamp":"x","stdout":"","stderr":""},{"file":42}]}'],
  ] as const) {
    it(`ignores a corrupt cache file (${name}) and rewrites it`, async () => {
      await probeOnce(countingRunner());
      writeFileSync(cache, text);
      const inner = countingRunner();
      await probeOnce(inner);
      await probeOnce(inner);
      expect(inner.calls).toHaveLength(1);
    });
  }

  it('keeps only client version probes: a seeded cluster read is refused', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.seedVersionProbe({ file: '/bin/kubectl', args: ['get', 'pods'], result: { command: '', stdout: 'fake', stderr: '', exitCode: 0 } });
    await r.run('/bin/kubectl', ['get', 'pods']);
    expect(inner.calls).toEqual(['/bin/kubectl get pods']);
  });
});
