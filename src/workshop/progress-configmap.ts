// The workshop's progress ConfigMap: `mesh-lab-progress` in each attendee's namespace, one
// data key per lab id whose value is JSON {"schema":1,"labId","updatedAt","steps":{…}}.
// A joined environment's `lab check`/`lab run` write it (one `kubectl patch` of one data key,
// so labs never overwrite each other; `kubectl apply` only the first time, when it is
// absent); the instructor's `workshop status` and dashboard read every attendee's in one
// `kubectl get -A -l …`. A step absent from `steps` is "not tried".
import { z } from 'zod';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Kubectl } from '../kube/kubectl.js';
import type { K8sObject } from '../kube/objects.js';
import type { LabProgress } from '../labs/progress.js';
import { toYaml } from '../manifests/yaml.js';
import { ToolFailedError } from '../process/runner.js';

export const PROGRESS_CONFIGMAP = 'mesh-lab-progress';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const WORKSHOP_LABEL = 'mesh-lab.io/workshop';

export const RecordedStepSchema = z.object({
  status: z.enum(['passed', 'failed']),
  /** the failing checks' one-line reasons (only for failed) */
  message: z.string().optional(),
  at: z.string(),
});
export type RecordedStep = z.infer<typeof RecordedStepSchema>;

export const RecordedLabSchema = z.object({
  schema: z.literal(1),
  labId: z.string(),
  updatedAt: z.string(),
  steps: z.record(z.string(), RecordedStepSchema),
});
export type RecordedLab = z.infer<typeof RecordedLabSchema>;

/** One attendee's recorded labs, keyed by lab id (from the ConfigMap in their namespace). */
export type RecordedProgress = Record<string, RecordedLab>;

/** The contract's entry from mesh-lab's local progress: passed and failed steps only (others are "not tried"). */
export function recordedLab(progress: LabProgress, now = new Date()): RecordedLab {
  const steps: Record<string, RecordedStep> = {};
  for (const [id, s] of Object.entries(progress.steps)) {
    if (s.status !== 'passed' && s.status !== 'failed') continue;
    const at = s.finishedAt ?? progress.updatedAt;
    steps[id] = s.status === 'passed' ? { status: 'passed', at } : { status: 'failed', message: oneLine(s.message ?? 'failed'), at };
  }
  return { schema: 1, labId: progress.labId, updatedAt: now.toISOString(), steps };
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function labels(workshop: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: 'mesh-lab', [WORKSHOP_LABEL]: workshop };
}

/** The label selector of every progress ConfigMap of one workshop. */
export function progressSelector(workshop: string): string {
  return `${MANAGED_BY_LABEL}=mesh-lab,${WORKSHOP_LABEL}=${workshop}`;
}

export interface ProgressTarget {
  workshop: string;
  namespace: string;
}

/**
 * Writes one lab's entry: a merge patch of its data key (the other labs' keys stay; RFC 7386),
 * and only when the ConfigMap does not exist yet (NotFound), an apply of the whole object.
 */
export async function writeRecordedLab(kubectl: Kubectl, target: ProgressTarget, entry: RecordedLab): Promise<void> {
  const data = { [entry.labId]: JSON.stringify(entry) };
  const patch = JSON.stringify({ metadata: { labels: labels(target.workshop) }, data });
  const r = await kubectl.run(['patch', 'configmap', PROGRESS_CONFIGMAP, '-n', target.namespace, '--type', 'merge', '-p', patch], {
    purpose: `record progress in ${target.namespace}/${PROGRESS_CONFIGMAP}`,
    reject: false,
  });
  if (r.exitCode === 0) return;
  if (!/\(NotFound\)/.test(r.stderr)) throw new ToolFailedError(r, `record progress in ${target.namespace}/${PROGRESS_CONFIGMAP}`);
  const manifest = toYaml([{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: PROGRESS_CONFIGMAP, namespace: target.namespace, labels: labels(target.workshop) }, data }]);
  await kubectl.apply(manifest, `create ${target.namespace}/${PROGRESS_CONFIGMAP}`, target.namespace);
}

/** Records progress and never fails the caller: a failure comes back as a one-line warning. */
export async function tryWriteRecordedLab(kubectl: Kubectl, target: ProgressTarget, entry: RecordedLab): Promise<string | undefined> {
  try {
    await writeRecordedLab(kubectl, target, entry);
    return undefined;
  } catch (err) {
    const why = err instanceof MeshLabError ? err.message : (err as Error).message;
    return `warning: the check ran, but its result was not recorded for the instructor (${why})`;
  }
}

/** Every attendee's recorded labs by namespace, from ConfigMaps read with `progressSelector`. Entries that do not parse are skipped. */
export function parseProgressConfigMaps(items: readonly K8sObject[]): Map<string, RecordedProgress> {
  const out = new Map<string, RecordedProgress>();
  for (const cm of items) {
    const ns = cm.metadata?.namespace;
    if (cm.kind !== 'ConfigMap' || cm.metadata?.name !== PROGRESS_CONFIGMAP || !ns) continue;
    const labs: RecordedProgress = {};
    for (const [key, value] of Object.entries((cm as { data?: Record<string, string> }).data ?? {})) {
      try {
        const parsed = RecordedLabSchema.safeParse(JSON.parse(value));
        if (parsed.success && parsed.data.labId === key) labs[key] = parsed.data;
      } catch {
        // an attendee (who may edit their own namespace) wrote something else: not progress
      }
    }
    out.set(ns, labs);
  }
  return out;
}

/** All attendees' progress of one workshop in one kubectl call. */
export async function readAllProgress(kubectl: Kubectl, workshop: string): Promise<Map<string, RecordedProgress>> {
  const items = await kubectl.list('configmaps', { allNamespaces: true, selector: progressSelector(workshop), purpose: `read the workshop's progress ConfigMaps` });
  return parseProgressConfigMaps(items);
}
