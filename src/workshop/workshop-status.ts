// Reads the room for `workshop status` and the dashboard: the workshop record (WorkshopStore,
// read by the caller), every attendee's progress ConfigMap in one kubectl call and every
// namespace's routes in one more (both at once), then the roll-up. `--verify` re-runs the
// shown labs' checks per attendee with the instructor's credentials: read-only (no actions),
// once each (no retry window), in the attendee's namespace and against the workshop's ingress.
import { DEFAULTS } from '../config/defaults.js';
import { Istioctl } from '../istio/istioctl.js';
import { networkingApiVersion } from '../istio/networking-api.js';
import { Kubectl } from '../kube/kubectl.js';
import type { ExecContext } from '../labs/executor/context.js';
import { runCheck } from '../labs/executor/run-check.js';
import { resolveRetry } from '../labs/checks/retry.js';
import { effectiveParams } from '../labs/render.js';
import { sharedVariant } from '../labs/shared-variant.js';
import type { Check, LoadedLab, Retry } from '../labs/types.js';
import type { Runner } from '../process/runner.js';
import type { AttendeeRecord, WorkshopState } from '../state/workshop-state.js';
import { hostClaims, readRouteObjects, type RouteMemo } from './host-claims.js';
import { readAllProgress } from './progress-configmap.js';
import { labsToShow, rollUp, type LabColumn, type VerifiedStep, type WorkshopStatus } from './roll-up.js';
import { workshopAccess, workshopKubectl } from './workshop-kubectl.js';

export interface StatusOptions {
  /** only these labs (default: every lab an attendee recorded, else all) */
  labs?: readonly string[];
  verify?: boolean;
  /** attendees checked at once under --verify */
  concurrency?: number;
  /** kept between reads by a long-running reader (the dashboard) */
  routeMemo?: RouteMemo;
}

export function labColumn(l: LoadedLab): LabColumn {
  return { id: l.lab.id, title: l.lab.title, steps: l.lab.steps.map((s) => ({ id: s.id, title: s.title })) };
}

export async function readWorkshopStatus(runner: Runner, state: WorkshopState, labs: readonly LoadedLab[], opts: StatusOptions = {}): Promise<WorkshopStatus> {
  const kubectl = workshopKubectl(runner, state);
  const [progress, routes] = await Promise.all([readAllProgress(kubectl, state.workshop), readRouteObjects(kubectl, opts.routeMemo)]);
  const shown = labsToShow(labs.map(labColumn), progress, opts.labs);
  // attendees run only shared labs, in their shared variant: verify exactly what they ran
  const verifiable = labs.filter((l) => l.lab.shared && shown.some((s) => s.id === l.lab.id)).map(sharedVariant);
  const verified = opts.verify ? await verifyAll(runner, state, verifiable, opts.concurrency ?? 4) : undefined;
  return rollUp({ workshop: state.workshop, attendees: state.attendees, labs: shown, progress, claims: hostClaims(routes), ...(verified ? { verified } : {}) });
}

/**
 * The context a lab check of one attendee runs in, seen by the instructor: the workshop's
 * cluster and ingress, the attendee's namespace. (A joined environment's own `lab check`
 * runs with the attendee's token against the same namespace and ingress.)
 */
export function attendeeCheckContext(runner: Runner, state: WorkshopState, attendee: AttendeeRecord, loaded: LoadedLab): ExecContext {
  const access = workshopAccess(state);
  const quiet = { shown: () => {}, info: () => {} };
  return {
    loaded,
    kubectl: new Kubectl(runner, access),
    istioctl: new Istioctl(runner, access),
    ...(state.ingress ? { ingress: state.ingress } : {}),
    // as the attendee's own `lab check` does (src/commands/lab/lab-binding.ts execContext):
    // their routes answer only their host on the shared gateway
    ingressHost: attendee.host,
    namespace: attendee.namespace,
    runtime: effectiveParams(loaded.lab, undefined, { namespace: attendee.namespace, networkingApiVersion: networkingApiVersion(state.istio?.version ?? DEFAULTS.istioVersion), host: attendee.host }),
    report: quiet,
  };
}

/** Long enough for the passes in a row a check asks for (e.g. 3 at 1 s: 3 s), never its whole retry window. */
export function verifyWindowSeconds(check: Check): number {
  const body = Object.values(check as Record<string, unknown>)[0] as { retry?: Retry } | undefined;
  const r = resolveRetry(body?.retry);
  return ((r.consecutiveSuccesses - 1) * r.intervalMs) / 1000 + 1;
}

async function verifyAttendee(runner: Runner, state: WorkshopState, a: AttendeeRecord, labs: readonly LoadedLab[]): Promise<Record<string, Record<string, VerifiedStep>>> {
  const out: Record<string, Record<string, VerifiedStep>> = {};
  for (const loaded of labs) {
    const ctx = attendeeCheckContext(runner, state, a, loaded);
    const steps: Record<string, VerifiedStep> = {};
    for (const step of loaded.lab.steps) {
      if (!step.checks?.length) continue;
      const failed: string[] = [];
      for (const check of step.checks) {
        ctx.maxWaitSeconds = verifyWindowSeconds(check);
        try {
          const r = await runCheck(ctx, check);
          if (!r.pass) failed.push(`${r.title}: ${r.message}`);
        } catch (err) {
          failed.push((err as Error).message);
        }
      }
      steps[step.id] = failed.length ? { status: 'failed', message: failed.join('; ').replace(/\s*\n\s*/g, ' ') } : { status: 'passed' };
    }
    out[loaded.lab.id] = steps;
  }
  return out;
}

async function verifyAll(runner: Runner, state: WorkshopState, labs: readonly LoadedLab[], concurrency: number): Promise<Map<string, Record<string, Record<string, VerifiedStep>>>> {
  const results = new Map<string, Record<string, Record<string, VerifiedStep>>>();
  const queue = [...state.attendees];
  const worker = async () => {
    for (let a = queue.shift(); a; a = queue.shift()) results.set(a.namespace, await verifyAttendee(runner, state, a, labs));
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return results;
}
