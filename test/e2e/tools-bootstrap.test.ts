// The README promises `mesh-lab up` works with only Docker: a tool missing from PATH is
// downloaded (pinned version, SHA-256 verified) into mesh-lab's own cache. Here the
// "release" is served from 127.0.0.1 (MESH_LAB_TOOLS_BASE_URL): an istioctl archive whose
// binary hands over to the simulator, with its published .sha256 beside it.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, partialToolBin, simBin, simLabel, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

describeDocker('tool bootstrap through up', () => {
  let lab: LabEnv;
  let server: http.Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    lab = await createLabEnv();
    const stage = join(lab.root, 'release');
    mkdirSync(stage);
    // the released binary is 1.30.3 whatever the environment says
    writeFileSync(join(stage, 'istioctl'), `#!/bin/sh\nMESHLAB_SIM_ISTIO_VERSION=1.30.3 exec ${join(simBin, 'istioctl')} "$@"\n`);
    chmodSync(join(stage, 'istioctl'), 0o755);
    const asset = `istioctl-1.30.3-linux-${process.arch === 'arm64' ? 'arm64' : 'amd64'}.tar.gz`;
    await execa('tar', ['-czf', join(lab.root, asset), '-C', stage, 'istioctl']);
    const archive = readFileSync(join(lab.root, asset));
    const sum = `${createHash('sha256').update(archive).digest('hex')}  ${asset}\n`;
    server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === `/istioctl/1.30.3/${asset}`) return res.end(archive);
      if (req.url === `/istioctl/1.30.3/${asset}.sha256`) return res.end(sum);
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await lab.run(['down']);
    await lab.cleanup();
    await new Promise((r) => server.close(r));
  });

  it('downloads the missing istioctl, verifies it, uses it; a rerun uses the cache', async () => {
    const bin = partialToolBin(lab, ['kind', 'kubectl']);
    const env = { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, MESH_LAB_TOOLS_BASE_URL: base };
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];

    const r = await lab.run(['up', ...ports], env);
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/istioctl 1\.30\.3 downloaded into mesh-lab's cache and verified \(published SHA-256\)/);
    expect(r.stdout).toMatch(/Verified GET \/helloworld: HTTP 200/);
    expect(requests.filter((u) => u.endsWith('.tar.gz'))).toHaveLength(1);
    // the cached copy is the one that ran, and it sits only in mesh-lab's cache
    const installs = lab.invocations().filter((a) => a[0] === 'istioctl' && a[1] === 'install');
    expect(installs).toHaveLength(1);
    const list = JSON.parse((await lab.run(['--json', 'tools', 'list'], env)).stdout) as Array<{ tool: string; cached: boolean; cachedPath?: string }>;
    const istioctl = list.find((t) => t.tool === 'istioctl')!;
    expect(istioctl.cached).toBe(true);
    expect(istioctl.cachedPath!.startsWith(`${lab.meshLabHome}/cache/tools/istioctl/1.30.3/`)).toBe(true);

    const again = await lab.run(['up', ...ports], env);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/istioctl 1\.30\.3 from mesh-lab's cache/);
    expect(requests.filter((u) => u.endsWith('.tar.gz'))).toHaveLength(1);
  });

  it('istioctl 1.30.5 on PATH with 1.30.3 requested: up downloads and uses the pinned 1.30.3, with a one-line note', async () => {
    // its own lab, so nothing is cached yet
    const other = await createLabEnv();
    // a cluster name of its own: the Docker engine is shared with other test runs
    const lab = ['--environment', `pin-${simLabel(other.simHome)}`];
    try {
      const bin = partialToolBin(other, ['kind', 'kubectl']);
      writeFileSync(join(bin, 'istioctl'), `#!/bin/sh\nMESHLAB_SIM_ISTIO_VERSION=1.30.5 exec ${join(simBin, 'istioctl')} "$@"\n`);
      chmodSync(join(bin, 'istioctl'), 0o755);
      const env = { PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, MESH_LAB_TOOLS_BASE_URL: base };
      const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
      const before = requests.filter((u) => u.endsWith('.tar.gz')).length;

      const r = await other.run([...lab, 'up', ...ports], env);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      const note = `istioctl 1.30.5 on PATH (${join(bin, 'istioctl')}) is not the requested 1.30.3: using the pinned istioctl 1.30.3 instead (a verified download into mesh-lab's cache)`;
      expect(r.stdout.split('\n').filter((l) => l.includes(note)), r.stdout).toHaveLength(1);
      expect(requests.filter((u) => u.endsWith('.tar.gz')).length).toBe(before + 1);
      // the pinned copy installed Istio, not the one on PATH
      expect(r.stdout).toMatch(/Istio 1\.30\.3 installed/);
      const dr = await other.run([...lab, 'doctor'], env);
      expect(dr.stdout + dr.stderr).toContain(`istioctl 1.30.5 on PATH (${join(bin, 'istioctl')}) is not the requested 1.30.3: using the pinned istioctl 1.30.3 instead (from mesh-lab's cache)`);

      // --no-download with nothing cached: a prerequisite failure naming the fix
      const strict = await other.run([...lab, 'up', '--no-download', ...ports], { ...env, MESH_LAB_HOME: join(other.root, 'fresh-home') });
      expect(strict.exitCode).toBe(3);
      expect(strict.stderr + strict.stdout).toMatch(/istioctl \(.*version 1\.30\.5 is not the requested 1\.30\.3\).*mesh-lab tools install istioctl/);
    } finally {
      await other.run([...lab, 'down']);
      await other.cleanup();
    }
  });
});
