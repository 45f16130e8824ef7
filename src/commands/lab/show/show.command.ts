// `mesh-lab lab show <id>`: a lab's requirements and steps, as text or one JSON document.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';
// the formatter comes with the run module (already loaded by the default run): the start-up chunk stays small
import type { LabView } from '../lab-format.js';

export type LabShowRun = (o: { id: string }) => Promise<LabView>;

export function defaultLabShowRun(f: Factory): LabShowRun {
  return async ({ id }) => {
    const s = f.session();
    const { labShowView } = await import('../lab-commands.js');
    return labShowView(id, s.env);
  };
}

export function newLabShowCommand(f: Factory, run: LabShowRun = defaultLabShowRun(f)) {
  return new Command('show')
    .description('a lab: its requirements, steps, and the commands of each step')
    .argument('<id>')
    .action(async (id) => {
      const view = await run({ id });
      if (f.flags.json) f.printJson(view);
      else f.printer().out((await import('../lab-commands.js')).formatLabView(view));
    });
}
