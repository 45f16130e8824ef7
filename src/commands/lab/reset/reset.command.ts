// `mesh-lab lab reset <id>`: flags and output; labReset (../lab-commands.ts) removes what the lab applied.
import { Command } from '@commander-js/extra-typings';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';

export interface LabResetCommandOptions {
  id: string;
  waitLockSeconds: number;
}

/** the lines of what was removed */
export type LabResetRun = (o: LabResetCommandOptions) => Promise<string[]>;

export function defaultLabResetRun(f: Factory): LabResetRun {
  return async (o) => {
    const s = f.session();
    const { labReset } = await import('../lab-commands.js');
    return f.withLock(s, `lab reset ${o.id}`, o.waitLockSeconds, () => labReset(s, o.id));
  };
}

export function newLabResetCommand(f: Factory, run: LabResetRun = defaultLabResetRun(f)) {
  return new Command('reset')
    .description('remove what the lab applied and forget its progress')
    .argument('<id>')
    .option(...WAIT_LOCK_FLAG)
    .action(async (id, opts) => {
      f.environmentName();
      const removed = await run({ id, waitLockSeconds: parseWaitLock(opts.waitLock) });
      if (f.flags.json) f.printJson({ removed });
      else f.printer().out(removed.length ? removed.map((l) => `removed: ${l}`).join('\n') : 'nothing to remove');
    });
}
