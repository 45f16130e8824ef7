// `mesh-lab workshop status [--name W] [--lab ID...] [--verify]`: flags and output;
// runWorkshopStatus (./status.ts) reads the room.
import { Command } from '@commander-js/extra-typings';
import type { WorkshopStatus } from '../../../workshop/roll-up.js';
import type { Factory } from '../../factory.js';
import { splitLabs, WORKSHOP_NAME_FLAG, workshopName } from '../workshop-options.js';
import type { WorkshopStatusOptions } from './status.js';

export type WorkshopStatusRun = (o: WorkshopStatusOptions) => Promise<WorkshopStatus>;

export function defaultWorkshopStatusRun(f: Factory): WorkshopStatusRun {
  return async (o) => {
    const { runWorkshopStatus } = await import('./status.js');
    return runWorkshopStatus(f.session(), o);
  };
}

export function newWorkshopStatusCommand(f: Factory, run: WorkshopStatusRun = defaultWorkshopStatusRun(f)) {
  return new Command('status')
    .description("instructor: every attendee's labs and steps (passed, failed and why, not tried), from their progress in the cluster")
    .option(...WORKSHOP_NAME_FLAG)
    .option('--labs <ids>', 'only these labs, comma-separated (default: every lab an attendee has checked)')
    .option('--verify', "re-run each attendee's checks read-only with the instructor's credentials and mark where they disagree", false)
    .action(async (opts) => {
      const s = await run({ name: workshopName(opts.name), verify: Boolean(opts.verify), ...(opts.labs ? { labs: splitLabs(opts.labs) } : {}) });
      if (f.flags.json) f.printJson(s);
      else f.printer().out((await import('./status.js')).formatWorkshopStatus(s));
    });
}
