// What `mesh-lab lab step [n]` does once its argv is parsed, shared by commander's action
// (./step.command.ts) and the entry point's commander-free fast path (cli/fast-argv.ts).
// No commander import here: the fast path must not load it.
import type { Factory } from '../../factory.js';
// the formatter is loaded when printing: the start-up chunk stays small
import type { StepView } from '../lab-format.js';

export type LabStepRun = (o: { step: string | undefined }) => Promise<StepView>;

export function defaultLabStepRun(f: Factory): LabStepRun {
  return async ({ step }) => {
    // the state file read by hand and the validated-lab cache, when both can answer
    const [light, { fastLabStepView }] = await Promise.all([f.lightSession(), import('../lab-views.js')]);
    const fast = fastLabStepView(light, step);
    if (fast) return fast;
    // otherwise the full session (zod-validated state) and the lab loaded and validated
    const [s, { labStepView }] = await Promise.all([light.session(), import('../lab-commands.js')]);
    return labStepView(s, step);
  };
}

export async function labStepAction(f: Factory, run: LabStepRun, n: string | undefined): Promise<void> {
  const view = await run({ step: n });
  if (f.flags.json) f.printJson(view);
  else f.printer().out((await import('../lab-format.js')).formatStepView(view));
}
