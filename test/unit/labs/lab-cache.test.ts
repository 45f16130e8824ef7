// The validated-lab cache behind `lab show`/`lab step`: a hit skips validation, any edit of
// the lab folder (or the templates) validates again, and a corrupt entry is ignored.
import { cpSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadThroughCache } from '../../../src/labs/lab-cache.js';
import { loadLab } from '../../../src/labs/load.js';
import { findLab, labTitles } from '../../../src/labs/registry.js';
import { cachedLab } from '../../../src/labs/cached-lab.js';
import type { LoadResult } from '../../../src/labs/types.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let root: string;
let labDir: string;
let templatesDir: string;
let cacheDir: string;
let validations: number;

/** loadLab, counting how often it really validates */
const load = (): LoadResult => {
  validations++;
  return loadLab(labDir, { templatesDir });
};
const title = (r: LoadResult) => (r.ok ? r.value.lab.title : `invalid: ${r.errors.map((e) => e.message).join('; ')}`);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'mesh-lab-lab-cache-'));
  labDir = path.join(root, 'labs', 'ingress-routing');
  templatesDir = path.join(root, 'templates');
  cacheDir = path.join(root, 'cache');
  cpSync(path.join(repo, 'labs', 'ingress-routing'), labDir, { recursive: true });
  cpSync(path.join(repo, 'templates'), templatesDir, { recursive: true });
  validations = 0;
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('lab cache', () => {
  it('validates once, then answers from the cache with the same lab', () => {
    const first = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const second = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(1);
    expect(first.ok).toBe(true);
    expect(second).toEqual(first);
  });

  it('validates again after lab.yaml is edited, and serves the edited lab', () => {
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const file = path.join(labDir, 'lab.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: Edited title'));
    const r = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(2);
    expect(title(r)).toBe('Edited title');
  });

  it('validates again when an edit keeps the size and the modification time', () => {
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const file = path.join(labDir, 'lab.yaml');
    const text = readFileSync(file, 'utf8');
    const before = new Date('2020-01-01T00:00:00Z');
    utimesSync(file, before, before);
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const count = validations;
    // same length, restored mtime: only the change time tells
    writeFileSync(file, text.replace(/^title: (.)/m, (_m, c: string) => `title: ${c === 'X' ? 'Y' : 'X'}`));
    utimesSync(file, before, before);
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(count + 1);
  });

  it('sees a referenced file removed: the lab becomes invalid, and is not served from the cache', () => {
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    rmSync(path.join(labDir, 'gateway.yaml'));
    const r = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(r.ok).toBe(false);
    expect(title(r)).toContain('gateway.yaml');
    // an invalid lab is never stored: its errors are found again each time
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(3);
  });

  it('validates again when the templates change', () => {
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    writeFileSync(path.join(templatesDir, 'extra.yaml'), 'kind: ConfigMap\n');
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(2);
  });

  for (const [name, corrupt] of [
    ['not JSON', '{"format":1,'],
    ['JSON of another shape', '{"format":1,"key":"x","value":{"lab":null}}'],
    ['an empty file', ''],
  ] as const) {
    it(`ignores a corrupt entry (${name}) and replaces it`, () => {
      loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
      const [entry] = readdirSync(cacheDir);
      writeFileSync(path.join(cacheDir, entry!), corrupt);
      const r = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
      expect(r.ok).toBe(true);
      expect(validations).toBe(2);
      loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
      expect(validations).toBe(2);
    });
  }

  it('ignores an entry whose key matches but whose lab is malformed', () => {
    loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const [entry] = readdirSync(cacheDir);
    const file = path.join(cacheDir, entry!);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { value: { lab: { steps?: unknown } } };
    delete doc.value.lab.steps;
    writeFileSync(file, JSON.stringify(doc));
    const r = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    expect(validations).toBe(2);
    expect(r.ok && r.value.lab.steps.length).toBeGreaterThan(0);
  });

  it('still loads when the cache folder cannot be written', () => {
    writeFileSync(cacheDir, 'a file where the folder should be');
    expect(loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles).ok).toBe(true);
    expect(loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles).ok).toBe(true);
    expect(validations).toBe(2);
  });

  it('keeps the titles of each step with the lab: the light reader (src/labs/cached-lab.ts) answers from the entry alone', () => {
    const labs = path.dirname(labDir);
    expect(cachedLab('ingress-routing', labs, templatesDir, cacheDir)).toBeUndefined();
    const r = loadThroughCache(cacheDir, labDir, templatesDir, load, labTitles);
    const hit = cachedLab('ingress-routing', labs, templatesDir, cacheDir);
    expect(r.ok && hit).toEqual({ loaded: r.ok ? r.value : undefined, titles: r.ok ? labTitles(r.value) : undefined });
    expect(hit!.titles[1]).toEqual({ actions: ['kubectl apply -n mesh-lab -f gateway.yaml'], checks: ['Gateway helloworld-gateway exists'] });
    // an edit, or an entry whose titles do not fit the lab, and only the full path can say
    const [entry] = readdirSync(cacheDir);
    const doc = JSON.parse(readFileSync(path.join(cacheDir, entry!), 'utf8')) as { titles: unknown[] };
    writeFileSync(path.join(cacheDir, entry!), JSON.stringify({ ...doc, titles: doc.titles.slice(1) }));
    expect(cachedLab('ingress-routing', labs, templatesDir, cacheDir)).toBeUndefined();
    expect(cachedLab('Not-An-Id', labs, templatesDir, cacheDir)).toBeUndefined();
  });

  it('findLab uses the cache only when given a cache folder', () => {
    const labs = path.dirname(labDir);
    const a = findLab('ingress-routing', labs, { templatesDir, cacheDir });
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const b = findLab('ingress-routing', labs, { templatesDir, cacheDir });
    expect(b).toEqual(a);
    rmSync(cacheDir, { recursive: true });
    findLab('ingress-routing', labs, { templatesDir });
    expect(() => readdirSync(cacheDir)).toThrow();
  });
});
