// Reads an image archive (`docker save` output: the legacy manifest.json layout, plus the
// OCI index.json Docker 25+ writes beside it) the way the node's `ctr images import
// --all-platforms --digests` sees it: which images it names, their IDs, and the first
// content digest the archive references but does not hold. Docker's containerd image
// store saves a pulled image's whole index while only one platform's blobs were pulled,
// so ctr fails with `ctr: content digest sha256:…: not found` (kubernetes-sigs/kind#3795).
import { readFileSync } from 'node:fs';

export interface ArchiveImages {
  /** image reference → image ID (sha256 of the config) */
  images: Record<string, string>;
  /** a digest referenced (through index.json) but absent from the archive */
  missingDigest?: string;
}

/** ustar entries: name → content (PAX `path` records honoured for long names) */
export function readTar(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let off = 0;
  let paxPath: string | undefined;
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const str = (a: number, n: number) => h.subarray(a, a + n).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(str(124, 12).trim() || '0', 8);
    const type = str(156, 1);
    const prefix = str(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${str(0, 100)}` : str(0, 100));
    const body = buf.subarray(off + 512, off + 512 + size);
    paxPath = undefined;
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'));
      if (m) paxPath = m[1];
    } else if (type === '0' || type === '' || type === '\0') {
      out.set(name.replace(/^\.\//, ''), Buffer.from(body));
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

interface Descriptor {
  mediaType?: string;
  digest: string;
  annotations?: Record<string, string>;
}

const INDEX_TYPES = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json'];

export function readImageArchive(file: string): ArchiveImages {
  const entries = readTar(readFileSync(file));
  const images: Record<string, string> = {};
  const manifest = entries.get('manifest.json');
  if (manifest) {
    for (const m of JSON.parse(manifest.toString('utf8')) as Array<{ Config: string; RepoTags?: string[] | null }>) {
      const id = `sha256:${m.Config.replace(/^blobs\/sha256\//, '').replace(/\.json$/, '')}`;
      for (const tag of m.RepoTags ?? []) images[tag] = id;
    }
  }
  const index = entries.get('index.json');
  if (!index) return { images };
  const blob = (d: string) => entries.get(`blobs/${d.replace(':', '/')}`);
  // --all-platforms: every manifest of every index must be in the archive
  const walk = (descs: Descriptor[]): string | undefined => {
    for (const d of descs) {
      const b = blob(d.digest);
      if (!b) return d.digest;
      const parsed = JSON.parse(b.toString('utf8')) as { mediaType?: string; manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] };
      if (INDEX_TYPES.includes(d.mediaType ?? parsed.mediaType ?? '') || parsed.manifests) {
        const miss = walk(parsed.manifests ?? []);
        if (miss) return miss;
      } else {
        for (const part of [parsed.config, ...(parsed.layers ?? [])]) if (part && !blob(part.digest)) return part.digest;
      }
    }
    return undefined;
  };
  const top = (JSON.parse(index.toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? [];
  for (const d of top) {
    const name = d.annotations?.['io.containerd.image.name'];
    if (name && !(name in images)) images[name] = d.digest;
  }
  const missingDigest = walk(top);
  return missingDigest ? { images, missingDigest } : { images };
}
