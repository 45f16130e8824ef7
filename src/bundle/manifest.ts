// The bundle's manifest (its first member, `manifest.json`): what the bundle is for
// (versions, platforms, labs), every image with its ID and digests per platform, every tool
// per platform as verified at download, and the SHA-256 and size of every other member.
import { createHash } from 'node:crypto';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ImageSource } from './images.js';

export const BUNDLE_FORMAT = 'mesh-lab-bundle/v1';
export const MANIFEST_MEMBER = 'manifest.json';

export interface BundleImage {
  image: string;
  source: ImageSource;
  usedBy: string[];
  /** `os/arch` */
  platform: string;
  /** the image ID (config digest) as saved */
  id: string;
  /** registry digests the local Docker knew (none for an image made locally) */
  repoDigests: string[];
  member: string;
}

export interface BundleTool {
  tool: string;
  version: string;
  /** `os-arch` as in mesh-lab's tool cache */
  platform: string;
  member: string;
  /** SHA-256 of the binary, as `tools install` recorded it after verifying the download */
  sha256: string;
  assetSha256: string;
  checksum: 'pinned' | 'published';
  url: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  createdAt: string;
  meshLabVersion: string;
  versions: { kind: string; kubectl: string; istioctl: string; istio: string; kubernetes: string };
  profile: string;
  labs: string[];
  platforms: string[];
  kindNodeImage: string;
  images: BundleImage[];
  tools: BundleTool[];
  /** every member but the manifest: SHA-256 (hex) and size */
  members: Record<string, { sha256: string; size: number }>;
}

export function parseManifest(text: string, file: string): BundleManifest {
  let m: Partial<BundleManifest>;
  try {
    m = JSON.parse(text) as Partial<BundleManifest>;
  } catch {
    throw notABundle(file, 'its manifest.json is not JSON');
  }
  if (m.format !== BUNDLE_FORMAT) throw notABundle(file, `format ${JSON.stringify(m.format)} (expected ${BUNDLE_FORMAT})`);
  if (!Array.isArray(m.images) || !Array.isArray(m.tools) || typeof m.members !== 'object' || m.members === null) throw notABundle(file, 'its manifest.json lacks images, tools or members');
  return m as BundleManifest;
}

export function notABundle(file: string, why: string): MeshLabError {
  return new MeshLabError(ExitCode.Prerequisite, `${file} is not a usable mesh-lab bundle: ${why}`, { hint: 'create it again with `mesh-lab bundle create`' });
}

/** `images/linux-amd64/docker.io_istio_pilot_1.30.3.tar`: readable, and unique per reference and platform. */
export function imageMemberName(image: string, platform: string): string {
  const full = image.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*/, '@$1').replace(/[^A-Za-z0-9._-]+/g, '_');
  // a ustar name part holds 100 bytes; a shortened name keeps a hash of the whole reference
  const safe = full.length <= 90 ? full : `${full.slice(0, 80)}-${createHash('sha256').update(image).digest('hex').slice(0, 8)}`;
  return `images/${platform.replace(/\//g, '-')}/${safe}.tar`;
}

export function toolMemberName(tool: string, platformKey: string): string {
  return `tools/${platformKey}/${tool}`;
}
