// Loading a lab and binding it to the lab environment: its definition (validated, every
// error at once), the cluster from the environment's state, and its progress record.
import { DEFAULTS } from '../../config/defaults.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { Istioctl } from '../../istio/istioctl.js';
import { networkingApiVersion } from '../../istio/networking-api.js';
import { Kubectl } from '../../kube/kubectl.js';
import { requireEnvironment } from '../../session/require-environment.js';
import type { Session } from '../../session/session.js';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { LAB_FILE, labNamespace, formatLabErrors, loadLab } from '../../labs/load.js';
import { effectiveParams } from '../../labs/render.js';
import { parseProgress, serializeProgress, type LabProgress } from '../../labs/progress.js';
import { defaultTemplatesDir, findLab, unknownLabMessage } from '../../labs/registry.js';
import { labCacheDir, labsDir } from './lab-views.js';
import type { LabApi, LabError, LoadedLab } from '../../labs/types.js';
import { labApis, labForApi, pickApi } from '../../labs/variants.js';
import type { ExecContext, StepReporter } from '../../labs/executor/context.js';
import { providerFromState } from '../../providers/create-provider.js';
import type { EnvironmentState } from '../../state/environment-state.js';

export { labCacheDir, labsDir };

export function loadLabOrFail(id: string, env: NodeJS.ProcessEnv): LoadedLab {
  const dir = labsDir(env);
  const entry = findLab(id, dir, { templatesDir: defaultTemplatesDir(), cacheDir: labCacheDir(env) });
  if (!entry) throw new MeshLabError(ExitCode.NotFound, unknownLabMessage(id), { hint: 'see `mesh-lab lab list`' });
  if (!entry.result.ok) {
    throw invalidLab(id, entry.result.errors);
  }
  return entry.result.value;
}

/**
 * The lab as the environment's API does it (src/labs/variants.ts): the Gateway API form
 * when asked for (`--gateway-api`), required by the lab, or the environment was made with
 * it; refused in one line when the lab has no such form.
 */
export function loadLabVariant(id: string, env: NodeJS.ProcessEnv, o: { requested?: boolean; state?: EnvironmentState | undefined }): LoadedLab & { api: LabApi } {
  const loaded = loadLabOrFail(id, env);
  const api = pickApi(loaded.lab, { ...(o.requested ? { requested: true } : {}), ...(o.state?.options?.gatewayApi ? { environmentGatewayApi: true } : {}) });
  if (!api) {
    const why = loaded.lab.notSupported?.['gateway-api'];
    throw new MeshLabError(ExitCode.Usage, `lab ${id} has no Gateway API variant${why ? `: ${why}` : ''}`, {
      hint: `run it without --gateway-api (its APIs: ${labApis(loaded.lab).join(', ')}; \`mesh-lab lab list\` shows every lab's)`,
    });
  }
  return { ...labForApi(loaded, api), api };
}

export function invalidLab(id: string, errors: readonly LabError[]): MeshLabError {
  return new MeshLabError(ExitCode.Usage, `lab ${id} is invalid (${errors.length} error(s))`, { detail: formatLabErrors(errors), showDetail: true });
}

/**
 * `lab validate`'s argument: a path when it looks like one (absolute, `.`/`..`, or with a
 * `/`), as a shell user means it; otherwise the id of a lab in the labs folder.
 */
export function labTarget(target: string, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): { dir: string; kind: 'path' | 'id' } {
  const looksLikePath = isAbsolute(target) || target === '.' || target === '..' || target.includes('/') || target.includes(sep);
  return looksLikePath ? { dir: resolve(cwd, target), kind: 'path' } : { dir: join(labsDir(env), target), kind: 'id' };
}

/** `lab validate`: a lab folder (or a shipped id), every error at once. */
export function validateLabDir(target: string, env: NodeJS.ProcessEnv, cwd: string = process.cwd()): LoadedLab {
  const { dir, kind } = labTarget(target, env, cwd);
  if (!existsSync(join(dir, LAB_FILE))) {
    if (kind === 'id') throw new MeshLabError(ExitCode.NotFound, unknownLabMessage(target, labsDir(env)), { hint: 'pass a lab folder (e.g. ./my-lab) or the id of a shipped lab' });
    throw new MeshLabError(ExitCode.NotFound, `no ${LAB_FILE} in ${dir}`, { hint: 'pass a lab folder or the id of a shipped lab' });
  }
  const r = loadLab(dir, { templatesDir: defaultTemplatesDir() });
  if (!r.ok) throw invalidLab(target, r.errors);
  return r.value;
}

export function readProgress(state: EnvironmentState, id: string): LabProgress | undefined {
  const raw = state.labs?.[id];
  if (raw === undefined) return undefined;
  const parsed = parseProgress(JSON.stringify(raw));
  return parsed.ok ? parsed.value : undefined;
}

export function writeProgress(session: Session, id: string, progress: LabProgress | undefined): void {
  const state = requireEnvironment(session);
  const labs = { ...(state.labs ?? {}) };
  if (progress) labs[id] = JSON.parse(serializeProgress(progress)) as unknown;
  else delete labs[id];
  const { updatedAt: _u, ...rest } = state;
  session.store.write({ ...rest, labs, ...(progress ? { currentLab: id } : {}) });
}

/** The lab most recently started, for `lab step`/`lab check` without an id. */
export function currentLabId(session: Session): string {
  const state = requireEnvironment(session);
  if (!state.currentLab) throw new MeshLabError(ExitCode.NotFound, 'no lab started yet', { hint: 'run `mesh-lab lab start <id>` (see `mesh-lab lab list`)' });
  return state.currentLab;
}

export function execContext(session: Session, loaded: LoadedLab, report: StepReporter): ExecContext {
  const state = requireEnvironment(session);
  const access = providerFromState(session, state).access();
  // joined to a workshop: the attendee's namespace and host, whatever the lab's default
  const namespace = state.workshop?.namespace ?? labNamespace(loaded.lab);
  const host: Record<string, string> = state.workshop ? { host: state.workshop.host } : {};
  return {
    loaded,
    kubectl: new Kubectl(session.runner, access),
    istioctl: new Istioctl(session.runner, access),
    ...(state.ingress ? { ingress: state.ingress } : {}),
    ...(state.workshop ? { ingressHost: state.workshop.host } : {}),
    namespace,
    // lab params with the runtime ones on top: commands, URLs and `shown` texts all see both
    runtime: effectiveParams(loaded.lab, undefined, { namespace, networkingApiVersion: networkingApiVersion(state.istio?.version ?? DEFAULTS.istioVersion), ...host }),
    report,
  };
}
