// Per-lab progress, as the lead stores it (one JSON file per lab and cluster).
import { z } from 'zod';

export const StepStatusSchema = z.enum(['pending', 'running', 'passed', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof StepStatusSchema>;

export const CheckRecordSchema = z.object({
  pass: z.boolean(),
  message: z.string(),
  attempts: z.number().int().min(0).optional(),
});

export const StepProgressSchema = z.object({
  status: StepStatusSchema,
  attempts: z.number().int().min(0),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** One entry per check of the step, in order, from the last run. */
  checks: z.array(CheckRecordSchema).optional(),
  /** Why the step failed or was skipped. */
  message: z.string().optional(),
});
export type StepProgress = z.infer<typeof StepProgressSchema>;

export const LabProgressSchema = z.object({
  schema: z.literal(1),
  labId: z.string(),
  /** sha256 of lab.yaml when progress was recorded; a change means the lab was edited. */
  labDigest: z.string(),
  /** The mesh-lab cluster (lab environment) the progress belongs to. */
  cluster: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
  steps: z.record(z.string(), StepProgressSchema),
  /** Names of objects applied by the lab, for reset: `kind/namespace/name`. */
  applied: z.array(z.string()).optional(),
});
export type LabProgress = z.infer<typeof LabProgressSchema>;

export function newProgress(lab: { id: string; steps: readonly { id: string }[] }, digest: string, now = new Date(), cluster?: string): LabProgress {
  const t = now.toISOString();
  return {
    schema: 1,
    labId: lab.id,
    labDigest: digest,
    ...(cluster === undefined ? {} : { cluster }),
    startedAt: t,
    updatedAt: t,
    steps: Object.fromEntries(lab.steps.map((s) => [s.id, { status: 'pending' as const, attempts: 0 }])),
  };
}

/** Record a step result; returns a new record (the input is not modified). */
export function recordStep(p: LabProgress, stepId: string, update: Partial<StepProgress> & { status: StepStatus }, now = new Date()): LabProgress {
  const prev = p.steps[stepId] ?? { status: 'pending' as const, attempts: 0 };
  const attempts = update.status === 'running' ? prev.attempts + 1 : (update.attempts ?? prev.attempts);
  return { ...p, updatedAt: now.toISOString(), steps: { ...p.steps, [stepId]: { ...prev, ...update, attempts } } };
}

export { nextStep } from './next-step.js';

/** Steps listed in `requires` that have not passed yet. */
export function unmetRequirements(p: LabProgress, step: { requires?: readonly string[] | undefined }): string[] {
  return (step.requires ?? []).filter((id) => p.steps[id]?.status !== 'passed');
}

export function serializeProgress(p: LabProgress): string {
  return `${JSON.stringify(LabProgressSchema.parse(p), null, 2)}\n`;
}

export type ParseProgressResult = { ok: true; value: LabProgress } | { ok: false; message: string };

export function parseProgress(text: string): ParseProgressResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `progress file is not JSON: ${(e as Error).message}` };
  }
  const r = LabProgressSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    return { ok: false, message: `progress file is invalid: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown error'}` };
  }
  return { ok: true, value: r.data };
}

/** Adapt stored progress to the current lab: new steps become pending, removed ones are dropped. */
export function reconcileProgress(p: LabProgress, lab: { id: string; steps: readonly { id: string }[] }, digest: string): LabProgress {
  const steps = Object.fromEntries(lab.steps.map((s) => [s.id, p.steps[s.id] ?? { status: 'pending' as const, attempts: 0 }]));
  return { ...p, labId: lab.id, labDigest: digest, steps };
}
