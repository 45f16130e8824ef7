// Find labs: every folder of the labs directory holding a lab.yaml (folders starting
// with "_" or "." are ignored), listed in id order.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { defaultLabsDir, defaultTemplatesDir, LAB_ID } from './cached-lab.js';
import { loadThroughCache, type LabTitles } from './lab-cache.js';
import { actionTitle } from './executor/run-action.js';
import { checkTitle } from './executor/run-check.js';
import { LAB_FILE, loadLab, type LoadOptions } from './load.js';
import type { LabError, LoadedLab } from './types.js';

export interface LabEntry {
  /** Folder name (= the lab id when the lab is valid). */
  id: string;
  dir: string;
  /** The loaded lab, or the errors that made it invalid. */
  result: { ok: true; value: LoadedLab } | { ok: false; errors: LabError[] };
}

export { defaultLabsDir, defaultTemplatesDir };

/** Lab folder names in a directory, sorted. */
export function labIds(labsDir: string): string[] {
  if (!existsSync(labsDir)) return [];
  return readdirSync(labsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
    .filter((d) => existsSync(path.join(labsDir, d.name, LAB_FILE)))
    .map((d) => d.name)
    .sort((a, b) => a.localeCompare(b, 'en'));
}

export interface RegistryOptions extends LoadOptions {
  /** Keep validated labs here (src/labs/lab-cache.ts); no cache when unset. */
  cacheDir?: string;
}

/** What each step's actions and checks are called, kept with the lab in the cache. */
export function labTitles(loaded: LoadedLab): LabTitles {
  return loaded.lab.steps.map((s) => ({ actions: (s.actions ?? []).map((a) => actionTitle(a)), checks: (s.checks ?? []).map((c) => checkTitle(c)) }));
}

/** Validates a lab folder, or takes it from the cache when nothing it depends on changed. */
function load(dir: string, opts: RegistryOptions): LabEntry['result'] {
  const { cacheDir, ...loadOpts } = opts;
  // only the built-in kinds: a lab valid under other kinds is not known valid under these
  if (cacheDir === undefined || loadOpts.kinds !== undefined) return loadLab(dir, loadOpts);
  return loadThroughCache(cacheDir, dir, loadOpts.templatesDir, () => loadLab(dir, loadOpts), labTitles);
}

/** Load every lab in the directory (valid or not), sorted by id. */
export function listLabs(labsDir: string = defaultLabsDir(), opts: RegistryOptions = {}): LabEntry[] {
  return labIds(labsDir).map((id) => {
    const dir = path.join(labsDir, id);
    return { id, dir, result: load(dir, opts) };
  });
}

/** Find one lab by id. `undefined` when there is no such folder; errors when it is invalid. */
export function findLab(id: string, labsDir: string = defaultLabsDir(), opts: RegistryOptions = {}): LabEntry | undefined {
  if (!LAB_ID.test(id)) return undefined;
  const dir = path.join(labsDir, id);
  if (!existsSync(path.join(dir, LAB_FILE))) return undefined;
  return { id, dir, result: load(dir, opts) };
}

/** "no lab named X" with the closest ids, for the CLI. */
export function unknownLabMessage(id: string, labsDir: string = defaultLabsDir()): string {
  const ids = labIds(labsDir);
  return `no lab named "${id}"; available: ${ids.length > 0 ? ids.join(', ') : '(none)'}`;
}
