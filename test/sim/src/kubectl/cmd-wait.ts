// `kubectl wait`. Flags from `kubectl wait --help` (v1.32): --for, --timeout (default
// 30s), -l/--selector, --all, -A/--all-namespaces, --field-selector. Conditions and
// messages from kubernetes/kubectl pkg/cmd/wait/{wait.go,condition.go}: success prints
// `kind.group/name condition met`; see shared/upstream/kubectl/wait-*.txt.
import type { FlagSpec } from '../lib/flags.js';
import type { K8sObject } from '../lib/store.js';
import { ApiError, notFound } from '../k8s/errors.js';
import { qualifiedKind, qualifiedPlural, type ResourceType } from '../k8s/registry.js';
import { parseSelector } from '../k8s/selector.js';
import { connect } from './context.js';
import { attrs, authorize } from '../rbac/guard.js';
import { err, fail, out } from './io.js';
import { jsonpath } from './jsonpath.js';
import { ofType, parseTargets, served } from './resources.js';

export const waitFlags: FlagSpec[] = [
  { name: 'for', type: 'string' },
  { name: 'timeout', type: 'duration', def: 30_000 },
  { name: 'selector', short: 'l', type: 'string' },
  { name: 'all', type: 'bool' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'field-selector', type: 'string' },
];

type Check = (o: K8sObject | undefined) => boolean;

function parseFor(f: string | undefined): { check: Check; verb: string } {
  const v = f ?? '';
  if (v.toLowerCase() === 'delete') return { check: (o) => o === undefined, verb: 'deleted' };
  if (v.toLowerCase().startsWith('condition=')) {
    const rest = v.slice('condition='.length);
    const eq = rest.indexOf('=');
    const cond = (eq === -1 ? rest : rest.slice(0, eq)).toLowerCase();
    const want = eq === -1 ? 'true' : rest.slice(eq + 1).toLowerCase();
    return {
      check: (o) => !!o && ((o.status?.conditions ?? []) as Array<{ type: string; status: string }>).some((c) => c.type.toLowerCase() === cond && c.status.toLowerCase() === want),
      verb: 'condition met',
    };
  }
  if (v.toLowerCase().startsWith('jsonpath=')) {
    const m = v.slice('jsonpath='.length).match(/^(\{.*\})(?:=(.*))?$/);
    if (!m) throw new ApiError('', `jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'`);
    return { check: (o) => !!o && (m[2] === undefined ? jsonpath(m[1]!, o) !== '' : jsonpath(m[1]!, o) === m[2]), verb: 'condition met' };
  }
  throw new ApiError('', `unrecognized condition: "${v}"`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runWait(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    const { check, verb } = parseFor(flags.for as string | undefined);
    const conn = await connect(flags);
    const first = served(conn);
    const targets = parseTargets(args, first.stored);
    if (targets.length === 0) throw new ApiError('', 'resource(s) were provided, but no name was specified');
    const sel = parseSelector(flags.selector as string | undefined);
    const allNs = flags['all-namespaces'] as boolean;
    // Resolve the set of objects once, as kubectl's builder does.
    const watch: Array<{ t: ResourceType; name: string; ns: string | undefined }> = [];
    for (const tg of targets) {
      // kubectl wait lists (and watches) with a field selector on the name.
      authorize(conn.rec.key, conn.user, attrs('list', tg.type, allNs ? undefined : conn.namespace));
      const pool = ofType(first.all, tg.type).filter((o) => !tg.type.namespaced || allNs || o.metadata.namespace === conn.namespace);
      if (tg.names.length > 0) {
        for (const n of tg.names) {
          const o = pool.find((x) => x.metadata.name === n);
          if (!o) {
            if (verb === 'deleted') continue;
            throw notFound(qualifiedPlural(tg.type), n);
          }
          watch.push({ t: tg.type, name: n, ns: o.metadata.namespace });
        }
      } else {
        if (!flags.all && !flags.selector && !flags['field-selector']) {
          throw new ApiError('', 'resource(s) were provided, but no name was specified');
        }
        for (const o of pool.filter((x) => sel(x.metadata.labels ?? {}))) watch.push({ t: tg.type, name: o.metadata.name, ns: o.metadata.namespace });
      }
    }
    if (watch.length === 0) {
      if (verb === 'deleted') return 0;
      throw new ApiError('', 'no matching resources found');
    }
    const deadline = Date.now() + (flags.timeout as number);
    for (const w of watch) {
      for (;;) {
        const now = served(conn).all;
        const o = ofType(now, w.t).find((x) => x.metadata.name === w.name && x.metadata.namespace === w.ns);
        if (check(o)) {
          out(`${qualifiedKind(w.t)}/${w.name} ${verb}\n`);
          break;
        }
        if (Date.now() >= deadline) {
          err(`error: timed out waiting for the condition on ${w.t.plural}/${w.name}\n`);
          return 1;
        }
        await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
      }
    }
    return 0;
  } catch (e) {
    return fail(e);
  }
}
