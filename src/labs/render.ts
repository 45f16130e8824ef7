// Lab rendering: which `{{param}}` values an action sees, and how an apply is shown. The
// substitution itself is the one placeholder engine in src/manifests/placeholders.ts,
// shared with the templates `up` renders (per YAML scalar, YAML 1.1 out; see docs/labs.md).
import { renderManifest, renderString, type ParamValue, type Params } from '../manifests/placeholders.js';
import type { Lab, ApplyAction } from './types.js';
import { LAB_DEFAULTS } from './types.js';

export {
  bracedName,
  findPlaceholders,
  findStrayBraces,
  renderArgv,
  renderManifest,
  renderString,
  RenderError,
  type ParamValue,
  type Params,
} from '../manifests/placeholders.js';

/**
 * Parameters the executor may supply at run time (they override the lab's defaults):
 * `namespace` (the lab namespace), `networkingApiVersion` (for the installed Istio) and
 * `host` (the hosts a lab's routes answer: "*", or the attendee's host in a workshop).
 */
export const RUNTIME_PARAMS = ['namespace', 'networkingApiVersion', 'host'] as const;

/**
 * Parameters in effect for an action, lowest first: `namespace` = the lab namespace,
 * lab `params`, runtime values from the executor, action `params`.
 */
export function effectiveParams(lab: Lab, actionParams?: Params, runtime?: Params): Record<string, ParamValue> {
  return { namespace: lab.namespace ?? LAB_DEFAULTS.namespace, host: '*', ...(lab.params ?? {}), ...(runtime ?? {}), ...(actionParams ?? {}) };
}

/** Render the manifest of an apply action from its text, with the lab's parameters. */
export function renderApply(lab: Lab, action: ApplyAction, source: string, runtime?: Params): string {
  return renderManifest(source, effectiveParams(lab, action.params, runtime), action.manifest ?? action.template ?? 'manifest');
}

/**
 * The command shown to the learner for an apply action: the action's `shown` text, or
 * else the rendered manifest as a heredoc, as the Istio docs present it.
 */
export function applyShown(lab: Lab, action: ApplyAction, rendered: string, runtime?: Params): string {
  if (action.shown !== undefined) return renderString(action.shown, effectiveParams(lab, action.params, runtime));
  const verb = action.mode === 'delete' ? 'delete --ignore-not-found' : 'apply';
  const ns = action.namespace ?? lab.namespace ?? LAB_DEFAULTS.namespace;
  return `kubectl ${verb} -n ${ns} -f - <<EOF\n${rendered.endsWith('\n') ? rendered : `${rendered}\n`}EOF`;
}
