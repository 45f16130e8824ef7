// Reading and verifying a bundle before anything is touched: its manifest, every image the
// environment needs (for this machine's platform), and the SHA-256 of every member that
// will be used. Each failure names what is wrong (exit 3) while no cluster exists yet.
import { existsSync } from 'node:fs';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { NeededImage } from './images.js';
import { MANIFEST_MEMBER, notABundle, parseManifest, type BundleImage, type BundleManifest, type BundleTool } from './manifest.js';
import { listTar, readMember, streamMember, type TarEntry } from './tar.js';

export interface OpenBundle {
  file: string;
  manifest: BundleManifest;
  entries: Map<string, TarEntry>;
}

export function openBundle(file: string): OpenBundle {
  if (!existsSync(file)) throw new MeshLabError(ExitCode.NotFound, `no bundle at ${file}`, { hint: 'create one with `mesh-lab bundle create -o FILE`' });
  let list: TarEntry[];
  try {
    list = listTar(file);
  } catch (e) {
    throw notABundle(file, (e as Error).message);
  }
  const entries = new Map(list.map((e) => [e.name, e]));
  const m = entries.get(MANIFEST_MEMBER);
  if (!m) throw notABundle(file, `it has no ${MANIFEST_MEMBER}`);
  return { file, manifest: parseManifest(readMember(file, m).toString('utf8'), file), entries };
}

/** The host's image platform: Docker runs linux images of the machine's architecture. */
export function hostImagePlatform(arch: string = process.arch): string {
  return `linux/${arch === 'x64' ? 'amd64' : arch}`;
}

export interface VerifiedBundle extends OpenBundle {
  /** the bundle's images this environment uses, for this platform, in the order needed */
  images: BundleImage[];
  /** the tools for this machine */
  tools: BundleTool[];
}

/**
 * Every needed image is in the bundle for `platform` (else exit 3 naming them), and every
 * member to be used is present with its recorded size and SHA-256 (else exit 3 naming it).
 */
export function verifyBundle(b: OpenBundle, needed: readonly NeededImage[], platform: string, toolPlatform: string): VerifiedBundle {
  const images: BundleImage[] = [];
  const lacking: string[] = [];
  for (const n of needed) {
    const found = b.manifest.images.find((i) => i.image === n.image && i.platform === platform && b.entries.has(i.member));
    if (found) images.push(found);
    else lacking.push(n.image);
  }
  if (lacking.length > 0) {
    throw new MeshLabError(ExitCode.Prerequisite, `the bundle ${b.file} lacks ${lacking.length === 1 ? 'an image' : 'images'} this environment needs (${platform}): ${lacking.join(', ')}`, {
      hint: 'create the bundle with the same --lab/--all, --profile, --kind-node-image and --platform as this command',
    });
  }
  const tools = b.manifest.tools.filter((t) => t.platform === toolPlatform);
  for (const member of [...images.map((i) => i.member), ...tools.map((t) => t.member)]) {
    const want = b.manifest.members[member];
    const entry = b.entries.get(member);
    if (!want || !entry) throw new MeshLabError(ExitCode.Prerequisite, `the bundle ${b.file} lacks its member ${member}`, { hint: 'copy the bundle again, or create it again' });
    const got = entry.size === want.size ? streamMember(b.file, entry) : `size ${entry.size}`;
    if (got !== want.sha256) {
      throw new MeshLabError(ExitCode.Prerequisite, `the bundle member ${member} is damaged: its SHA-256 is not the one its manifest records`, {
        hint: 'copy the bundle again (or create it again with `mesh-lab bundle create`)',
        detail: `expected ${want.sha256} (${want.size} bytes), got ${got}`,
      });
    }
  }
  return { ...b, images, tools };
}
