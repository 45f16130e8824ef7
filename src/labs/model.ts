// Questions about a loaded lab: which steps `--from/--to` mean, what the Istio install
// must provide, the lab namespace, a step's text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suggest } from './suggest.js';
import type { Lab } from './types.js';
import { LAB_DEFAULTS } from './types.js';

/** Resolve the steps between `from` and `to` (ids, inclusive), for `--from/--to`. */
export function resolveStepRange(lab: Lab, from?: string, to?: string): { ok: true; steps: Lab['steps'] } | { ok: false; message: string } {
  const ids = lab.steps.map((s) => s.id);
  const find = (id: string, flag: string): number | { message: string } => {
    const i = ids.indexOf(id);
    if (i >= 0) return i;
    const hint = suggest(id, ids);
    return { message: `${flag} ${id}: no such step in lab "${lab.id}"${hint ? ` (did you mean "${hint}"?)` : ''}; steps: ${ids.join(', ')}` };
  };
  const a = from === undefined ? 0 : find(from, '--from');
  if (typeof a !== 'number') return { ok: false, message: a.message };
  const b = to === undefined ? ids.length - 1 : find(to, '--to');
  if (typeof b !== 'number') return { ok: false, message: b.message };
  if (a > b) return { ok: false, message: `--from ${ids[a]} comes after --to ${ids[b]}` };
  return { ok: true, steps: lab.steps.slice(a, b + 1) };
}

/** The lab namespace (default `mesh-lab`). */
export function labNamespace(lab: Lab): string {
  return lab.namespace ?? LAB_DEFAULTS.namespace;
}

/** Requirements of the lab plus those of the given steps (default: all non-optional steps). */
export function effectiveRequirements(lab: Lab, steps: Lab['steps'] = lab.steps.filter((s) => s.optional !== true)): {
  profile: 'default' | 'demo';
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
  gatewayApi: boolean;
} {
  const all = [lab.requirements, ...steps.map((s) => s.requirements)];
  let profile: 'default' | 'demo' = 'default';
  let outbound: 'ALLOW_ANY' | 'REGISTRY_ONLY' = 'ALLOW_ANY';
  let gatewayApi = false;
  for (const r of all) {
    if (r?.gatewayApi === true) gatewayApi = true;
    if (r?.profile === 'demo') profile = 'demo';
    if (r?.mesh?.outboundTrafficPolicy === 'REGISTRY_ONLY') outbound = 'REGISTRY_ONLY';
  }
  return { profile, outboundTrafficPolicy: outbound, gatewayApi };
}

/** Read a step's markdown (inline `text` or its `textFile`). */
export function stepText(loaded: { dir: string }, step: Lab['steps'][number]): string {
  if (step.text !== undefined) return step.text;
  return step.textFile === undefined ? '' : readFileSync(path.join(loaded.dir, step.textFile), 'utf8');
}
