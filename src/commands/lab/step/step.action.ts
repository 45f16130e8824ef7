// What `mesh-lab lab step [n]` does once its argv is parsed, shared by commander's action
// (./step.command.ts) and the entry point's commander-free fast path (cli/fast-argv.ts).
// No commander import here: the fast path must not load it.
import type { Factory } from '../../factory.js';
// the formatter comes with the run module (already loaded by the default run): the start-up chunk stays small
import type { StepView } from '../lab-format.js';

export type LabStepRun = (o: { step: string | undefined }) => Promise<StepView>;

export function defaultLabStepRun(f: Factory): LabStepRun {
  return async ({ step }) => {
    const s = f.session();
    const { labStepView } = await import('../lab-commands.js');
    return labStepView(s, step);
  };
}

/** The lab modules the default run needs: the fast path loads them while the session loads. */
export const preloadLabStep = (): Promise<unknown> => import('../lab-commands.js');

export async function labStepAction(f: Factory, run: LabStepRun, n: string | undefined): Promise<void> {
  const view = await run({ step: n });
  if (f.flags.json) f.printJson(view);
  else f.printer().out((await import('../lab-commands.js')).formatStepView(view));
}
