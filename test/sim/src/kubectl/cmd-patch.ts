// `kubectl patch TYPE NAME -p PATCH [--type merge]`. Flags (subset) and messages from
// kubernetes/kubernetes staging/src/k8s.io/kubectl/pkg/cmd/patch/patch.go (NewCmdPatch,
// Validate, RunPatch, patchOperation): -p/--patch, --patch-file, --type (json, merge,
// strategic; default strategic), --dry-run, -o, --field-manager (default kubectl-patch);
// "cannot specify --patch and --patch-file together", "must specify --patch or --patch-file
// containing the contents of the patch", `--type must be one of [json merge strategic],
// not "x"`, output "<kind>/<name> patched" or "patched (no change)". The builder GETs the
// object first, so a missing one fails with the API's NotFound. Merge patches follow RFC
// 7386 (null deletes a key). A strategic merge patch equals a merge patch when it touches
// no list; the simulator refuses patches with lists and JSON patches (mesh-lab sends none).
import { readFileSync } from 'node:fs';
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, updateObjects, type K8sObject } from '../lib/store.js';
import { ApiError, notFound } from '../k8s/errors.js';
import { serverValidate } from '../k8s/apply.js';
import { deepEqual, findObject, nextResourceVersion } from '../k8s/objects.js';
import { qualifiedKind, qualifiedPlural } from '../k8s/registry.js';
import { parse as parseYaml } from 'yaml';
import { parseDryRun } from './cmd-apply.js';
import { connect } from './context.js';
import { attrs, authorize } from '../rbac/guard.js';
import { fail, out } from './io.js';
import { printObjects } from './printers.js';
import { parseTargets } from './resources.js';

export const patchFlags: FlagSpec[] = [
  { name: 'patch', short: 'p', type: 'string' },
  { name: 'patch-file', type: 'string' },
  { name: 'type', type: 'string', def: 'strategic' },
  { name: 'dry-run', type: 'string', def: 'none', noOptDefVal: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'field-manager', type: 'string', def: 'kubectl-patch' },
];

const PATCH_TYPES = ['json', 'merge', 'strategic'];

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function hasList(v: unknown): boolean {
  if (Array.isArray(v)) return true;
  return v !== null && typeof v === 'object' && Object.values(v as Record<string, unknown>).some(hasList);
}

export async function runPatch(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    const text = flags.patch as string | undefined;
    const file = flags['patch-file'] as string | undefined;
    if (text && file) throw new ApiError('', 'cannot specify --patch and --patch-file together');
    if (!text && !file) throw new ApiError('', 'must specify --patch or --patch-file containing the contents of the patch');
    const type = (flags.type as string).toLowerCase();
    if (!PATCH_TYPES.includes(type)) throw new ApiError('', `--type must be one of [${PATCH_TYPES.join(' ')}], not "${flags.type as string}"`);
    const raw = file ? readFileSync(file, 'utf8') : text!;
    let patch: unknown;
    try {
      patch = parseYaml(raw);
    } catch (e) {
      throw new ApiError('', `unable to parse "${text ?? ''}": ${(e as Error).message}`);
    }
    if (type === 'json' || (type === 'strategic' && hasList(patch))) throw new ApiError('', `the mesh-lab simulator implements only merge patches (and strategic ones without lists), not --type ${type}`);
    const dryRun = parseDryRun(flags['dry-run'] as string);
    if (args.length < 2 && !args.some((a) => a.includes('/'))) throw new ApiError('', 'you must provide one or more resources by argument or filename (.json|.yaml|.yml|stdin)');
    const conn = await connect(flags);
    const targets = parseTargets(args, readObjects(conn.rec.key));
    const lines: string[] = [];
    const printed: K8sObject[] = [];
    updateObjects(conn.rec.key, (objects) => {
      for (const tg of targets) {
        for (const name of tg.names) {
          const ns = tg.type.namespaced ? conn.namespace : undefined;
          // the API server authorizes the PATCH before it looks the object up (a Forbidden
          // user learns nothing about whether it exists)
          authorize(conn.rec.key, conn.user, attrs('patch', tg.type, ns, name));
          const live = findObject(objects, tg.type, ns, name);
          if (!live) throw notFound(qualifiedPlural(tg.type), name);
          const { __sim, ...clean } = live;
          const next = mergePatch(clean, patch) as K8sObject;
          next.metadata = { ...next.metadata, name, ...(ns ? { namespace: ns } : {}), uid: live.metadata.uid };
          const warnings: string[] = [];
          const invalid = serverValidate(next, tg.type, 'strict', warnings);
          if (invalid) throw invalid;
          const changed = !deepEqual(next, clean);
          if (changed && dryRun === 'none') {
            next.metadata.resourceVersion = nextResourceVersion(objects);
            objects.splice(objects.indexOf(live), 1, { ...next, ...(__sim ? { __sim } : {}) });
          }
          printed.push(next);
          const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
          lines.push(`${qualifiedKind(tg.type)}/${name} ${changed ? 'patched' : 'patched (no change)'}${suffix}\n`);
        }
      }
    });
    const output = flags.output as string | undefined;
    if (output === 'json' || output === 'yaml') out(printObjects(printed, { kind: output }, printed.length === 1, false));
    else if (output === 'name') out(lines.map((l) => `${l.split(' ')[0]}\n`).join(''));
    else out(lines.join(''));
    return 0;
  } catch (e) {
    return fail(e);
  }
}
