// `kubectl label TYPE NAME k=v k2- [--overwrite]`. Flags (subset) from `kubectl label
// --help` (v1.32): --overwrite, --dry-run, -o, --all, -l. Messages from kubernetes/kubectl
// pkg/cmd/label/label.go ("labeled", "not labeled", "unlabeled", "'%s' already has a value
// (%s), and --overwrite is false"). Built-in namespaces are materialized on first write.
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, updateObjects } from '../lib/store.js';
import { ApiError, notFound } from '../k8s/errors.js';
import { findObject, nextResourceVersion } from '../k8s/objects.js';
import { qualifiedKind, qualifiedPlural } from '../k8s/registry.js';
import { parseDryRun } from './cmd-apply.js';
import { connect } from './context.js';
import { attrs, authorize } from '../rbac/guard.js';
import { fail, out } from './io.js';
import { ofType, parseTargets, served } from './resources.js';

export const labelFlags: FlagSpec[] = [
  { name: 'overwrite', type: 'bool' },
  { name: 'dry-run', type: 'string', def: 'none', noOptDefVal: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
];

export async function runLabel(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    const changes = args.filter((a) => a.includes('=') || a.endsWith('-'));
    const resArgs = args.filter((a) => !changes.includes(a));
    if (resArgs.length === 0) throw new ApiError('', 'one or more resources must be specified as <resource> <name> or <resource>/<name>');
    if (changes.length === 0) throw new ApiError('', 'at least one label update is required');
    const dryRun = parseDryRun(flags['dry-run'] as string);
    const conn = await connect(flags);
    const targets = parseTargets(resArgs, readObjects(conn.rec.key));
    const { all } = served(conn);
    const lines: string[] = [];
    updateObjects(conn.rec.key, (objects) => {
      for (const tg of targets) {
        if (tg.type.virtual) throw new ApiError('', `the mesh-lab simulator cannot label ${tg.type.plural}`);
        for (const name of tg.names) {
          const ns = tg.type.namespaced ? conn.namespace : undefined;
          // kubectl label GETs the object, then PATCHes it.
          authorize(conn.rec.key, conn.user, attrs('get', tg.type, ns, name));
          authorize(conn.rec.key, conn.user, attrs('patch', tg.type, ns, name));
          let o = findObject(objects, tg.type, ns, name);
          if (!o) {
            const builtin = ofType(all, tg.type).find((x) => x.metadata.name === name && x.metadata.namespace === ns);
            if (!builtin) throw notFound(qualifiedPlural(tg.type), name);
            o = { ...structuredClone(builtin), __sim: { appliedAt: 0 } };
            objects.push(o);
          }
          const labels = { ...(o.metadata.labels ?? {}) };
          let changed = false;
          let removed = false;
          for (const c of changes) {
            if (c.endsWith('-') && !c.includes('=')) {
              const k = c.slice(0, -1);
              if (k in labels) {
                delete labels[k];
                removed = true;
              }
              continue;
            }
            const [k, v] = [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)];
            if (k in labels && labels[k] !== v && !flags.overwrite) throw new ApiError('', `'${k}' already has a value (${labels[k]}), and --overwrite is false`);
            if (labels[k] !== v) changed = true;
            labels[k] = v;
          }
          if ((changed || removed) && dryRun === 'none') {
            o.metadata.labels = labels;
            o.metadata.resourceVersion = nextResourceVersion(objects);
          }
          const msg = changed ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
          lines.push(flags.output === 'name' ? `${qualifiedKind(tg.type)}/${name}\n` : `${qualifiedKind(tg.type)}/${name} ${msg}\n`);
        }
      }
    });
    out(lines.join(''));
    return 0;
  } catch (e) {
    return fail(e);
  }
}
