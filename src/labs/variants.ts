// A lab's API variants as data: `apis` says which routing APIs a lab can be run with, and a
// step's `variants.<api>` (text, actions, checks) and the lab's `variants.<api>` (params,
// cleanup) replace the Istio form for that API. `labForApi` resolves them into a plain lab,
// so the executor, progress and views have one code path whatever the API.
import { createHash } from 'node:crypto';
import type { LabApi, Lab, LoadedLab, Step } from './types.js';

export { API_TITLES, labApis, pickApi } from './apis.js';

/** The step as the given API does it. */
export function stepForApi(step: Step, api: LabApi): Step {
  const { variants, ...base } = step;
  const v = variants?.[api];
  if (!v) return base;
  const text = v.text !== undefined ? { text: v.text } : v.textFile !== undefined ? { textFile: v.textFile } : step.text !== undefined ? { text: step.text } : { textFile: step.textFile };
  const { text: _t, textFile: _f, ...rest } = base;
  return { ...rest, ...text, ...(v.requirements ? { requirements: v.requirements } : {}), ...(v.actions ? { actions: v.actions } : {}), ...(v.checks ? { checks: v.checks } : {}) };
}

/** The lab as the given API does it: plain steps, params and cleanup; the digest names the API. */
export function labForApi(loaded: LoadedLab, api: LabApi): LoadedLab {
  const { variants, ...lab } = loaded.lab;
  const v = variants?.[api];
  const resolved: Lab = {
    ...lab,
    ...(v?.params ? { params: { ...lab.params, ...v.params } } : {}),
    ...(v?.cleanup ? { cleanup: v.cleanup } : {}),
    steps: lab.steps.map((s) => stepForApi(s, api)),
  };
  // Istio's form keeps the file's digest, so progress recorded before variants existed stays valid
  const digest = api === 'istio' ? loaded.digest : createHash('sha256').update(`${loaded.digest}:${api}`).digest('hex');
  return { ...loaded, lab: resolved, digest };
}
