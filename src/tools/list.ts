/** Data for `mesh-lab tools list`: pinned versions, where they come from, and cache state. */
import type { ToolName, ToolsManifest } from './manifest.js';
import { TOOL_NAMES, artifactFor } from './manifest.js';
import type { Platform } from './platform.js';
import { readCached, toolInstallDir } from './cache.js';
import { describeRange } from './version.js';

export interface ToolListing {
  tool: ToolName;
  version: string;
  platform: string;
  url: string;
  checksum: 'pinned' | 'published';
  /** The pinned hash, or the URL of the published checksum file. */
  checksumRef: string;
  acceptOnPath: string;
  cached: boolean;
  cachedPath: string | undefined;
}

export async function listTools(manifest: ToolsManifest, platform: Platform, cacheDir: string): Promise<ToolListing[]> {
  const out: ToolListing[] = [];
  for (const name of TOOL_NAMES) {
    const spec = manifest.tools[name];
    const art = artifactFor(spec, platform);
    const cached = await readCached(toolInstallDir(cacheDir, spec, platform), spec, platform);
    out.push({
      tool: name,
      version: spec.version,
      platform: art.platform,
      url: art.url,
      checksum: art.checksum.type,
      checksumRef: art.checksum.type === 'pinned' ? art.checksum.sha256 : art.checksum.url,
      acceptOnPath: spec.exact ? `=${spec.version}` : describeRange(spec.accept),
      cached: cached !== undefined,
      cachedPath: cached?.path,
    });
  }
  return out;
}
