import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runDoctor } from '../../../src/doctor/doctor.js';
import type { DoctorDeps } from '../../../src/doctor/doctor.js';
import { doctorExitCode } from '../../../src/doctor/types.js';
import { pinnedManifest, withBaseUrl } from '../../../src/tools/manifest.js';
import { tempDir } from '../tools/helpers/fs.js';

const GiB = 1024 ** 3;
let root: string;
let cleanup: () => Promise<void>;
let bin: string;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('mesh-lab-doctor-'));
  bin = join(root, 'bin');
  await mkdir(bin);
});
afterEach(async () => cleanup());

const VERSIONS: Record<string, string> = {
  kind: 'kind v0.32.0 go1.25.1 linux/amd64',
  kubectl: JSON.stringify({ clientVersion: { gitVersion: 'v1.36.1' } }),
  istioctl: JSON.stringify({ clientVersion: { version: '1.30.3' } }),
};

function deps(over: Partial<DoctorDeps> = {}, versions = VERSIONS): DoctorDeps {
  return {
    docker: { ping: async () => 'OK', info: async () => ({ NCPU: 8, MemTotal: 16 * GiB, ServerVersion: '27.3.1' }), listContainers: async () => [] },
    runner: { run: async (cmd) => ({ stdout: versions[cmd.split('/').pop() ?? ''] ?? '', stderr: '', exitCode: 0 }) },
    env: { PATH: bin },
    probePort: async () => ({ free: true }),
    findPortHolders: async () => [],
    nodePlatform: 'linux',
    ...over,
  };
}

const base = () => ({ provider: 'kind' as const, port: 8080, manifest: withBaseUrl(pinnedManifest(), 'http://127.0.0.1:9'), platform: { os: 'linux' as const, arch: 'amd64' as const }, cacheDir: join(root, 'cache') });

describe('runDoctor', () => {
  it('all green with suitable tools on PATH', async () => {
    for (const t of ['kind', 'kubectl', 'istioctl']) await writeFile(join(bin, t), '#!/bin/sh\n', { mode: 0o755 });
    const r = await runDoctor(deps(), { ...base(), kubeconfig: { path: join(root, 'kubeconfig') } });
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['docker.reachable', 'pass'],
      ['docker.version', 'pass'],
      ['docker.resources', 'pass'],
      ['port.8080', 'pass'],
      ['tool.kind', 'pass'],
      ['tool.kubectl', 'pass'],
      ['tool.istioctl', 'pass'],
      ['compat.istio-kubernetes', 'pass'],
      ['compat.kubectl-skew', 'pass'],
      ['kubeconfig', 'pass'],
    ]);
    expect(r.ok).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('missing tools warn (they will be downloaded) and fail under --no-download', async () => {
    const r = await runDoctor(deps(), base());
    expect(r.checks.filter((c) => c.id.startsWith('tool.')).map((c) => c.status)).toEqual(['warn', 'warn', 'warn']);
    expect(r.ok).toBe(true);
    // compatibility is judged on the pinned versions that would be downloaded
    expect(r.checks.find((c) => c.id === 'compat.istio-kubernetes')?.status).toBe('pass');
    const strict = await runDoctor(deps(), { ...base(), allowDownload: false });
    expect(strict.counts.fail).toBe(3);
    expect(doctorExitCode(strict)).toBe(1);
  });

  it('a tool of the wrong version on PATH is a warning with the note `up` prints, never a failure', async () => {
    for (const t of ['kind', 'kubectl', 'istioctl']) await writeFile(join(bin, t), '#!/bin/sh\n', { mode: 0o755 });
    const r = await runDoctor(deps({}, { ...VERSIONS, istioctl: JSON.stringify({ clientVersion: { version: '1.30.5' } }), kind: 'kind v0.33.0 go1.26.3 linux/amd64' }), base());
    expect(r.checks.find((c) => c.id === 'tool.istioctl')).toMatchObject({
      status: 'warn',
      summary: `istioctl 1.30.5 on PATH (${join(bin, 'istioctl')}) is not the requested 1.30.3: using the pinned istioctl 1.30.3 instead (a verified download into mesh-lab's cache)`,
    });
    expect(r.checks.find((c) => c.id === 'tool.kind')).toMatchObject({ status: 'warn', summary: expect.stringContaining('kind v0.33.0 on PATH') });
    expect(r.counts.fail).toBe(0);
    // --istio-version 1.30.5 makes that istioctl the right one
    const asked = await runDoctor(deps({}, { ...VERSIONS, istioctl: JSON.stringify({ clientVersion: { version: '1.30.5' } }) }), { ...base(), istioVersion: '1.30.5' });
    expect(asked.checks.find((c) => c.id === 'tool.istioctl')?.status).toBe('pass');
  });

  it('docker down: one failure, no resource checks, port still probed', async () => {
    const r = await runDoctor(
      deps({ docker: { ping: async () => Promise.reject(new Error('connect ENOENT /var/run/docker.sock')), info: async () => Promise.reject(new Error('x')) }, exists: async () => false }),
      base(),
    );
    expect(r.checks.map((c) => c.id)).not.toContain('docker.resources');
    expect(r.checks[0]).toMatchObject({ id: 'docker.reachable', status: 'fail' });
    expect(r.checks.map((c) => c.id)).toContain('port.8080');
    expect(r.ok).toBe(false);
  });

  it('judges an old istioctl on PATH against an existing cluster', async () => {
    await writeFile(join(bin, 'kubectl'), '#!/bin/sh\n', { mode: 0o755 });
    const r = await runDoctor(deps({}, { ...VERSIONS, kubectl: JSON.stringify({ clientVersion: { gitVersion: 'v1.31.0' } }) }), { ...base(), kubernetesVersion: 'v1.36.0' });
    // kubectl 1.31 on PATH is outside the accepted range, so the pinned one would be used: skew judged on it
    expect(r.checks.find((c) => c.id === 'tool.kubectl')?.summary).toMatch(/not cached|outside/);
    expect(r.checks.find((c) => c.id === 'compat.kubectl-skew')).toMatchObject({ status: 'pass', details: { kubectl: 'v1.36.1', kubernetesSource: 'cluster' } });
  });

  it('minikube profile uses minikube’s default Kubernetes and its own sizing', async () => {
    const r = await runDoctor(deps({ docker: { ping: async () => 'OK', info: async () => ({ NCPU: 4, MemTotal: 7.7 * GiB, ServerVersion: '27.0.0' }) } }), { ...base(), provider: 'minikube' });
    expect(r.checks.find((c) => c.id === 'docker.resources')?.status).toBe('warn');
    expect(r.checks.find((c) => c.id === 'tool.minikube')).toBeDefined();
    expect(r.checks.find((c) => c.id === 'compat.istio-kubernetes')).toMatchObject({ status: 'pass', details: { kubernetes: 'v1.35.1' } });
  });

  it('a crashing check becomes a failed check, not an exception', async () => {
    const r = await runDoctor(deps({ probePort: async () => Promise.reject(new Error('boom')) }), base());
    expect(r.checks.find((c) => c.id === 'port.8080')).toMatchObject({ status: 'fail', summary: 'port.8080 check crashed: boom' });
  });
});
