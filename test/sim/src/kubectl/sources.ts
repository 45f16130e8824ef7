// -f/--filename handling shared by apply and delete: "-" is stdin (source "STDIN"),
// directories are read for .yaml/.yml/.json files (recursively with -R), missing paths
// fail with kubectl's wording.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ApiError } from '../k8s/errors.js';
import { parseManifests } from '../k8s/manifests.js';

export interface Source {
  name: string;
  docs: unknown[];
}

function filesIn(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (recursive) out.push(...filesIn(p, recursive));
    } else if (/\.(ya?ml|json)$/.test(e)) out.push(p);
  }
  return out;
}

export function readSources(filenames: string[], recursive: boolean): Source[] {
  const missing = filenames.filter((f) => f !== '-' && !existsSync(f));
  if (missing.length > 0) {
    // kubectl reports every missing path, one per line, without the "error: " prefix when several.
    throw new ApiError('', missing.map((f) => `the path "${f}" does not exist`).join('\n'));
  }
  const out: Source[] = [];
  for (const f of filenames) {
    if (f === '-') {
      out.push({ name: 'STDIN', docs: parseManifests(readFileSync(0, 'utf8'), 'STDIN') });
    } else if (statSync(f).isDirectory()) {
      for (const p of filesIn(f, recursive)) out.push({ name: p, docs: parseManifests(readFileSync(p, 'utf8'), p) });
    } else {
      out.push({ name: f, docs: parseManifests(readFileSync(f, 'utf8'), f) });
    }
  }
  return out;
}
