/**
 * Where mesh-lab keeps downloaded tools, and what counts as "installed".
 *
 *   $MESH_LAB_HOME/cache/tools                      when MESH_LAB_HOME is set
 *   $XDG_CACHE_HOME/mesh-lab/tools                  when XDG_CACHE_HOME is set
 *   ~/Library/Caches/mesh-lab/tools                 macOS default
 *   ~/.cache/mesh-lab/tools                         Linux default
 *
 * Per tool: <root>/<tool>/<version>/<os>-<arch>/{<binary>, install.json, .lock, .*.part}.
 * install.json is written last (temp + rename), so a binary without it is not trusted.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import type { Platform } from './platform.js';
import { platformKey } from './platform.js';
import type { ToolName, ToolSpec } from './manifest.js';

export const MESH_LAB_HOME_ENV = 'MESH_LAB_HOME';

/** mesh-lab's cache folder: downloaded tools, and files kept only to be fast (validated labs, tool versions). */
export function cacheRoot(
  env: NodeJS.ProcessEnv = process.env,
  nodePlatform: string = process.platform,
  home: string = homedir(),
): string {
  const meshHome = env[MESH_LAB_HOME_ENV]?.trim();
  if (meshHome) return join(meshHome, 'cache');
  const xdg = env['XDG_CACHE_HOME']?.trim();
  // The XDG spec says relative values are invalid and must be ignored.
  if (xdg && isAbsolute(xdg)) return join(xdg, 'mesh-lab');
  if (nodePlatform === 'darwin') return join(home, 'Library', 'Caches', 'mesh-lab');
  return join(home, '.cache', 'mesh-lab');
}

export function toolsCacheDir(env: NodeJS.ProcessEnv = process.env, nodePlatform: string = process.platform, home: string = homedir()): string {
  return join(cacheRoot(env, nodePlatform, home), 'tools');
}

export function toolInstallDir(cacheDir: string, spec: Pick<ToolSpec, 'name' | 'version'>, platform: Platform): string {
  return join(cacheDir, spec.name, spec.version, platformKey(platform));
}

export const INSTALL_RECORD = 'install.json';

export interface InstallRecord {
  tool: ToolName;
  version: string;
  platform: string;
  binary: string;
  /** SHA-256 of the installed binary file. */
  sha256: string;
  size: number;
  /** SHA-256 of the downloaded asset (the archive for istioctl), as verified. */
  assetSha256: string;
  checksum: 'pinned' | 'published';
  url: string;
  installedAt: string;
}

export interface CachedTool {
  path: string;
  record: InstallRecord;
}

/** The cached tool if its record matches and the binary is present with the recorded size. */
export async function readCached(dir: string, spec: Pick<ToolSpec, 'name' | 'version' | 'binary'>, platform: Platform): Promise<CachedTool | undefined> {
  let record: InstallRecord;
  try {
    record = JSON.parse(await readFile(join(dir, INSTALL_RECORD), 'utf8')) as InstallRecord;
  } catch {
    return undefined;
  }
  if (record.tool !== spec.name || record.version !== spec.version || record.platform !== platformKey(platform) || record.binary !== spec.binary) {
    return undefined;
  }
  const path = join(dir, spec.binary);
  try {
    const st = await stat(path);
    if (!st.isFile() || st.size !== record.size || (st.mode & 0o111) === 0) return undefined;
  } catch {
    return undefined;
  }
  return { path, record };
}

/** Removes leftovers of interrupted installs. Call only while holding the directory's lock. */
export async function removePartials(dir: string): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const n of names) {
    if (n.startsWith('.') && n.endsWith('.part')) {
      await rm(join(dir, n), { force: true });
      removed.push(n);
    }
  }
  return removed;
}
