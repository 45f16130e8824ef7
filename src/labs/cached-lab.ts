// A lab as `lab show` and `lab step` need it, from the validated-lab cache alone
// (src/labs/lab-cache.ts): no yaml, no zod, no kind modules. Undefined whenever the cache
// cannot answer (no entry yet, an edited lab, another build): the caller then loads and
// validates the lab through the registry, which stores the entry for the next time.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { labCacheKey, readCachedEntry, type LabTitles } from './lab-cache.js';
import type { LoadedLab } from './types.js';

export const LAB_FILE = 'lab.yaml';

/** What a lab id may look like (a folder name under labs/). */
export const LAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `<package>/labs` and `<package>/templates`. */
export function defaultLabsDir(): string {
  return path.join(packageRoot(), 'labs');
}
export function defaultTemplatesDir(): string {
  return path.join(packageRoot(), 'templates');
}

export function cachedLab(id: string, labsDir: string, templatesDir: string, cacheDir: string): { loaded: LoadedLab; titles: LabTitles } | undefined {
  if (!LAB_ID.test(id)) return undefined;
  const dir = path.join(labsDir, id);
  if (!existsSync(path.join(dir, LAB_FILE))) return undefined;
  const hit = readCachedEntry(cacheDir, dir, labCacheKey(dir, templatesDir));
  return hit && { loaded: hit.value, titles: hit.titles };
}
