// `mesh-lab workshop down`: flags and output; runWorkshopDown does the work.
import { Command } from '@commander-js/extra-typings';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';
import { DEFAULT_WORKSHOP_NAME, workshopName } from '../workshop-options.js';
import type { WorkshopDownResult } from './workshop-down.js';

export type WorkshopDownRun = (name: string, waitLockSeconds: number) => Promise<WorkshopDownResult>;

export function defaultWorkshopDownRun(f: Factory): WorkshopDownRun {
  return async (name, wait) => {
    const [{ createSession }, { runWorkshopDown }] = await Promise.all([import('../../../session/session.js'), import('./workshop-down.js')]);
    const s = createSession(name, f.printer());
    return f.withLock(s, 'workshop down', wait, () => runWorkshopDown(s, name));
  };
}

export function newWorkshopDownCommand(f: Factory, run: WorkshopDownRun = defaultWorkshopDownRun(f)) {
  return new Command('down')
    .description('remove what the workshop created: attendee namespaces, tokens, join files, and the cluster if mesh-lab created it')
    .option('--name <workshop>', 'the workshop name', DEFAULT_WORKSHOP_NAME)
    .option(...WAIT_LOCK_FLAG)
    .action(async (opts) => {
      const r = await run(workshopName(opts.name), parseWaitLock(opts.waitLock));
      if (f.flags.json) return f.printJson(r);
      const p = f.printer();
      for (const x of r.removed) p.out(`removed ${x}`);
      for (const x of r.kept) p.out(`kept ${x}`);
    });
}
