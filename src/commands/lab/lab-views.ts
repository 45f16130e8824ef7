// What `lab show` and `lab step` print, built from a loaded lab and the titles of its
// actions and checks. Light on purpose: the fast functions below answer from the
// validated-lab cache (src/labs/cached-lab.ts) and, for `lab step`, the state file read by
// hand (src/labs/saved-progress.ts), so these two commands load neither yaml, zod, the
// kind modules nor the full session. When either cannot answer they return undefined and
// the caller takes the full path of ./lab-commands.ts, which builds the same views.
import { join } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { cachedLab, defaultLabsDir, defaultTemplatesDir } from '../../labs/cached-lab.js';
import type { LabTitles } from '../../labs/lab-cache.js';
import { effectiveRequirements, stepText } from '../../labs/model.js';
import { nextStep } from '../../labs/next-step.js';
import type { LabProgress } from '../../labs/progress.js';
import { readSavedLabProgress } from '../../labs/saved-progress.js';
import type { LabApi, LoadedLab, Step } from '../../labs/types.js';
import { API_TITLES, labApis, pickApi } from '../../labs/apis.js';
import type { LightSession } from '../../session/light-session.js';
import { cacheRoot } from '../../tools/cache.js';
import type { LabView, StepView } from './lab-format.js';

export function labsDir(env: NodeJS.ProcessEnv): string {
  return env.MESH_LAB_LABS_DIR || defaultLabsDir();
}

/** Validated labs are kept in mesh-lab's cache folder (src/labs/lab-cache.ts). */
export function labCacheDir(env: NodeJS.ProcessEnv): string {
  return join(cacheRoot(env), 'labs');
}

/** Resolves `n` (1-based number or step id) to a step. */
export function pickStep(loaded: LoadedLab, n: string | undefined, progress: Pick<LabProgress, 'steps'> | undefined): { step: Step; index: number } {
  const steps = loaded.lab.steps;
  let index: number;
  if (n === undefined) {
    // when every step has passed, the last one is the one to show or re-check
    const id = (progress ? nextStep(progress, loaded.lab) : steps[0]!.id) ?? steps[steps.length - 1]!.id;
    index = steps.findIndex((s) => s.id === id);
  } else if (/^\d+$/.test(n)) {
    index = Number(n) - 1;
  } else {
    index = steps.findIndex((s) => s.id === n);
  }
  const step = steps[index];
  if (!step) {
    throw new MeshLabError(ExitCode.Usage, `lab ${loaded.lab.id} has no step ${n}`, { hint: `steps are 1-${steps.length}: ${steps.map((s) => s.id).join(', ')}` });
  }
  return { step, index };
}

/** One step as shown; `titles` are its actions' and checks' titles (each kind's `title`). */
export function viewOfStep(loaded: LoadedLab, step: Step, index: number, titles: LabTitles[number], workDir?: string): StepView {
  return {
    number: index + 1,
    of: loaded.lab.steps.length,
    id: step.id,
    title: step.title,
    optional: Boolean(step.optional),
    text: stepText(loaded, step).trim(),
    ...(workDir && step.actions?.some((a) => a.apply?.manifest) ? { workDir } : {}),
    commands: titles.actions.filter(Boolean),
    checks: titles.checks,
  };
}

/** Which API a lab view shows, and which others the lab has (`lab show`'s `API:` line). */
export function apiView(loaded: LoadedLab, api: LabApi): LabView['api'] {
  return { id: api, title: API_TITLES[api], available: labApis(loaded.lab) };
}

export function viewOfLab(loaded: LoadedLab, titles: LabTitles, api: LabView['api']): LabView {
  const req = effectiveRequirements(loaded.lab);
  return {
    id: loaded.lab.id,
    title: loaded.lab.title,
    ...(loaded.lab.summary ? { summary: loaded.lab.summary } : {}),
    requires: { profile: req.profile, outboundTrafficPolicy: req.outboundTrafficPolicy },
    api,
    steps: loaded.lab.steps.map((s, i) => viewOfStep(loaded, s, i, titles[i]!)),
  };
}

const fromCache = (id: string, env: NodeJS.ProcessEnv) => cachedLab(id, labsDir(env), defaultTemplatesDir(), labCacheDir(env));

/** `lab show <id>` from the cache; undefined when only the full path can say. */
export function fastLabShowView(id: string, env: NodeJS.ProcessEnv): LabView | undefined {
  const hit = fromCache(id, env);
  // the cache holds the Istio form's titles; another form (a lab that requires the Gateway
  // API) takes the full path, which resolves the variant
  if (!hit || pickApi(hit.loaded.lab, {}) !== 'istio') return undefined;
  return viewOfLab(hit.loaded, hit.titles, apiView(hit.loaded, 'istio'));
}

/** `lab step [n]` from the cache and the state file read by hand; undefined when only the full path can say. */
export function fastLabStepView(light: LightSession, n: string | undefined): StepView | undefined {
  const saved = readSavedLabProgress(light.paths.state);
  const hit = saved && fromCache(saved.currentLab, light.env);
  if (!saved || !hit) return undefined;
  // a joined workshop environment (shared step forms) or a Gateway API form: the full path
  if (saved.joined || pickApi(hit.loaded.lab, { environmentGatewayApi: saved.gatewayApi }) !== 'istio') return undefined;
  const { step, index } = pickStep(hit.loaded, n, saved.progress);
  return viewOfStep(hit.loaded, step, index, hit.titles[index]!, join(light.paths.dir, 'work', saved.currentLab));
}
