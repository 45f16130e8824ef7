// `up --preload` (connected, no bundle): Istio's and the app's images are pulled on the host
// while the cluster is being created, saved once per image ID into mesh-lab's image cache
// (`<cache root>/images/<os-arch>/<id>.tar`, shared with bundles), and loaded into the node
// before anything is applied. A new node starts with an empty containerd; with the archives
// cached, `down` and `up --preload` again fetch nothing.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Runner } from '../process/runner.js';
import { missingContent } from './archive-check.js';
import { apiAtLeast, inspectImage, pullImage, saveImage, serverApiVersion } from './docker-cli.js';
import type { NeededImage } from './images.js';
import { imageCacheFile, type LoadedArchive } from './load.js';
import { hostImagePlatform } from './open.js';

/** the images a node pulls: everything but the node image itself */
export function nodeImages(needed: readonly NeededImage[]): NeededImage[] {
  return needed.filter((n) => n.source !== 'kind-node');
}

export async function preloadImages(runner: Runner, env: NodeJS.ProcessEnv, needed: readonly NeededImage[], progress?: (line: string) => void): Promise<LoadedArchive[]> {
  const platform = hostImagePlatform();
  const withPlatform = apiAtLeast(await serverApiVersion(runner), '1.48');
  const out: LoadedArchive[] = [];
  for (const n of nodeImages(needed)) {
    let local = await inspectImage(runner, n.image);
    if (!local) {
      progress?.(`pull ${n.image}`);
      await pullImage(runner, n.image, platform);
      local = await inspectImage(runner, n.image);
      if (!local) throw new MeshLabError(ExitCode.Prerequisite, `docker pull ${n.image} left no such image in Docker`);
    }
    const file = imageCacheFile(env, platform, local.id);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.part`;
      try {
        await saveImage(runner, n.image, tmp, withPlatform ? platform : undefined);
        const missing = missingContent(tmp);
        if (missing) throw new MeshLabError(ExitCode.Prerequisite, `docker save ${n.image} wrote a multi-platform archive that lacks ${missing}: kind could not import it (kubernetes-sigs/kind#3795)`, { hint: 'use Docker 28 or newer (docker save --platform)' });
        renameSync(tmp, file);
      } finally {
        rmSync(tmp, { force: true });
      }
    }
    out.push({ image: { image: n.image, source: n.source, usedBy: n.usedBy, platform, id: local.id, repoDigests: local.repoDigests, member: '' }, file });
  }
  return out;
}
