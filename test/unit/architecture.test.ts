// The map in docs/architecture.md, checked: every runtime import between folders of src/
// points down the layer table, type-only imports never reach into commands or cli, the
// simulator is never imported by the product, and the structure signals of the house plan
// (small files, a short program.ts, provider names only in the registry) hold.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../..');

/** Bottom first; a folder may import (at run time) only folders of lower layers. Keep in step with docs/architecture.md. */
export const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'util', 'version'],
  ['process', 'manifests', 'http', 'docker'],
  ['tools', 'kube', 'ui'],
  ['config', 'istio'],
  ['providers'],
  ['state', 'verify'],
  ['doctor', 'discovery', 'labs'],
  ['session', 'workshop', 'bundle'],
  ['commands'],
  ['cli'],
];

function layerOf(folder: string): number {
  const i = LAYERS.findIndex((l) => l.includes(folder));
  if (i < 0) throw new Error(`folder ${folder} is in no layer: add it to LAYERS and to docs/architecture.md`);
  return i;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

/** `src/<folder>/…` → folder; `src/version.ts` → version; `cli/…` → cli. */
function folderOf(file: string): string {
  const [top, second] = path.relative(repo, file).split(path.sep);
  return top === 'src' ? second!.replace(/\.[jt]s$/, '') : top!;
}

interface Edge {
  from: string;
  to: string;
  typeOnly: boolean;
}

const IMPORT = /^\s*(?:import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function edges(files: string[]): Edge[] {
  return files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(IMPORT)].flatMap((m) => {
      const spec = m[2] ?? m[3] ?? m[4]!;
      if (!spec.startsWith('.')) return [];
      return [{ from: file, to: path.resolve(path.dirname(file), spec), typeOnly: Boolean(m[1]) }];
    });
  });
}

const product = [...sourceFiles(path.join(repo, 'src')), ...sourceFiles(path.join(repo, 'cli'))];
const all = edges(product);

describe('the layers of docs/architecture.md', () => {
  it('every folder of src/ has a layer', () => {
    const folders = readdirSync(path.join(repo, 'src')).map((f) => f.replace(/\.ts$/, ''));
    for (const f of folders) expect(() => layerOf(f), f).not.toThrow();
  });

  it('run-time imports between folders point down the table', () => {
    const upward = all
      .filter((e) => !e.typeOnly && folderOf(e.from) !== folderOf(e.to) && !e.to.startsWith(path.join(repo, 'package.json')))
      .filter((e) => layerOf(folderOf(e.to)) >= layerOf(folderOf(e.from)))
      .map((e) => `${path.relative(repo, e.from)} -> ${path.relative(repo, e.to)}`);
    expect(upward).toEqual([]);
  });

  it('type-only imports never reach into commands or cli from below', () => {
    const top = new Set(['commands', 'cli']);
    const bad = all
      .filter((e) => e.typeOnly && top.has(folderOf(e.to)) && !top.has(folderOf(e.from)))
      .map((e) => `${path.relative(repo, e.from)} -> ${path.relative(repo, e.to)}`);
    expect(bad).toEqual([]);
  });

  it('the product never imports the simulator or the tests', () => {
    const bad = all.filter((e) => path.relative(repo, e.to).startsWith('test')).map((e) => path.relative(repo, e.from));
    expect(bad).toEqual([]);
  });
});

describe('the house plan', () => {
  it('no .ts file in src/ or cli/ is over 350 lines', () => {
    const long = product.map((f) => [path.relative(repo, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 350);
    expect(long).toEqual([]);
  });

  it('cli/program.ts only holds the global flags and the list of commands (≤ 150 lines)', () => {
    expect(readFileSync(path.join(repo, 'cli/program.ts'), 'utf8').split('\n').length).toBeLessThanOrEqual(150);
  });

  it("a provider's name is a string literal in at most 3 files outside src/providers and src/tools", () => {
    const outside = product.filter((f) => !/^src[/\\](providers|tools)[/\\]/.test(path.relative(repo, f)));
    for (const name of ['minikube', 'kind', 'existing']) {
      const files = outside.filter((f) => readFileSync(f, 'utf8').includes(`'${name}'`)).map((f) => path.relative(repo, f));
      expect(files.length, `'${name}' in ${files.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });
});
