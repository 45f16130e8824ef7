// `mesh-lab down`: flags and output; runDown (./down.ts) removes what mesh-lab created.
import { Command } from '@commander-js/extra-typings';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../factory.js';
import type { DownResult } from './down.js';

export interface DownCommandOptions {
  waitLockSeconds: number;
}

export type DownRun = (o: DownCommandOptions) => Promise<DownResult>;

export function defaultDownRun(f: Factory): DownRun {
  return async (o) => {
    const s = f.session();
    const { runDown } = await import('./down.js');
    return f.withLock(s, 'down', o.waitLockSeconds, () => runDown(s));
  };
}

export function newDownCommand(f: Factory, run: DownRun = defaultDownRun(f)) {
  return new Command('down')
    .description('delete the cluster mesh-lab created for the environment (or only what it created) and its state')
    .option(...WAIT_LOCK_FLAG)
    .action(async (opts) => {
      f.environmentName();
      const r = await run({ waitLockSeconds: parseWaitLock(opts.waitLock) });
      if (f.flags.json) return f.printJson(r);
      const p = f.printer();
      for (const k of r.kept) p.out(`kept: ${k}`);
      for (const x of r.removed) p.out(`removed: ${x}`);
    });
}
