// `mesh-lab bundle create|inspect`: run functions and output (the work is in src/bundle/).
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { IstioProfile } from '../../istio/images.js';
import { createBundle, type CreateBundleResult, type PullPolicy } from '../../bundle/create.js';
import { neededImages } from '../../bundle/images.js';
import type { BundleManifest } from '../../bundle/manifest.js';
import { openBundle } from '../../bundle/open.js';
import { PINNED_KIND_NODE_IMAGE } from '../../tools/pins.js';
import type { Session } from '../../session/session.js';
import { resolve } from 'node:path';
import { selectLabs } from '../images/images.js';

export interface BundleCreateOptions {
  output: string;
  platform: string;
  pull: PullPolicy;
  lab?: string;
  all?: boolean;
  profile: IstioProfile;
  istioVersion: string;
  kindNodeImage?: string;
  image: string;
}

const PLATFORM = /^linux\/(amd64|arm64)$/;

export function parsePlatforms(text: string): string[] {
  const list = [...new Set(text.split(',').map((p) => p.trim()).filter(Boolean))];
  const bad = list.filter((p) => !PLATFORM.test(p));
  if (list.length === 0 || bad.length > 0) {
    throw new MeshLabError(ExitCode.Usage, `--platform ${JSON.stringify(text)}: expected linux/amd64, linux/arm64 or both, comma-separated`);
  }
  return list;
}

export async function runBundleCreate(s: Session, o: BundleCreateOptions, progress: (line: string) => void): Promise<CreateBundleResult> {
  const platforms = parsePlatforms(o.platform);
  const labs = selectLabs(o, s.env);
  const kindNodeImage = o.kindNodeImage ?? PINNED_KIND_NODE_IMAGE;
  const images = neededImages({ labs, profile: o.profile, istioVersion: o.istioVersion, kindNodeImage, appImage: o.image });
  return createBundle({
    output: resolve(o.output), platforms, pull: o.pull, images, istioVersion: o.istioVersion, profile: o.profile,
    labs: labs.map((l) => l.lab.id), kindNodeImage, runner: s.runner, env: s.env, progress,
  });
}

export function inspectBundle(file: string): BundleManifest {
  return openBundle(resolve(file)).manifest;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function formatCreated(r: CreateBundleResult): string {
  return `Bundle ${r.file}: ${r.manifest.images.length} image archives, ${r.manifest.tools.length} tools, ${mib(r.size)} (fetched ${r.fetched.length}, kept ${r.reused.length} from an earlier run)`;
}

export function formatManifest(m: BundleManifest): string {
  const total = Object.values(m.members).reduce((a, x) => a + x.size, 0);
  const v = m.versions;
  return [
    `mesh-lab bundle (${m.format}), created ${m.createdAt} by mesh-lab ${m.meshLabVersion}`,
    `versions: kind ${v.kind}, kubectl ${v.kubectl}, istioctl ${v.istioctl}, Istio ${v.istio} (profile ${m.profile}), Kubernetes ${v.kubernetes}`,
    `platforms: ${m.platforms.join(', ')}; labs: ${m.labs.length > 0 ? m.labs.join(', ') : 'none'}`,
    'images:',
    ...m.images.map((i) => `  ${i.platform}  ${i.image}  ${i.id}${i.repoDigests.length > 0 ? `  (${i.repoDigests.join(', ')})` : ''}`),
    'tools:',
    ...m.tools.map((t) => `  ${t.platform}  ${t.tool} ${t.version}  sha256:${t.sha256}`),
    `${Object.keys(m.members).length} members, ${mib(total)}`,
  ].join('\n');
}

