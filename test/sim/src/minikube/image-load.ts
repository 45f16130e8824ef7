// `minikube image load` (cmd/minikube/cmd/image.go): an image from the host's Docker, or a
// saved archive (`FILE.tar`), into the node's runtime; the simulated node's image set is what
// the simulated kubelet pulls against (test/sim/src/lib/node-images.ts).
import { existsSync } from 'node:fs';
import { readCluster, updateObjects, writeCluster } from '../lib/store.js';
import { docker } from '../kind/docker.js';
import { Exit, exitMessage } from './out.js';
import { hostState, loadConfig, machineDir } from './profile.js';
import { readImageArchive } from '../lib/image-archive.js';
import { loadIntoNode } from '../lib/node-images.js';

export function imageLoad(profile: string, args: string[]): void {
  if (args.length === 0) exitMessage('MK_USAGE', 14, 'Please provide an image in your local daemon to load into minikube via <minikube image load IMAGE_NAME>');
  const cc = loadConfig(profile);
  if (!cc) exitMessage('MK_USAGE', 14, `loading profile: cluster "${profile}" does not exist`);
  const local = args.some((a) => a === '-' || a.startsWith('/') || a.startsWith('.') || existsSync(a));
  if (local) {
    loadArchives(profile, args);
    return;
  }
  const ids: Record<string, string> = {};
  for (const img of args) {
    const r = docker(['image', 'inspect', '--format', '{{.Id}}', img]);
    if (r.code !== 0) {
      exitMessage('GUEST_IMAGE_LOAD', 80, `Failed to load image: save to dir: caching images: caching image "${machineDir(profile).replace(/machines\/.*$/, 'cache/images/amd64/')}${img.replace(':', '_')}": write: unable to calculate manifest: fetching remote image: GET https://index.docker.io/v2/${img.split(':')[0]}/manifests/${img.split(':')[1] ?? 'latest'}: UNAUTHORIZED: authentication required`);
    }
    ids[img] = r.stdout.trim();
  }
  // The not-running host loads the cache on its next start; a running one gets it now.
  if (hostState(profile) !== 'Running') return;
  const rec = readCluster(profile);
  if (rec) writeCluster({ ...rec, loadedImages: { ...((rec.loadedImages as Record<string, string> | undefined) ?? {}), ...ids } });
  updateObjects(profile, (objects) => loadIntoNode(profile, ids, objects));
}

/**
 * `minikube image load FILE.tar -p P`: the archive goes into the node's runtime (nothing is
 * printed on success without a TTY). An archive that lacks content its index names is not
 * simulated (minikube's runtimes differ there): the simulator says so instead of guessing.
 */
function loadArchives(profile: string, files: string[]): void {
  const loaded: Record<string, string> = {};
  for (const file of files) {
    if (!existsSync(file)) exitMessage('GUEST_IMAGE_LOAD', 80, `Failed to load image: stat ${file}: no such file or directory`);
    const archive = readImageArchive(file);
    if (archive.missingDigest) {
      process.stderr.write(`simulator: loading an archive that lacks ${archive.missingDigest} is not simulated for minikube\n`);
      throw new Exit(1);
    }
    Object.assign(loaded, archive.images);
  }
  if (hostState(profile) !== 'Running') return;
  updateObjects(profile, (objects) => loadIntoNode(profile, loaded, objects));
}
