// The small kind subcommands: version, get clusters|nodes|kubeconfig, export
// kubeconfig, load docker-image. Output streams follow pkg/cmd/kind/**: results on
// stdout, everything else through the logger (stderr).
import { existsSync } from 'node:fs';
import { readCluster, updateObjects, writeCluster } from '../lib/store.js';
import { readImageArchive } from '../lib/image-archive.js';
import { loadIntoNode } from '../lib/node-images.js';
import { KindError, RunError } from './errors.js';
import { docker } from './docker.js';
import { contextFor, exportKubeconfig, standaloneKubeconfig } from './kubeconfig.js';
import type { Logger } from './logger.js';
import { API_SERVER_INTERNAL_PORT, apiServerEndpoint, controlPlaneNodes, listClusters, listNodes } from './provider.js';

export const KIND_VERSION = '0.32.0';
/** v0.32.0's .go-version (release binaries are built with it) */
export const GO_VERSION = 'go1.26.3';

function goArch(): string {
  return ({ x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' } as Record<string, string>)[process.arch] ?? process.arch;
}

export function version(log: Logger): void {
  process.stdout.write(log.enabled ? `kind v${KIND_VERSION} ${GO_VERSION} linux/${goArch()}\n` : `${KIND_VERSION}\n`);
}

export function getClusters(log: Logger): void {
  const clusters = listClusters();
  if (clusters.length === 0) {
    log.info('No kind clusters found.');
    return;
  }
  process.stdout.write(clusters.map((c) => `${c}\n`).join(''));
}

export function getNodes(name: string, all: boolean, log: Logger): void {
  const nodes = all ? listClusters().flatMap((c) => listNodes(c)) : listNodes(name);
  if (nodes.length === 0) {
    log.info(all ? 'No kind nodes for any cluster.' : `No kind nodes found for cluster ${JSON.stringify(name)}.`);
    return;
  }
  process.stdout.write(nodes.map((n) => `${n}\n`).join(''));
}

function serverFor(name: string, internal: boolean): string {
  const cps = controlPlaneNodes(name);
  if (cps.length < 1) {
    throw new KindError(`could not locate any control plane nodes for cluster named '${name}'. Use the --name option to select a different cluster`);
  }
  return internal ? `https://${cps[0]}:${API_SERVER_INTERNAL_PORT}` : `https://${apiServerEndpoint(cps[0]!)}`;
}

export function getKubeconfig(name: string, internal: boolean): void {
  // fmt.Fprintln of the encoded config: a blank line follows the YAML
  process.stdout.write(`${standaloneKubeconfig(name, serverFor(name, internal))}\n`);
}

export function exportKubeconfigCmd(name: string, kubeconfig: string | undefined, internal: boolean, log: Logger): void {
  exportKubeconfig(name, serverFor(name, internal), kubeconfig);
  log.info(`Set kubectl context to "${contextFor(name)}"`);
}

/**
 * `kind load docker-image`: checks the images exist locally, then "loads" them. The
 * simulated node has no container runtime, so loading records the image ID in the
 * cluster record (mesh-lab and tests can see it there) instead of `ctr import`.
 */
export function loadDockerImage(images: string[], name: string, nodesFlag: string[], log: Logger): void {
  const unique = [...new Set(images)];
  const ids: string[] = [];
  for (const img of unique) {
    const r = docker(['image', 'inspect', '-f', '{{ .Id }}', img]);
    const lines = r.stdout.split('\n').filter(Boolean);
    if (r.code !== 0 || lines.length !== 1) throw new KindError(`image: ${JSON.stringify(img)} not present locally`);
    ids.push(lines[0]!);
  }
  const nodes = listNodes(name);
  if (nodes.length === 0) throw new KindError(`no nodes found for cluster ${JSON.stringify(name)}`);
  for (const n of nodesFlag) if (!nodes.includes(n)) throw new KindError(`unknown node: ${JSON.stringify(n)}`);
  const candidates = nodesFlag.length > 0 ? nodesFlag : nodes;

  const rec = readCluster(contextFor(name));
  const loaded = { ...((rec?.loadedImages as Record<string, string> | undefined) ?? {}) };
  let selected = false;
  unique.forEach((img, i) => {
    const id = ids[i]!;
    const missing = candidates.filter(() => loaded[img] !== id);
    for (const node of missing) log.info(`Image: ${JSON.stringify(img)} with ID ${JSON.stringify(id)} not yet present on node ${JSON.stringify(node)}, loading...`);
    if (missing.length === 0) log.info(`Image: ${JSON.stringify(img)} with ID ${JSON.stringify(id)} found to be already present on all nodes.`);
    else selected = true;
    loaded[img] = id;
  });
  if (selected && rec) writeCluster({ ...rec, loadedImages: loaded });
  const key = contextFor(name);
  updateObjects(key, (objects) => loadIntoNode(key, Object.fromEntries(unique.map((img, i) => [img, ids[i]!])), objects));
}

/**
 * `kind load image-archive FILE [--name N] [--nodes a,b]` (pkg/cmd/kind/load/image-archive):
 * stat the file, list the nodes, check `--nodes`, then pipe the archive into each node's
 * `ctr --namespace=k8s.io images import --all-platforms --digests --snapshotter=overlayfs -`
 * (pkg/cluster/nodeutils LoadImageArchive). Success prints nothing. An archive that
 * references content it lacks (a multi-platform index from Docker's containerd store,
 * kubernetes-sigs/kind#3795) fails with ctr's `content digest …: not found`.
 */
export function loadImageArchive(file: string, name: string, nodesFlag: string[]): void {
  if (!existsSync(file)) throw new KindError(`stat ${file}: no such file or directory`);
  const nodes = listNodes(name);
  if (nodes.length === 0) throw new KindError(`no nodes found for cluster ${JSON.stringify(name)}`);
  for (const n of nodesFlag) if (!nodes.includes(n)) throw new KindError(`unknown node: ${n}`);
  const selected = nodesFlag.length > 0 ? nodesFlag : nodes;
  const archive = readImageArchive(file);
  if (archive.missingDigest) {
    throw new RunError(
      ['docker', 'exec', '--privileged', '-i', selected[0]!, 'ctr', '--namespace=k8s.io', 'images', 'import', '--all-platforms', '--digests', '--snapshotter=overlayfs', '-'],
      `ctr: content digest ${archive.missingDigest}: not found\n`,
      1,
    );
  }
  const key = contextFor(name);
  updateObjects(key, (objects) => loadIntoNode(key, archive.images, objects));
}
