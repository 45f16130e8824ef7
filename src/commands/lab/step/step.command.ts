// `mesh-lab lab step [n]`: a step of the current lab, as text or one JSON document.
// What it does is labStepAction (./step.action.ts), which the entry point's fast path calls too.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';
import { defaultLabStepRun, labStepAction, type LabStepRun } from './step.action.js';

export { defaultLabStepRun, type LabStepRun } from './step.action.js';

export function newLabStepCommand(f: Factory, run: LabStepRun = defaultLabStepRun(f)) {
  return new Command('step')
    .description('show a step of the current lab (default: the next one to do)')
    .argument('[n]', 'step number or id')
    .action((n) => labStepAction(f, run, n));
}
