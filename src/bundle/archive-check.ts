// Is a `docker save` archive one that kind can import? kind pipes it into the node's
// `ctr images import --all-platforms --digests`, which needs every manifest its index
// names. Docker's containerd image store saves a pulled image's whole multi-platform index
// while holding one platform's blobs, and ctr then fails with `content digest …: not found`
// (kubernetes-sigs/kind#3795). The classic store's archive (manifest.json only) and a
// `docker save --platform` archive name only what they hold.
import { listTar, readMember, type TarEntry } from './tar.js';

interface Descriptor {
  mediaType?: string;
  digest: string;
}

/** The first digest the archive's index names but does not hold, or undefined when complete. */
export function missingContent(file: string): string | undefined {
  const entries = new Map<string, TarEntry>(listTar(file).map((e) => [e.name.replace(/^\.\//, ''), e]));
  const index = entries.get('index.json');
  if (!index) return undefined;
  const blob = (digest: string) => entries.get(`blobs/${digest.replace(':', '/')}`);
  const walk = (descs: readonly Descriptor[]): string | undefined => {
    for (const d of descs) {
      const e = blob(d.digest);
      if (!e) return d.digest;
      // layers are not JSON; only manifests and indexes are followed
      if (e.size > 4 * 1024 * 1024) continue;
      let parsed: { manifests?: Descriptor[]; config?: Descriptor; layers?: Descriptor[] };
      try {
        parsed = JSON.parse(readMember(file, e).toString('utf8')) as typeof parsed;
      } catch {
        continue;
      }
      if (parsed.manifests) {
        const m = walk(parsed.manifests);
        if (m) return m;
      } else {
        for (const part of [parsed.config, ...(parsed.layers ?? [])]) if (part && !blob(part.digest)) return part.digest;
      }
    }
    return undefined;
  };
  return walk((JSON.parse(readMember(file, index).toString('utf8')) as { manifests?: Descriptor[] }).manifests ?? []);
}
