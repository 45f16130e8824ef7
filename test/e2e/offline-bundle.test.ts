// Issue 12's acceptance against the simulator: a bundle made from locally made images
// (`docker import`) and tools served from 127.0.0.1; `up --bundle` and `lab run
// traffic-shifting --bundle` complete with the simulator offline (MESHLAB_SIM_OFFLINE=1:
// a pull fails as without a network) and nothing is pulled (the simulator's pull count,
// $MESHLAB_SIM_HOME/pulls.jsonl, stays empty); a bundle missing an image, or with one byte
// flipped, fails naming it before any cluster exists and leaves nothing behind; `up
// --preload`, `down`, `up --preload`: the second run pulls nothing.
import { existsSync, mkdirSync, openSync, readFileSync, readSync, writeSync, closeSync, copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, simContainers, type LabEnv } from './support/harness.js';
import { ENV_IMAGES, hostArch as arch, makeImages, removeImages, serveTools, TRAFFIC_SHIFTING_IMAGES, type ToolsServer } from './support/offline-fixtures.js';
import { describeDocker } from '../support/docker-available.js';
import { listTar, writeTar, extractMember } from '../../src/bundle/tar.js';

const pulls = (lab: LabEnv) => {
  const f = join(lab.simHome, 'pulls.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { by: string; image: string; ok: boolean }) : [];
};

describeDocker('offline bundles (issue 12)', () => {
  let lab: LabEnv;
  let tools: ToolsServer;
  let images: string[];
  let nodeImage: string;
  let bundle: string;
  const env1 = `bndl-${process.pid}`;
  const env2 = `prel-${process.pid}`;

  beforeAll(async () => {
    lab = await createLabEnv();
    nodeImage = `mesh-lab-e2e-${process.pid}/node:v1.36.1`;
    // the images a traffic-shifting environment needs, made locally (no registry is reachable)
    images = [nodeImage, ...ENV_IMAGES, ...TRAFFIC_SHIFTING_IMAGES];
    makeImages(images);
    tools = await serveTools(lab.root);
    bundle = join(lab.root, 'workshop.mlbundle');
  });

  afterAll(async () => {
    await lab.run(['down', '-e', env1]);
    await lab.run(['down', '-e', env2]);
    await lab.cleanup();
    await tools.close();
    removeImages(images ?? []);
  });

  it('bundle create: one file with single-platform image archives, tools for linux and macOS, a manifest of SHA-256s; inspect prints it', async () => {
    const r = await lab.run(['bundle', 'create', '--lab', 'traffic-shifting', '--kind-node-image', nodeImage, '-o', bundle, '--json'], { MESH_LAB_TOOLS_BASE_URL: tools.url });
    expect(r.exitCode, r.stderr).toBe(0);
    const created = JSON.parse(r.stdout);
    expect(created.manifest.images.map((i: { image: string }) => i.image).sort()).toEqual([...images].sort());
    expect(created.manifest.tools.map((t: { tool: string; platform: string }) => `${t.tool}/${t.platform}`).sort()).toEqual(
      ['istioctl', 'kind', 'kubectl'].flatMap((t) => [`${t}/darwin-${arch}`, `${t}/linux-${arch}`]).sort(),
    );
    expect(existsSync(`${bundle}.parts`)).toBe(false);
    const members = listTar(bundle).map((e) => e.name);
    expect(members[0]).toBe('manifest.json');
    expect(Object.keys(created.manifest.members).sort()).toEqual(members.slice(1).sort());
    const inspect = await lab.run(['bundle', 'inspect', bundle]);
    expect(inspect.stdout).toContain('docker.io/istio/pilot:1.30.3');
    expect(inspect.stdout).toMatch(/versions: kind v0\.32\.0, kubectl v1\.36\.1, istioctl 1\.30\.3, Istio 1\.30\.3/);
    expect(pulls(lab)).toEqual([]);
  });

  it('a bundle missing an image, or with one byte flipped, fails naming it (exit 3) before any cluster exists, leaving nothing', async () => {
    const entries = listTar(bundle);
    // one image removed: rewrite the archive without the app image's member
    const parts = join(lab.root, 'parts');
    mkdirSync(parts);
    const kept = entries.filter((e) => !e.name.includes('http-echo'));
    const sources = kept.map((e, n) => {
      const p = join(parts, String(n));
      extractMember(bundle, e, p);
      return { name: e.name, path: p };
    });
    const lacking = join(lab.root, 'lacking.mlbundle');
    writeTar(lacking, sources);
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const offline = { MESHLAB_SIM_OFFLINE: '1' };
    const a = await lab.run(['up', '-e', `${env1}-x`, '--bundle', lacking, '--kind-node-image', nodeImage, ...ports], offline);
    expect(a.exitCode, a.stdout + a.stderr).toBe(3);
    expect(a.stderr).toMatch(/lacks an image this environment needs \(linux\/\w+\): hashicorp\/http-echo:1\.0/);

    // one byte flipped inside the pilot image's archive
    const flipped = join(lab.root, 'flipped.mlbundle');
    copyFileSync(bundle, flipped);
    const pilot = entries.find((e) => e.name.includes('istio_pilot'))!;
    const fd = openSync(flipped, 'r+');
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, pilot.offset + 100);
    b[0] = b[0]! ^ 0xff;
    writeSync(fd, b, 0, 1, pilot.offset + 100);
    closeSync(fd);
    const f = await lab.run(['up', '-e', `${env1}-y`, '--bundle', flipped, '--kind-node-image', nodeImage, ...ports], offline);
    expect(f.exitCode, f.stdout + f.stderr).toBe(3);
    expect(f.stderr).toContain(`the bundle member ${pilot.name} is damaged`);

    // nothing behind: no cluster, no node container, no environment state, no pull
    expect(lab.invocations().filter((i) => i[0] === 'kind' && i[1] === 'create')).toEqual([]);
    expect(await simContainers(lab.simHome)).toEqual([]);
    const envDir = join(lab.meshLabHome, 'state', 'environments');
    expect(existsSync(envDir) ? readdirSync(envDir).filter((d) => d.startsWith(env1)) : []).toEqual([]);
    expect(pulls(lab)).toEqual([]);
  });

  it('up --bundle completes verified offline, lab run traffic-shifting --bundle passes, and nothing is pulled', async () => {
    const offline = { MESHLAB_SIM_OFFLINE: '1' };
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const up = await lab.run(['up', '-e', env1, '--bundle', bundle, '--kind-node-image', nodeImage, ...ports], offline);
    expect(up.exitCode, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).toMatch(/Bundle verified: 4 images in Docker/);
    expect(up.stdout).toMatch(/3 images loaded into the node \(from the bundle\)/);
    expect(up.stdout).toMatch(/Verified GET \/helloworld: HTTP 200/);
    // kind got the node image by tag, and the images went in before Istio
    const inv = lab.invocations();
    const create = inv.findIndex((i) => i[0] === 'kind' && i[1] === 'create');
    expect(inv[create]).toContain(nodeImage);
    const loads = inv.map((i, n) => [i, n] as const).filter(([i]) => i[0] === 'kind' && i[1] === 'load' && i[2] === 'image-archive');
    expect(loads).toHaveLength(3);
    const install = inv.findIndex((i) => i[0] === 'istioctl' && i[1] === 'install');
    expect(Math.max(...loads.map(([, n]) => n))).toBeLessThan(install);

    const run = await lab.run(['lab', 'run', 'traffic-shifting', '-e', env1, '--bundle', bundle], offline);
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(pulls(lab)).toEqual([]);
  });

  it('up --preload, down, up --preload: the second run pulls nothing (a plain up after down pulls again)', async () => {
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const up = (extra: string[]) => lab.run(['up', '-e', env2, '--kind-node-image', nodeImage, ...ports, ...extra]);
    const first = await up(['--preload']);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/3 images loaded into the node \(from mesh-lab's image cache\)/);
    expect((await lab.run(['down', '-e', env2])).exitCode).toBe(0);
    const before = pulls(lab).length;
    const second = await up(['--preload']);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(pulls(lab).slice(before)).toEqual([]);
    // without --preload the fresh node's containerd is empty again: the kubelet pulls
    expect((await lab.run(['down', '-e', env2])).exitCode).toBe(0);
    const plain = await up([]);
    expect(plain.exitCode, plain.stdout + plain.stderr).toBe(0);
    expect(pulls(lab).slice(before).filter((p) => p.by === 'kubelet').map((p) => p.image).sort()).toEqual(['docker.io/istio/pilot:1.30.3', 'docker.io/istio/proxyv2:1.30.3', 'hashicorp/http-echo:1.0']);
  });
});
