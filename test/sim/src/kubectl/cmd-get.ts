// `kubectl get`. Flags (subset) from `kubectl get --help` (v1.32): -o/--output,
// -A/--all-namespaces, -l/--selector, --field-selector, --ignore-not-found,
// --no-headers, --show-labels, --show-kind. Lists print as a `List` (apiVersion v1,
// metadata.resourceVersion ""), a single named object prints as itself (several arguments,
// even of one kind, always print a List); empty tables print "No resources found in NS
// namespace." on stderr. A resource type the server does not serve fails the whole command
// before anything is read (the builder's mapping error: exit 1, nothing on stdout).
import type { FlagSpec } from '../lib/flags.js';
import type { K8sObject } from '../lib/store.js';
import { ApiError, notFound, renderErrors } from '../k8s/errors.js';
import { qualifiedPlural } from '../k8s/registry.js';
import { parseSelector } from '../k8s/selector.js';
import { connect } from './context.js';
import { attrs, authorize, denial } from '../rbac/guard.js';
import { err, fail, out } from './io.js';
import { GET_FORMATS, parseOutput, printObjects } from './printers.js';
import { ofType, parseTargets, served, sortObjects } from './resources.js';

export const getFlags: FlagSpec[] = [
  { name: 'output', short: 'o', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'field-selector', type: 'string' },
  { name: 'ignore-not-found', type: 'bool' },
  { name: 'no-headers', type: 'bool' },
  { name: 'show-labels', type: 'bool' },
  { name: 'show-kind', type: 'bool' },
];

function fieldSelector(sel: string | undefined): (o: K8sObject) => boolean {
  if (!sel) return () => true;
  const reqs = sel.split(',').map((r) => {
    const m = r.match(/^([\w.]+)(==|=|!=)(.*)$/);
    if (!m) throw new ApiError('', `invalid field selector: '${r}'`);
    return m;
  });
  return (o) =>
    reqs.every(([, field, op, val]) => {
      const got = field!.split('.').reduce<any>((acc, k) => (acc == null ? undefined : acc[k]), o);
      return op === '!=' ? String(got ?? '') !== val : String(got ?? '') === val;
    });
}

export async function runGet(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length === 0) {
      err(
        'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n' +
          'error: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\n' +
          "See 'kubectl get -h' for help and examples\n",
      );
      return 1;
    }
    const conn = await connect(flags);
    const fmt = parseOutput(flags.output as string | undefined, GET_FORMATS);
    const { stored, all } = served(conn);
    const targets = parseTargets(args, stored);
    const allNs = flags['all-namespaces'] as boolean;
    const sel = parseSelector(flags.selector as string | undefined);
    const fsel = fieldSelector(flags['field-selector'] as string | undefined);
    const found: K8sObject[] = [];
    const errors: ApiError[] = [];
    let named = 0;
    for (const t of targets) {
      const pool = ofType(all, t.type).filter((o) => !t.type.namespaced || allNs || o.metadata.namespace === conn.namespace);
      if (t.names.length === 0) {
        authorize(conn.rec.key, conn.user, attrs('list', t.type, allNs ? undefined : conn.namespace));
        found.push(...sortObjects(pool.filter((o) => sel(o.metadata.labels ?? {}) && fsel(o))));
        continue;
      }
      for (const n of t.names) {
        named++;
        const denied = denial(conn.rec.key, conn.user, attrs('get', t.type, conn.namespace, n));
        if (denied) {
          errors.push(denied);
          continue;
        }
        const o = pool.find((x) => x.metadata.name === n && (!t.type.namespaced || x.metadata.namespace === conn.namespace));
        if (o) found.push(o);
        else if (!flags['ignore-not-found']) errors.push(notFound(qualifiedPlural(t.type), n));
      }
    }
    const single = named === 1 && targets.length === 1 && found.length === 1 && !args[0]!.includes(',');
    // kubectl/pkg/cmd/get/get.go: printGeneric (json, yaml, name, jsonpath) returns before
    // printing anything when nothing was found and --ignore-not-found is set (no empty List);
    // the table path then prints no "No resources found" either
    const ignore = flags['ignore-not-found'] as boolean;
    if ((found.length > 0 || fmt.kind === 'json' || fmt.kind === 'yaml') && !(found.length === 0 && ignore)) {
      if (!(found.length === 0 && (named > 0 && errors.length > 0))) {
        out(printObjects(found, fmt, single, allNs && targets.some((t) => t.type.namespaced), flags['no-headers'] as boolean, flags['show-labels'] as boolean));
      }
    }
    if (found.length === 0 && errors.length === 0 && fmt.kind === 'table' && named === 0 && !ignore) {
      const nsScoped = targets.some((t) => t.type.namespaced) && !allNs;
      err(nsScoped ? `No resources found in ${conn.namespace} namespace.\n` : 'No resources found\n');
    }
    if (errors.length > 0) {
      err(renderErrors(errors.length === 1 ? errors : errors));
      return 1;
    }
    return 0;
  } catch (e) {
    return fail(e);
  }
}
