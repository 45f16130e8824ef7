// `kubectl delete`. Flags (subset) from `kubectl delete --help` (v1.32): -f/--filename,
// -R, --ignore-not-found, -l/--selector, --all, -A, --wait, --timeout, --now,
// --grace-period, --dry-run, -o. Output from kubernetes/kubectl pkg/cmd/delete/delete.go
// PrintObj (kubectl >= 1.34 names the namespace: `service "x" deleted from default namespace`).
// Deletion is immediate here; deleting a Namespace or CRD removes what it contains.
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, updateObjects, type K8sObject } from '../lib/store.js';
import { reconcileGatewayApi } from '../gateway-api/controller.js';
import { mapDocs } from '../k8s/apply.js';
import { ApiError, notFound, renderErrors } from '../k8s/errors.js';
import { findObject } from '../k8s/objects.js';
import { byKind, qualifiedKind, qualifiedPlural, type ResourceType } from '../k8s/registry.js';
import { parseSelector } from '../k8s/selector.js';
import { parseDryRun } from './cmd-apply.js';
import { connect } from './context.js';
import { attrs, denial } from '../rbac/guard.js';
import { err, fail, out } from './io.js';
import { parseTargets } from './resources.js';
import { readSources } from './sources.js';

export const deleteFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'wait', type: 'bool', def: true },
  { name: 'timeout', type: 'duration', def: 0 },
  { name: 'now', type: 'bool' },
  { name: 'grace-period', type: 'int', def: -1 },
  { name: 'dry-run', type: 'string', def: 'none', noOptDefVal: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
];

interface Victim {
  t: ResourceType;
  name: string;
  ns: string | undefined;
  source?: string;
}

/** Removes an object and whatever the API server would garbage-collect with it. */
function remove(objects: K8sObject[], victim: K8sObject): void {
  const drop = new Set<K8sObject>([victim]);
  if (victim.kind === 'Namespace') for (const o of objects) if (o.metadata.namespace === victim.metadata.name) drop.add(o);
  if (victim.kind === 'CustomResourceDefinition') {
    const [plural, ...group] = victim.metadata.name.split('.');
    for (const o of objects) {
      const t = byKind(o.apiVersion, o.kind);
      if (t && t.plural === plural && t.group === group.join('.')) drop.add(o);
    }
  }
  for (let i = objects.length - 1; i >= 0; i--) if (drop.has(objects[i]!)) objects.splice(i, 1);
}

export async function runDelete(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    const files = flags.filename as string[];
    if (files.length === 0 && args.length === 0) {
      throw new ApiError(
        '',
        "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'",
      );
    }
    const dryRun = parseDryRun(flags['dry-run'] as string);
    const conn = await connect(flags);
    const stored = readObjects(conn.rec.key);
    const errors: ApiError[] = [];
    const victims: Victim[] = [];
    if (files.length > 0) {
      for (const s of readSources(files, flags.recursive as boolean)) {
        const opts = { source: s.name, namespace: conn.namespace, namespaceExplicit: conn.namespaceExplicit, serverSide: false, dryRun, validate: 'ignore' as const, lastApplied: false };
        const { mapped, errors: mapErrors } = mapDocs(s.docs, stored, opts);
        errors.push(...mapErrors);
        for (const m of mapped) {
          victims.push({ t: m.type, name: m.doc.metadata.name, ns: m.type.namespaced ? m.doc.metadata.namespace || conn.namespace : undefined, source: s.name });
        }
      }
    } else {
      const sel = parseSelector(flags.selector as string | undefined);
      for (const tg of parseTargets(args, stored)) {
        const ns = tg.type.namespaced ? conn.namespace : undefined;
        if (tg.names.length > 0) for (const n of tg.names) victims.push({ t: tg.type, name: n, ns });
        else if (flags.all || flags.selector) {
          for (const o of stored) {
            if (o.kind !== tg.type.kind || (tg.type.namespaced && !flags['all-namespaces'] && o.metadata.namespace !== ns)) continue;
            if (sel(o.metadata.labels ?? {})) victims.push({ t: tg.type, name: o.metadata.name, ns: o.metadata.namespace });
          }
        } else throw new ApiError('', `resource(s) were provided, but no name was specified`);
      }
    }
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    const lines: string[] = [];
    const act = (objects: K8sObject[]) => {
      for (const v of victims) {
        const denied = denial(conn.rec.key, conn.user, attrs('delete', v.t, v.ns, v.name));
        if (denied) {
          errors.push(v.source ? denied.withSource('deleting', v.source) : denied);
          continue;
        }
        const o = findObject(objects, v.t, v.ns, v.name);
        if (!o) {
          if (!flags['ignore-not-found']) {
            const e = notFound(qualifiedPlural(v.t), v.name);
            errors.push(v.source ? e.withSource('deleting', v.source) : e);
          }
          continue;
        }
        if (dryRun === 'none') remove(objects, o);
        const op = `${(flags['grace-period'] as number) === 0 ? 'force deleted' : 'deleted'}${v.ns ? ` from ${v.ns} namespace` : ''}${suffix}`;
        lines.push(flags.output === 'name' ? `${qualifiedKind(v.t)}/${v.name}\n` : `${qualifiedKind(v.t)} "${v.name}" ${op}\n`);
      }
    };
    // istiod's Gateway API controller and the garbage collector react to the deletion
    if (dryRun === 'none') updateObjects(conn.rec.key, (objects) => { act(objects); reconcileGatewayApi(objects); });
    else act(structuredClone(stored));
    out(lines.join(''));
    if (errors.length > 0) {
      err(renderErrors(errors));
      return 1;
    }
    if (victims.length === 0 && files.length === 0 && !flags['ignore-not-found']) err(`No resources found\n`);
    return 0;
  } catch (e) {
    return fail(e);
  }
}
