// `bundle create`: every image an environment needs, saved per platform as a
// single-platform archive, and the pinned tools per platform, verified as `tools install`
// verifies them, in one file with a manifest of SHA-256s.
//
// Resumable: members are staged in `<output>.parts/` and recorded (with their SHA-256)
// in its state.json as each is finished; a rerun re-hashes a staged member and keeps it
// when it matches, so nothing already fetched and verified is fetched again. Atomic: the
// archive is written to a temporary name beside the output and renamed into place.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Runner } from '../process/runner.js';
import { kindProvider } from '../providers/kind/index.js';
import { installTool } from '../tools/install.js';
import { manifestFromEnv, withIstioctlVersion, type ToolName } from '../tools/manifest.js';
import { readCached, toolInstallDir, toolsCacheDir } from '../tools/cache.js';
import type { Platform, ToolArch } from '../tools/platform.js';
import { sha256File } from '../tools/verify.js';
import { VERSION } from '../version.js';
import { missingContent } from './archive-check.js';
import { apiAtLeast, inspectImage, pullImage, saveImage, serverApiVersion } from './docker-cli.js';
import type { NeededImage } from './images.js';
import { BUNDLE_FORMAT, imageMemberName, MANIFEST_MEMBER, toolMemberName, type BundleImage, type BundleManifest, type BundleTool } from './manifest.js';
import { writeTar } from './tar.js';

export type PullPolicy = 'missing' | 'always' | 'never';

/** the tools a kind environment runs, from the provider registry (minikube is not bundled yet) */
export const BUNDLED_TOOLS: readonly ToolName[] = kindProvider.tools;

export interface CreateBundleOptions {
  output: string;
  /** image platforms, `linux/amd64` … */
  platforms: readonly string[];
  pull: PullPolicy;
  images: readonly NeededImage[];
  istioVersion: string;
  profile: string;
  labs: readonly string[];
  kindNodeImage: string;
  runner: Runner;
  env: NodeJS.ProcessEnv;
  progress?: (line: string) => void;
}

export interface CreateBundleResult {
  file: string;
  size: number;
  manifest: BundleManifest;
  /** members fetched (pulled, saved, downloaded) by this run */
  fetched: string[];
  /** members kept from an interrupted earlier run */
  reused: string[];
}

interface StageState {
  members: Record<string, { sha256: string; size: number }>;
  images: Record<string, BundleImage>;
  tools: Record<string, BundleTool>;
}

/** kind's images carry a tag and (pinned) a digest; `docker load` keeps only the tag. */
export function tagOnly(ref: string): string {
  return ref.replace(/@sha256:[0-9a-f]{64}$/, '');
}

/** Tools run on the laptops: for linux/ARCH images, the linux and macOS builds for ARCH. */
export function toolPlatforms(imagePlatforms: readonly string[]): Platform[] {
  const arches = [...new Set(imagePlatforms.map((p) => p.split('/')[1] as ToolArch))];
  return arches.flatMap((arch) => [{ os: 'linux' as const, arch }, { os: 'darwin' as const, arch }]);
}

function samePlatform(have: string, want: string): boolean {
  return have === want || have.startsWith(`${want}/`);
}

export async function createBundle(o: CreateBundleOptions): Promise<CreateBundleResult> {
  const say = o.progress ?? (() => undefined);
  const parts = `${o.output}.parts`;
  mkdirSync(parts, { recursive: true });
  const stateFile = join(parts, 'state.json');
  const state: StageState = existsSync(stateFile) ? (JSON.parse(readFileSync(stateFile, 'utf8')) as StageState) : { members: {}, images: {}, tools: {} };
  const save = () => writeFileSync(stateFile, JSON.stringify(state, null, 2));
  const fetched: string[] = [];
  const reused: string[] = [];
  /** this run's members (an earlier run may have staged others) */
  const wanted = new Set<string>();

  /** a staged member still as recorded: kept, not fetched again */
  const staged = async (member: string): Promise<boolean> => {
    const rec = state.members[member];
    const path = join(parts, member);
    if (!rec || !existsSync(path)) return false;
    if ((await sha256File(path)) === rec.sha256) return true;
    delete state.members[member];
    return false;
  };
  const record = async (member: string) => {
    const path = join(parts, member);
    state.members[member] = { sha256: await sha256File(path), size: statSync(path).size };
    fetched.push(member);
    save();
  };

  const api = await serverApiVersion(o.runner);
  const platformFlag = apiAtLeast(api, '1.48');
  for (const platform of o.platforms) {
    for (const img of o.images) {
      const member = imageMemberName(img.image, platform);
      wanted.add(member);
      if (state.images[member] && (await staged(member))) {
        reused.push(member);
        continue;
      }
      let local = await inspectImage(o.runner, img.image);
      const fits = local !== undefined && samePlatform(local.platform, platform);
      if (o.pull === 'always' || (o.pull === 'missing' && !fits)) {
        say(`pull ${img.image} (${platform})`);
        await pullImage(o.runner, img.image, platform);
        local = await inspectImage(o.runner, img.image);
      } else if (!fits) {
        throw new MeshLabError(ExitCode.Prerequisite, `${img.image} (${platform}) is not in the local Docker${local ? ` (it has ${local.platform})` : ''}, and --pull never forbids pulling it`, {
          hint: 'pull it yourself, or use --pull missing',
        });
      }
      if (!local || !samePlatform(local.platform, platform)) {
        throw new MeshLabError(ExitCode.Prerequisite, `docker pull --platform ${platform} ${img.image} left ${local ? local.platform : 'no image'} in the local Docker`, { hint: 'check that the image is published for that platform' });
      }
      // saved by tag: `docker load` restores tags, never registry digests
      const saveRef = tagOnly(img.image);
      if (saveRef !== img.image && (await inspectImage(o.runner, saveRef))?.id !== local.id) {
        throw new MeshLabError(ExitCode.Prerequisite, `${saveRef} in the local Docker is not the image ${img.image} names`, { hint: `docker pull ${img.image}, then docker tag it as ${saveRef}` });
      }
      const path = join(parts, member);
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.partial`;
      say(`save ${saveRef} (${platform})`);
      await saveImage(o.runner, saveRef, tmp, platformFlag ? platform : undefined);
      const missing = missingContent(tmp);
      if (missing) {
        rmSync(tmp, { force: true });
        throw new MeshLabError(ExitCode.Prerequisite, `docker save ${saveRef} wrote a multi-platform archive that lacks ${missing}: kind could not import it (kubernetes-sigs/kind#3795)`, {
          hint: 'use Docker 28 or newer (docker save --platform), or turn off the containerd image store',
        });
      }
      renameSync(tmp, path);
      state.images[member] = { image: img.image, source: img.source, usedBy: img.usedBy, platform, id: local.id, repoDigests: local.repoDigests, member };
      await record(member);
    }
  }

  const toolsManifest = withIstioctlVersion(manifestFromEnv(o.env), o.istioVersion);
  for (const platform of toolPlatforms(o.platforms)) {
    for (const name of BUNDLED_TOOLS) {
      const key = `${platform.os}-${platform.arch}`;
      const member = toolMemberName(name, key);
      wanted.add(member);
      if (state.tools[member] && (await staged(member))) {
        reused.push(member);
        continue;
      }
      say(`${name} (${key})`);
      // downloaded and verified exactly as `tools install` does (or taken from its cache)
      const r = await installTool(name, { manifest: toolsManifest, platform, env: o.env });
      const spec = toolsManifest.tools[name];
      const cached = await readCached(toolInstallDir(toolsCacheDir(o.env), spec, platform), spec, platform);
      const path = join(parts, member);
      mkdirSync(dirname(path), { recursive: true });
      copyFileSync(r.path, path);
      state.tools[member] = {
        tool: name, version: r.version, platform: key, member, sha256: r.sha256,
        assetSha256: cached?.record.assetSha256 ?? r.sha256, checksum: r.checksum, url: cached?.record.url ?? '',
      };
      await record(member);
    }
  }

  const t = toolsManifest.tools;
  const manifest: BundleManifest = {
    format: BUNDLE_FORMAT,
    createdAt: new Date().toISOString(),
    meshLabVersion: VERSION,
    versions: { kind: t.kind.version, kubectl: t.kubectl.version, istioctl: t.istioctl.version, istio: o.istioVersion, kubernetes: toolsManifest.kubernetesVersion },
    profile: o.profile,
    labs: [...o.labs],
    platforms: [...o.platforms],
    kindNodeImage: o.kindNodeImage,
    images: Object.values(state.images).filter((i) => wanted.has(i.member)),
    tools: Object.values(state.tools).filter((i) => wanted.has(i.member)),
    members: Object.fromEntries(Object.entries(state.members).filter(([m]) => wanted.has(m))),
  };
  const manifestFile = join(parts, MANIFEST_MEMBER);
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  const tmp = `${o.output}.tmp-${process.pid}`;
  try {
    writeTar(tmp, [{ name: MANIFEST_MEMBER, path: manifestFile }, ...[...wanted].sort().map((m) => ({ name: m, path: join(parts, m) }))]);
    renameSync(tmp, o.output);
  } finally {
    rmSync(tmp, { force: true });
  }
  rmSync(parts, { recursive: true, force: true });
  return { file: o.output, size: statSync(o.output).size, manifest, fetched, reused };
}
