// `kubectl rollout status`. Flags from `kubectl rollout status --help` (v1.32) and
// kubernetes/kubectl pkg/cmd/rollout/rollout_status.go: --timeout (0 = forever),
// -w/--watch, --revision. Messages from pkg/polymorphichelpers/rollout_status.go; the
// timeout error is wait.ErrWaitTimeout ("timed out waiting for the condition"); see
// shared/upstream/kubectl/rollout-status.*.txt. It really waits, polling the store.
import type { FlagSpec } from '../lib/flags.js';
import { readObjects } from '../lib/store.js';
import { ApiError, notFound } from '../k8s/errors.js';
import { findObject } from '../k8s/objects.js';
import { qualifiedPlural } from '../k8s/registry.js';
import { deploymentStatus } from '../k8s/readiness.js';
import { connect } from './context.js';
import { attrs, authorize } from '../rbac/guard.js';
import { err, fail, out } from './io.js';
import { parseTargets } from './resources.js';

export const rolloutStatusFlags: FlagSpec[] = [
  { name: 'timeout', type: 'duration', def: 0 },
  { name: 'watch', short: 'w', type: 'bool', def: true },
  { name: 'revision', type: 'int', def: 0 },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runRolloutStatus(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length === 0) throw new ApiError('', 'required resource not specified');
    const conn = await connect(flags);
    const targets = parseTargets(args, readObjects(conn.rec.key));
    if (targets.length !== 1 || targets[0]!.names.length !== 1) {
      throw new ApiError('', `rollout status is only supported on individual resources and resource collections, but ${targets.reduce((n, t) => n + Math.max(1, t.names.length), 0)} resources were found`);
    }
    const { type: t, names } = targets[0]!;
    const name = names[0]!;
    if (t.kind !== 'Deployment') throw new ApiError('', `no status viewer has been implemented for ${t.kind}`);
    // rollout status GETs the Deployment, then lists/watches it by name.
    authorize(conn.rec.key, conn.user, attrs('get', t, conn.namespace, name));
    const timeout = flags.timeout as number;
    const deadline = timeout > 0 ? Date.now() + timeout : Infinity;
    let last = '';
    let first = true;
    for (;;) {
      const d = findObject(readObjects(conn.rec.key), t, conn.namespace, name);
      if (!d) {
        if (first) throw notFound(qualifiedPlural(t), name);
        throw new ApiError('', 'object has been deleted');
      }
      first = false;
      const st = deploymentStatus(d) as { availableReplicas?: number; updatedReplicas: number; replicas: number };
      const avail = st.availableReplicas ?? 0;
      if (avail >= st.updatedReplicas && st.updatedReplicas >= Number(d.spec?.replicas ?? 1)) {
        out(`deployment "${name}" successfully rolled out\n`);
        return 0;
      }
      const msg = `Waiting for deployment "${name}" rollout to finish: ${avail} of ${st.updatedReplicas} updated replicas are available...\n`;
      if (msg !== last) out(msg);
      last = msg;
      if (!flags.watch) return 0;
      if (Date.now() >= deadline) {
        err('error: timed out waiting for the condition\n');
        return 1;
      }
      await sleep(Math.min(100, Math.max(1, deadline - Date.now())));
    }
  } catch (e) {
    return fail(e);
  }
}
