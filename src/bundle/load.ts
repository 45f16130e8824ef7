// Using a bundle: `prepareBundle` (before any cluster exists) verifies it, installs its
// tools into mesh-lab's tool cache and loads its images into the host's Docker;
// `loadBundleIntoCluster` (once the cluster exists, before anything is applied) loads the
// images pods run into every node, so nothing is pulled. `up --bundle` and `lab start/run
// --bundle` call both; `workshop up --bundle` can call the same two functions.
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Runner } from '../process/runner.js';
import type { ClusterProvider } from '../providers/provider.js';
import { cacheRoot, INSTALL_RECORD, readCached, toolInstallDir, toolsCacheDir, type InstallRecord } from '../tools/cache.js';
import { detectPlatform, platformKey, type Platform } from '../tools/platform.js';
import type { ToolName } from '../tools/manifest.js';
import { tagOnly } from './create.js';
import { inspectImage, loadImageArchive } from './docker-cli.js';
import type { NeededImage } from './images.js';
import type { BundleImage } from './manifest.js';
import { hostImagePlatform, openBundle, verifyBundle, type VerifiedBundle } from './open.js';
import { extractMember } from './tar.js';

export interface LoadedArchive {
  image: BundleImage;
  /** the archive on disk (mesh-lab's image cache, keyed by image ID) */
  file: string;
}

export interface PreparedBundle {
  bundle: VerifiedBundle;
  archives: LoadedArchive[];
  /** tools written into the cache by this run */
  toolsInstalled: string[];
}

/** `<cache root>/images/<os-arch>/<image ID hex>.tar`: saved archives, keyed by digest (shared with `up --preload`). */
export function imageCacheFile(env: NodeJS.ProcessEnv, platform: string, id: string): string {
  return join(cacheRoot(env), 'images', platform.replace(/\//g, '-'), `${id.replace(/^sha256:/, '')}.tar`);
}

function installBundledTools(b: VerifiedBundle, platform: Platform, env: NodeJS.ProcessEnv): Promise<string[]> {
  return Promise.all(
    b.tools.map(async (t) => {
      const spec = { name: t.tool as ToolName, version: t.version, binary: t.tool };
      const dir = toolInstallDir(toolsCacheDir(env), spec, platform);
      const cached = await readCached(dir, spec, platform);
      if (cached?.record.sha256 === t.sha256) return '';
      mkdirSync(dir, { recursive: true, mode: 0o755 });
      const tmp = join(dir, `.${t.tool}.${process.pid}.bundle.part`);
      try {
        // verified again on the way out: the member's SHA-256 is the binary's, as recorded at download
        const sha = extractMember(b.file, b.entries.get(t.member)!, tmp, 0o755);
        if (sha !== t.sha256) throw new MeshLabError(ExitCode.Prerequisite, `the bundle member ${t.member} is damaged: its SHA-256 is not the one its manifest records`);
        chmodSync(tmp, 0o755);
        renameSync(tmp, join(dir, t.tool));
        const record: InstallRecord = {
          tool: t.tool as ToolName, version: t.version, platform: platformKey(platform), binary: t.tool, sha256: t.sha256,
          size: statSync(join(dir, t.tool)).size, assetSha256: t.assetSha256, checksum: t.checksum, url: t.url, installedAt: new Date().toISOString(),
        };
        writeFileSync(`${tmp}.json`, `${JSON.stringify(record, null, 2)}\n`);
        renameSync(`${tmp}.json`, join(dir, INSTALL_RECORD));
      } finally {
        rmSync(tmp, { force: true });
        rmSync(`${tmp}.json`, { force: true });
      }
      return `${t.tool} ${t.version}`;
    }),
  ).then((names) => names.filter(Boolean));
}

/** The archive of one image in the image cache (extracted from the bundle unless already there). */
function cachedArchive(b: VerifiedBundle, image: BundleImage, env: NodeJS.ProcessEnv): string {
  const file = imageCacheFile(env, image.platform, image.id);
  const want = b.manifest.members[image.member]!;
  if (existsSync(file) && statSync(file).size === want.size) return file;
  mkdirSync(join(file, '..'), { recursive: true });
  const tmp = `${file}.${process.pid}.part`;
  try {
    extractMember(b.file, b.entries.get(image.member)!, tmp);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
  return file;
}

export interface PrepareBundleOptions {
  /** what the environment will run (src/bundle/images.ts) */
  needed: readonly NeededImage[];
  runner: Runner;
  env: NodeJS.ProcessEnv;
  progress?: (line: string) => void;
}

/**
 * Before any cluster exists: verifies the bundle (a needed image missing, or a member
 * whose SHA-256 is wrong: exit 3 naming it), installs its tools for this machine into the
 * tool cache, and loads its images into the host's Docker (the kind node image must be
 * there for `kind create cluster`; the others are loaded into the nodes later).
 */
export async function prepareBundle(file: string, o: PrepareBundleOptions): Promise<PreparedBundle> {
  const say = o.progress ?? (() => undefined);
  const platform = detectPlatform();
  const b = verifyBundle(openBundle(file), o.needed, hostImagePlatform(), platformKey(platform));
  say(`bundle verified: ${b.images.length} images, ${b.tools.length} tools`);
  const toolsInstalled = await installBundledTools(b, platform, o.env);
  const archives: LoadedArchive[] = [];
  for (const image of b.images) {
    const archive = cachedArchive(b, image, o.env);
    const ref = tagOnly(image.image);
    if ((await inspectImage(o.runner, ref))?.id !== image.id) {
      say(`docker load ${ref}`);
      await loadImageArchive(o.runner, archive);
      const got = await inspectImage(o.runner, ref);
      if (got?.id !== image.id) {
        throw new MeshLabError(ExitCode.Prerequisite, `docker load of the bundle's ${ref} left ${got ? `image ${got.id}` : 'no such image'} in Docker, not ${image.id}`, { hint: 'create the bundle again' });
      }
    }
    archives.push({ image, file: archive });
  }
  return { bundle: b, archives, toolsInstalled };
}

/** The kind node image as kind must be given it after `docker load`: by tag (a loaded image has no registry digest). */
export function bundledKindNodeImage(kindNodeImage: string): string {
  return tagOnly(kindNodeImage);
}

/**
 * Once the cluster exists, before anything is applied: every image pods run (not the node
 * image) into every node (`kind load image-archive`, `minikube image load FILE`).
 */
export async function loadBundleIntoCluster(prepared: { archives: readonly LoadedArchive[] }, provider: ClusterProvider, progress?: (line: string) => void): Promise<number> {
  if (!provider.loadImageArchive) {
    throw new MeshLabError(ExitCode.Usage, `--bundle needs a cluster mesh-lab creates: ${provider.name} nodes cannot be loaded from here`, { hint: 'use --provider kind or minikube' });
  }
  let n = 0;
  for (const a of prepared.archives) {
    if (a.image.source === 'kind-node') continue;
    progress?.(`load ${a.image.image}`);
    await provider.loadImageArchive(a.file);
    n++;
  }
  return n;
}
