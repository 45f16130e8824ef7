// `mesh-lab lab check [n]`: flags, output and exit code; labCheck (../lab-commands.ts) runs the checks.
import { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import type { StepResult } from '../../../labs/executor/run-step.js';
import type { Factory } from '../../factory.js';

export interface LabCheckCommandOptions {
  /** step number or id; the next one to do when absent */
  step: string | undefined;
  /** at most this long for each check; the lab's own retry window when absent */
  waitSeconds: number | undefined;
}

export type LabCheckRun = (o: LabCheckCommandOptions) => Promise<StepResult>;

export function defaultLabCheckRun(f: Factory): LabCheckRun {
  return async (o) => {
    const s = f.session();
    const { labCheck } = await import('../lab-commands.js');
    return labCheck(s, o.step, o.waitSeconds);
  };
}

export function newLabCheckCommand(f: Factory, run: LabCheckRun = defaultLabCheckRun(f)) {
  return new Command('check')
    .description("check a step of the current lab (default: the next one) and say what is missing")
    .argument('[n]', 'step number or id')
    .option('--wait <seconds>', "wait at most this long for each check (default: the lab's own retry window)")
    .action(async (n, opts) => {
      f.environmentName();
      const wait = opts.wait === undefined ? undefined : Number(opts.wait);
      if (wait !== undefined && (!Number.isFinite(wait) || wait < 0)) throw new MeshLabError(ExitCode.Usage, '--wait must be a number of seconds');
      const r = await run({ step: n, waitSeconds: wait });
      if (f.flags.json) f.printJson(r);
      else f.printer().out((await import('../lab-commands.js')).formatStepResult(r));
      if (!r.passed) process.exitCode = ExitCode.VerificationFailed;
    });
}
