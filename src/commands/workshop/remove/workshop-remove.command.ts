// `mesh-lab workshop remove <NN...>`: removes attendees (a smaller --attendees never does).
import { Command } from '@commander-js/extra-typings';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';
import { DEFAULT_WORKSHOP_NAME, workshopName } from '../workshop-options.js';
import type { TeardownResult } from '../../../workshop/teardown.js';

export type WorkshopRemoveRun = (name: string, ids: string[], waitLockSeconds: number) => Promise<TeardownResult & { workshop: string }>;

export function defaultWorkshopRemoveRun(f: Factory): WorkshopRemoveRun {
  return async (name, ids, wait) => {
    const [{ createSession }, { runWorkshopRemove }] = await Promise.all([import('../../../session/session.js'), import('./workshop-remove.js')]);
    const s = createSession(name, f.printer());
    return f.withLock(s, 'workshop remove', wait, () => runWorkshopRemove(s, name, ids));
  };
}

export function newWorkshopRemoveCommand(f: Factory, run: WorkshopRemoveRun = defaultWorkshopRemoveRun(f)) {
  return new Command('remove')
    .description('remove attendees: their namespace, token and join file')
    .argument('<attendee...>', 'attendee ids, e.g. 04')
    .option('--name <workshop>', 'the workshop name', DEFAULT_WORKSHOP_NAME)
    .option(...WAIT_LOCK_FLAG)
    .action(async (ids, opts) => {
      const r = await run(workshopName(opts.name), ids, parseWaitLock(opts.waitLock));
      if (f.flags.json) return f.printJson(r);
      const p = f.printer();
      for (const x of r.removed) p.out(`removed ${x}`);
      for (const x of r.kept) p.out(`kept ${x}`);
    });
}
