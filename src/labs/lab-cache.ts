// A validated lab, kept as JSON so `lab show` and `lab step` (typed dozens of times in a
// workshop) skip parsing lab.yaml with positions, the zod schema and the semantic checks.
// With it go the titles of each step's actions and checks (what the kinds' `title` says),
// so those two commands need neither the kind modules nor zod (src/labs/cached-lab.ts).
//
// An entry is used only when its key still matches: the lab folder's and the templates
// folder's files (relative path, size, mtime, ctime: an edit, an added or a removed file
// changes it) and the code that validated it (this module's own file: a new mesh-lab build
// validates again). Only labs that validated are stored; an invalid lab is validated on
// every load, so its errors are always current. An unreadable, corrupt or mismatched entry
// counts as absent and is overwritten; a cache that cannot be written is simply not used.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedLab, LoadResult } from './types.js';

/** The entry format; bump it when LoadedLab or LabTitles changes shape. */
const FORMAT = 2;

/** Per step, in lab order: its actions' titles and its checks' titles (src/labs/executor). */
export type LabTitles = Array<{ actions: string[]; checks: string[] }>;

interface Entry {
  format: number;
  key: string;
  value: LoadedLab;
  titles: LabTitles;
}

function isTitles(v: unknown, lab: LoadedLab): v is LabTitles {
  const strings = (a: unknown): boolean => Array.isArray(a) && a.every((x) => typeof x === 'string');
  return (
    Array.isArray(v) && v.length === lab.lab.steps.length &&
    v.every((t: { actions?: unknown; checks?: unknown } | null, i) => typeof t === 'object' && t !== null && strings(t.actions) && strings(t.checks) &&
      (t.actions as string[]).length === (lab.lab.steps[i]!.actions ?? []).length && (t.checks as string[]).length === (lab.lab.steps[i]!.checks ?? []).length)
  );
}

/** `relative path size mtime ctime` of every file under dir, sorted; '' when dir is absent. */
function fileList(dir: string, rel = ''): string[] {
  let entries;
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const r = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...fileList(dir, r));
    else {
      try {
        const st = statSync(path.join(dir, r));
        out.push(`${r}\t${st.size}\t${st.mtimeMs}\t${st.ctimeMs}`);
      } catch {
        out.push(`${r}\t?`);
      }
    }
  }
  return out.sort();
}

/** Identity of the code doing the validation: the file this module was loaded from. */
function codeIdentity(): string {
  try {
    const self = fileURLToPath(import.meta.url);
    const st = statSync(self);
    return `${self}\t${st.size}\t${st.mtimeMs}`;
  } catch {
    return 'unknown';
  }
}

/** The key an entry for this lab folder must carry to be used. */
export function labCacheKey(labDir: string, templatesDir: string | undefined): string {
  const h = createHash('sha256');
  h.update(`${FORMAT}\n${codeIdentity()}\n${path.resolve(labDir)}\n`);
  for (const l of fileList(path.resolve(labDir))) h.update(`lab\t${l}\n`);
  if (templatesDir !== undefined) {
    h.update(`templates\t${path.resolve(templatesDir)}\n`);
    for (const l of fileList(path.resolve(templatesDir))) h.update(`tpl\t${l}\n`);
  }
  return h.digest('hex');
}

function entryFile(cacheDir: string, labDir: string): string {
  return path.join(cacheDir, `${createHash('sha256').update(path.resolve(labDir)).digest('hex').slice(0, 32)}.json`);
}

function isLoadedLab(v: unknown): v is LoadedLab {
  const l = v as LoadedLab;
  return (
    typeof l === 'object' && l !== null && typeof l.dir === 'string' && typeof l.file === 'string' && typeof l.digest === 'string' &&
    typeof l.lab === 'object' && l.lab !== null && typeof l.lab.id === 'string' && Array.isArray(l.lab.steps)
  );
}

/** The cached lab and its titles when its entry matches `key`; undefined otherwise (never throws). */
export function readCachedEntry(cacheDir: string, labDir: string, key: string): { value: LoadedLab; titles: LabTitles } | undefined {
  try {
    const e = JSON.parse(readFileSync(entryFile(cacheDir, labDir), 'utf8')) as Entry;
    if (e?.format !== FORMAT || e.key !== key || !isLoadedLab(e.value) || e.value.dir !== path.resolve(labDir) || !isTitles(e.titles, e.value)) return undefined;
    return { value: e.value, titles: e.titles };
  } catch {
    return undefined;
  }
}

/** The cached lab when its entry matches `key`; undefined otherwise (never throws). */
export function readCachedLab(cacheDir: string, labDir: string, key: string): LoadedLab | undefined {
  return readCachedEntry(cacheDir, labDir, key)?.value;
}

/** Stores a validated lab; a failure to write only means the next load validates again. */
export function writeCachedLab(cacheDir: string, labDir: string, key: string, value: LoadedLab, titles: LabTitles): void {
  const file = entryFile(cacheDir, labDir);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const entry: Entry = { format: FORMAT, key, value, titles };
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, file);
  } catch {
    // read-only or full disk: the cache is an optimisation only
  }
}

/**
 * `load()` through the cache: a matching entry is returned as is; otherwise the lab is
 * loaded (validated) and, when valid, stored. The key is computed before loading, so a
 * file edited while it is being validated leaves an entry that no longer matches.
 */
export function loadThroughCache(cacheDir: string, labDir: string, templatesDir: string | undefined, load: () => LoadResult, titlesOf: (lab: LoadedLab) => LabTitles): LoadResult {
  const key = labCacheKey(labDir, templatesDir);
  const hit = readCachedLab(cacheDir, labDir, key);
  if (hit) return { ok: true, value: hit };
  const r = load();
  if (r.ok) writeCachedLab(cacheDir, labDir, key, r.value, titlesOf(r.value));
  return r;
}
