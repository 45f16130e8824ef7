// `mesh-lab lab ...`: list, show, start, step, check, run, reset. Thin: each loads the lab
// and its environment, then calls the executor in src/labs/executor.
import { join } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { requireEnvironment } from '../../session/require-environment.js';
import type { Session } from '../../session/session.js';
import { actionTitle, renderedManifest, runAction } from '../../labs/executor/run-action.js';
import { formatStepResult, runStep, type StepResult } from '../../labs/executor/run-step.js';
import { checkTitle } from '../../labs/executor/run-check.js';
import type { StepReporter } from '../../labs/executor/context.js';
import { effectiveRequirements, resolveStepRange, formatLabErrors } from '../../labs/load.js';
import { newProgress, recordStep, reconcileProgress, unmetRequirements, type LabProgress } from '../../labs/progress.js';
import { defaultTemplatesDir, labTitles, listLabs } from '../../labs/registry.js';
import type { LoadedLab, Step } from '../../labs/types.js';
import type { UpInput } from '../up/up-input.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { currentLabId, execContext, labsDir, loadLabVariant, readProgress, writeProgress } from './lab-binding.js';
import { labApis } from '../../labs/variants.js';
import type { LabStartView, LabView, StepView } from './lab-format.js';
import { apiView, pickStep, viewOfLab, viewOfStep } from './lab-views.js';
import { recordForWorkshop } from './workshop-progress.js';
import { sessionLab } from './shared-cluster.js';
export { formatLabView, formatStepView } from './lab-format.js';

export interface LabListItem {
  id: string;
  title?: string;
  summary?: string;
  steps?: number;
  /** the routing APIs it runs with (`istio`, `gateway-api`) */
  apis?: string[];
  errors?: string;
}

export function labList(env: NodeJS.ProcessEnv): LabListItem[] {
  return listLabs(labsDir(env), { templatesDir: defaultTemplatesDir() }).map((e) =>
    e.result.ok
      ? { id: e.id, title: e.result.value.lab.title, summary: e.result.value.lab.summary, steps: e.result.value.lab.steps.length, apis: labApis(e.result.value.lab) }
      : { id: e.id, errors: formatLabErrors(e.result.errors) },
  );
}

export { pickStep };

export function stepView(loaded: LoadedLab, step: Step, index: number, workDir?: string): StepView {
  // each action kind says how the learner types it (src/labs/actions/*.ts `title`)
  return viewOfStep(loaded, step, index, { actions: (step.actions ?? []).map((a) => actionTitle(a)), checks: (step.checks ?? []).map((c) => checkTitle(c)) }, workDir);
}

export function labShowView(id: string, env: NodeJS.ProcessEnv, gatewayApi = false): LabView {
  const loaded = loadLabVariant(id, env, { requested: gatewayApi });
  return viewOfLab(loaded, labTitles(loaded), apiView(loaded, loaded.api));
}

/** Brings the environment to what the lab needs (cluster, Istio profile and mesh options, the app), without the seed route. */
export interface StartOptions {
  noDownload?: boolean;
  /** also meet the requirements of optional steps (e.g. the egress gateway's profile demo) */
  includeOptional?: boolean;
  httpHostPort?: string;
  httpsHostPort?: string;
  /** `--bundle FILE`: tools and images (the lab's too) from an offline bundle */
  bundle?: string;
  /** run the lab's Gateway API variant (installs the Gateway API CRDs as `up --gateway-api` does) */
  gatewayApi?: boolean;
}

export async function labStart(session: Session, id: string, overrides: StartOptions = {}): Promise<{ loaded: LoadedLab; progress: LabProgress }> {
  const { noDownload, includeOptional, bundle, gatewayApi, ...ports } = overrides;
  const previous = session.store.read();
  // refused before anything runs when the lab has no form for the API asked for, or no
  // form for a shared workshop cluster
  const loaded = sessionLab(session, id, { requested: gatewayApi ?? false, state: previous });
  const req = effectiveRequirements(loaded.lab, includeOptional ? loaded.lab.steps : undefined);
  // a joined workshop environment writes nothing outside its namespace: the instructor's
  // `workshop up` made the cluster, Istio and the app
  if (!previous?.workshop) {
    // loaded here: `lab show`, `lab step` and `lab check` need none of up's machinery
    const { runUp } = await import('../up/up.js');
    await runUp(
      session,
      { ...(previous?.options as UpInput | undefined), ...ports, clusterName: previous?.cluster.name ?? session.environment, profile: req.profile, outboundTrafficPolicy: req.outboundTrafficPolicy, ...(loaded.api === 'gateway-api' ? { gatewayApi: true } : {}) },
      { routing: false, noDownload: noDownload ?? false, ...(bundle ? { bundle, labs: [loaded] } : {}) },
    );
  }
  const state = requireEnvironment(session);
  writeWorkFiles(session, loaded);
  const progress = newProgress(loaded.lab, loaded.digest, new Date(), state.cluster.context);
  writeProgress(session, id, progress);
  return { loaded, progress };
}

/** What `lab start` reports once the environment is ready: `id` names the work folder, as `labStart` was given it. */
export function labStartView(session: Session, id: string, loaded: LoadedLab): LabStartView {
  const dir = workDir(session, id);
  return { lab: loaded.lab.id, steps: loaded.lab.steps.length, workDir: dir, step: stepView(loaded, loaded.lab.steps[0]!, 0, dir) };
}

function reporterFor(session: Session): StepReporter {
  return {
    shown: (c) => session.printer.out(`$ ${c}`),
    info: (t) => session.printer.out(t.replace(/^/gm, '  ')),
  };
}

export function labStepView(session: Session, n: string | undefined): StepView {
  const id = currentLabId(session);
  const state = requireEnvironment(session);
  const loaded = sessionLab(session, id, { state });
  const progress = readProgress(state, id);
  const { step, index } = pickStep(loaded, n, progress);
  return stepView(loaded, step, index, workDir(session, id));
}

/** Where a lab's manifests are written rendered, so `kubectl apply -f gateway.yaml` works as shown. */
export function workDir(session: Session, id: string): string {
  return join(session.paths.dir, 'work', id);
}

function writeWorkFiles(session: Session, loaded: LoadedLab): void {
  const ctx = execContext(session, loaded, reporterFor(session));
  const dir = workDir(session, loaded.lab.id);
  for (const step of loaded.lab.steps) {
    for (const a of step.actions ?? []) {
      if (a.apply?.manifest) session.writeFile(join(dir, a.apply.manifest), renderedManifest(ctx, a.apply));
    }
  }
}

function progressFor(session: Session, loaded: LoadedLab): LabProgress {
  const state = requireEnvironment(session);
  const p = readProgress(state, loaded.lab.id);
  return p ? reconcileProgress(p, loaded.lab, loaded.digest) : newProgress(loaded.lab, loaded.digest, new Date(), state.cluster.context);
}

function record(progress: LabProgress, r: StepResult): LabProgress {
  const failed = r.checks.filter((c) => !c.pass).map((c) => `${c.title}: ${c.message}`);
  return recordStep(progress, r.stepId, {
    status: r.passed ? 'passed' : 'failed',
    finishedAt: new Date().toISOString(),
    checks: r.checks.map((c) => ({ pass: c.pass, message: `${c.title}: ${c.message}`, attempts: c.attempts })),
    ...(r.passed ? {} : { message: r.error ?? failed.join('; ') }),
  });
}

/** Learner: checks a step (default: the current one) without running its actions. */
export async function labCheck(session: Session, n: string | undefined, maxWaitSeconds?: number): Promise<StepResult> {
  const id = currentLabId(session);
  const loaded = sessionLab(session, id);
  let progress = progressFor(session, loaded);
  const { step } = pickStep(loaded, n, progress);
  const missing = unmetRequirements(progress, step);
  if (missing.length) {
    throw new MeshLabError(ExitCode.VerificationFailed, `step ${step.id} needs ${missing.join(', ')} first`, { hint: `check those steps: mesh-lab lab check ${missing[0]}` });
  }
  const ctx = execContext(session, loaded, reporterFor(session));
  if (maxWaitSeconds !== undefined) ctx.maxWaitSeconds = maxWaitSeconds;
  const result = await runStep(ctx, step, { actions: false });
  progress = record(progress, result);
  writeProgress(session, id, progress);
  await recordForWorkshop(session, ctx.kubectl, progress);
  return result;
}

/** Instructor: runs steps in order (actions, then checks), stopping at the first that fails. */
export async function labRun(session: Session, id: string, from: string | undefined, to: string | undefined, onStep: (r: StepResult) => void, o: { bundle?: string; gatewayApi?: boolean } = {}): Promise<StepResult[]> {
  const gatewayApi = o.gatewayApi ?? false;
  const before = session.store.read();
  const asked = sessionLab(session, id, { requested: gatewayApi, state: before });
  const range0 = resolveStepRange(asked.lab, from, to);
  if (!range0.ok) throw new MeshLabError(ExitCode.Usage, range0.message);
  // started when it never was, or when asked for the Gateway API the environment lacks
  if (!before || !readProgress(before, id) || (gatewayApi && !before.options?.gatewayApi)) {
    await labStart(session, id, { ...(gatewayApi ? { gatewayApi } : {}), ...(o.bundle ? { bundle: o.bundle } : {}) });
  }
  const loaded = sessionLab(session, id, { requested: gatewayApi });
  const range = resolveStepRange(loaded.lab, from, to) as { ok: true; steps: Step[] };
  let progress = progressFor(session, loaded);
  const ctx = execContext(session, loaded, reporterFor(session));
  const results: StepResult[] = [];
  for (const step of range.steps) {
    session.printer.out(`\n== Step ${loaded.lab.steps.indexOf(step) + 1}/${loaded.lab.steps.length}: ${step.title}`);
    const unmet = step.optional ? unmetEnvironment(requireEnvironment(session), step) : [];
    if (unmet.length) {
      session.printer.out(`skipped (optional; the environment lacks ${unmet.join(', ')}: \`mesh-lab lab start ${id} --include-optional\` provides it)`);
      progress = recordStep(progress, step.id, { status: 'skipped', message: `needs ${unmet.join(', ')}` });
      writeProgress(session, id, progress);
      continue;
    }
    const r = await runStep(ctx, step, { actions: true });
    results.push(r);
    onStep(r);
    progress = record(progress, r);
    writeProgress(session, id, progress);
    await recordForWorkshop(session, ctx.kubectl, progress);
    if (!r.passed) break;
  }
  return results;
}

/** What a step's own requirements ask for that the lab environment does not have. */
function unmetEnvironment(state: EnvironmentState, step: Step): string[] {
  const out: string[] = [];
  if (step.requirements?.profile === 'demo' && state.istio?.profile !== 'demo') out.push('Istio profile demo');
  const wanted = step.requirements?.mesh?.outboundTrafficPolicy;
  if (wanted && state.options?.outboundTrafficPolicy !== wanted) out.push(`outboundTrafficPolicy ${wanted}`);
  return out;
}

/** Removes what the lab's steps applied (in reverse), runs its cleanup, forgets its progress. */
export async function labReset(session: Session, id: string): Promise<string[]> {
  const loaded = sessionLab(session, id);
  const ctx = execContext(session, loaded, reporterFor(session));
  const removed: string[] = [];
  const applies = loaded.lab.steps.flatMap((s) => (s.actions ?? []).filter((a) => a.apply && a.apply.mode !== 'delete').map((a) => a.apply!));
  for (const a of applies.reverse()) {
    const lines = await ctx.kubectl.deleteManifest(renderedManifest(ctx, a), `delete what ${a.manifest ?? a.template} applied`, a.namespace ?? ctx.namespace);
    removed.push(...lines);
  }
  for (const action of loaded.lab.cleanup ?? []) await runAction(ctx, action);
  writeProgress(session, id, undefined);
  return removed;
}

export { formatStepResult };
export type { LabView, StepView };
