// The simulator's node images, pull count and offline mode (test/sim/src/lib/node-images.ts,
// image-archive.ts, docker/main.ts, kind `load image-archive`): a pod whose image the node
// lacks is pulled and counted online, and waits in ErrImagePull / ImagePullBackOff offline
// until the image is loaded; `docker pull` fails as without a network; an archive naming
// content it lacks is refused with ctr's error (kubernetes-sigs/kind#3795).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, startLab, type Lab } from './tools-harness.js';
import { readImageArchive } from '../../sim/src/lib/image-archive.js';
import { normalizeRef } from '../../sim/src/lib/node-images.js';
import { tar as tarOf } from '../tools/helpers/tar.js';

/** a small ustar archive (regular files only), by the tools tests' tar writer */
const tar = (files: Record<string, string>): Buffer => tarOf(Object.entries(files).map(([name, data]) => ({ name, data })));

const sha = (s: string) => `sha256:${createHash('sha256').update(s).digest('hex')}`;

/** what Docker's containerd store saves for a pulled multi-platform image: the whole index, one platform's blobs */
function multiPlatformArchive(): { files: Record<string, string>; missing: string } {
  const config = '{"architecture":"amd64","os":"linux"}';
  const layer = 'layer';
  const amd = JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: sha(config) }, layers: [{ digest: sha(layer) }] });
  const arm = JSON.stringify({ mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: sha('arm-config') }, layers: [] });
  const index = JSON.stringify({ mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(amd), platform: { architecture: 'amd64', os: 'linux' } }, { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha(arm), platform: { architecture: 'arm64', os: 'linux' } }] });
  const blob = (s: string) => `blobs/${sha(s).replace(':', '/')}`;
  return {
    files: {
      'index.json': JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.index.v1+json', digest: sha(index), annotations: { 'io.containerd.image.name': 'docker.io/library/busybox:stable' } }] }),
      'manifest.json': JSON.stringify([{ Config: blob(config), RepoTags: ['busybox:stable'], Layers: [blob(layer)] }]),
      [blob(index)]: index, [blob(amd)]: amd, [blob(config)]: config, [blob(layer)]: layer,
    },
    missing: sha(arm),
  };
}

const DEPLOY = (name: string, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: default }
spec:
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: app, image: ${image} }] }
`;

let lab: Lab;
let dir: string;
beforeAll(async () => {
  lab = await startLab('offline');
  dir = mkdtempSync(join(tmpdir(), 'meshlab-archive-'));
});
afterAll(async () => {
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
});

const k = (args: string[], input?: string, env: Record<string, string> = {}) => lab.run('kubectl', ['--kubeconfig', lab.kubeconfig, '--context', lab.context, ...args], { input, env });
const pulls = () => spawnSync('cat', [join(lab.home, 'pulls.jsonl')], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('simulated node images and pulls', () => {
  it('normalizes references as containerd records them', () => {
    expect(normalizeRef('busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeRef('istio/pilot:1.30.3')).toBe('docker.io/istio/pilot:1.30.3');
    expect(normalizeRef('localhost:5000/a/b')).toBe('localhost:5000/a/b:latest');
    expect(normalizeRef('registry.k8s.io/pause:3.10@sha256:ab')).toBe('registry.k8s.io/pause:3.10@sha256:ab');
  });

  it('online: an image the node lacks is pulled once and counted; the rollout completes', () => {
    expect(k(['apply', '-f', '-'], DEPLOY('web', 'docker.io/example/web:1.0')).code).toBe(0);
    expect(pulls()).toEqual([{ by: 'kubelet', image: 'docker.io/example/web:1.0', cluster: lab.context, ok: true }]);
    expect(k(['rollout', 'status', 'deployment/web', '--timeout=20s']).code).toBe(0);
    // a second Deployment with the same image: already on the node, nothing pulled
    expect(k(['apply', '-f', '-'], DEPLOY('web2', 'docker.io/example/web:1.0')).code).toBe(0);
    expect(pulls()).toHaveLength(1);
  });

  it('offline: the pod waits in ErrImagePull with the kubelet/containerd text, and starts once the image is loaded', async () => {
    const offline = { MESHLAB_SIM_OFFLINE: '1' };
    expect(k(['apply', '-f', '-'], DEPLOY('api', 'docker.io/example/api:2.0'), offline).code).toBe(0);
    expect(pulls().at(-1)).toEqual({ by: 'kubelet', image: 'docker.io/example/api:2.0', cluster: lab.context, ok: false });
    await new Promise((r) => setTimeout(r, 400)); // past MESHLAB_SIM_READY_MS (300)
    const pod = JSON.parse(k(['get', 'pods', '-n', 'default', '-l', 'app=api', '-o', 'json'], undefined, offline).stdout).items[0];
    expect(pod.status.phase).toBe('Pending');
    expect(pod.status.containerStatuses[0].state.waiting).toEqual({
      reason: 'ErrImagePull',
      message: 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/example/api:2.0": failed to resolve reference "docker.io/example/api:2.0": failed to do request: Head "https://registry-1.docker.io/v2/example/api/manifests/2.0": dial tcp: lookup registry-1.docker.io: no such host',
    });
    expect(k(['rollout', 'status', 'deployment/api', '--timeout=1s'], undefined, offline).code).not.toBe(0);

    process.env.MESHLAB_SIM_HOME = lab.home;
    const { updateObjects } = await import('../../sim/.build/lib/store.js' as string);
    const { loadIntoNode } = await import('../../sim/.build/lib/node-images.js' as string);
    updateObjects(lab.context, (objs: unknown[]) => loadIntoNode(lab.context, { 'example/api:2.0': 'sha256:1' }, objs));
    delete process.env.MESHLAB_SIM_HOME;
    expect(k(['rollout', 'status', 'deployment/api', '--timeout=20s'], undefined, offline).code).toBe(0);
  });

  it('docker pull: offline fails as without a network and is counted; online answers only for local images', () => {
    const env = { ...process.env, MESHLAB_SIM_HOME: lab.home };
    const off = spawnSync(join(BIN, 'docker'), ['pull', '--platform', 'linux/amd64', 'docker.io/istio/pilot:1.30.3'], { encoding: 'utf8', env: { ...env, MESHLAB_SIM_OFFLINE: '1' } });
    expect(off.status).toBe(1);
    expect(off.stderr).toBe('Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host\n');
    expect(pulls().at(-1)).toEqual({ by: 'docker', image: 'docker.io/istio/pilot:1.30.3', ok: false });
    const on = spawnSync(join(BIN, 'docker'), ['pull', 'mesh-lab-test/never-made:0'], { encoding: 'utf8', env });
    expect(on.status).toBe(1);
    expect(on.stderr).toContain('pull access denied for mesh-lab-test/never-made');
  });

  it('reads a single-platform archive and finds the missing digest of a multi-platform one', () => {
    const single = join(dir, 'single.tar');
    const cfg = '{"os":"linux"}';
    writeFileSync(single, tar({ 'manifest.json': JSON.stringify([{ Config: `${sha(cfg).slice(7)}.json`, RepoTags: ['example/web:1.0'], Layers: [] }]), [`${sha(cfg).slice(7)}.json`]: cfg }));
    expect(readImageArchive(single)).toEqual({ images: { 'example/web:1.0': sha(cfg) } });
    const multi = multiPlatformArchive();
    const file = join(dir, 'multi.tar');
    writeFileSync(file, tar(multi.files));
    expect(readImageArchive(file).missingDigest).toBe(multi.missing);
  });

  it('kind load image-archive: a missing file and a cluster without nodes fail as kind does', () => {
    const env = { ...process.env, MESHLAB_SIM_HOME: lab.home, KIND_EXPERIMENTAL_DOCKER_NETWORK: 'none' };
    const missing = spawnSync(join(BIN, 'kind'), ['load', 'image-archive', join(dir, 'nope.tar'), '--name', 'offline-none'], { encoding: 'utf8', env });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`ERROR: stat ${join(dir, 'nope.tar')}: no such file or directory\n`);
    const noArg = spawnSync(join(BIN, 'kind'), ['load', 'image-archive'], { encoding: 'utf8', env });
    expect(noArg.stderr).toContain('name of image archive is required');
    writeFileSync(join(dir, 'x.tar'), tar({ 'manifest.json': '[]' }));
    const noNodes = spawnSync(join(BIN, 'kind'), ['load', 'image-archive', join(dir, 'x.tar'), '--name', 'mesh-lab-no-such-cluster'], { encoding: 'utf8', env });
    expect(noNodes.stderr).toBe('ERROR: no nodes found for cluster "mesh-lab-no-such-cluster"\n');
  });
});
