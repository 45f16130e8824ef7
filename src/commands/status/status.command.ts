// `mesh-lab status`: output and exit code; runStatus (./status.ts) checks each part.
import { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../../errors/exit-codes.js';
import type { Factory } from '../factory.js';
import type { StatusResult } from './status.js';

export type StatusRun = () => Promise<StatusResult>;

export function defaultStatusRun(f: Factory): StatusRun {
  return async () => {
    const s = f.session();
    const { runStatus } = await import('./status.js');
    return runStatus(s);
  };
}

export function newStatusCommand(f: Factory, run: StatusRun = defaultStatusRun(f)) {
  return new Command('status')
    .description('check the cluster, Istio, app, route and endpoint of a lab')
    .action(async () => {
      const r = await run();
      if (f.flags.json) f.printJson(r);
      else f.printer().out((await import('./status.js')).formatStatus(r));
      if (!r.healthy) process.exitCode = ExitCode.VerificationFailed;
    });
}
