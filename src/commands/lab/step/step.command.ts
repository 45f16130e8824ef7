// `mesh-lab lab step [n]`: a step of the current lab, as text or one JSON document.
import { Command } from '@commander-js/extra-typings';
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

export function newLabStepCommand(f: Factory, run: LabStepRun = defaultLabStepRun(f)) {
  return new Command('step')
    .description('show a step of the current lab (default: the next one to do)')
    .argument('[n]', 'step number or id')
    .action(async (n) => {
      const view = await run({ step: n });
      if (f.flags.json) f.printJson(view);
      else f.printer().out((await import('../lab-commands.js')).formatStepView(view));
    });
}
