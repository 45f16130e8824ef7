// `mesh-lab lab run <id>`: flags, per-step output and exit code; labRun (../lab-commands.ts) applies and checks.
import { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../../../errors/exit-codes.js';
import type { StepResult } from '../../../labs/executor/run-step.js';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';

export interface LabRunCommandOptions {
  id: string;
  from: string | undefined;
  to: string | undefined;
  waitLockSeconds: number;
  /** `--bundle FILE`, used when the run starts the lab */
  bundle?: string;
  /** the lab's Gateway API variant */
  gatewayApi?: boolean;
  /** called as each step finishes, so the instructor sees progress */
  onStep: (r: StepResult) => void;
}

export type LabRunRun = (o: LabRunCommandOptions) => Promise<StepResult[]>;

export function defaultLabRunRun(f: Factory): LabRunRun {
  return async (o) => {
    const s = f.session();
    const { labRun } = await import('../lab-commands.js');
    return f.withLock(s, `lab run ${o.id}`, o.waitLockSeconds, () => labRun(s, o.id, o.from, o.to, o.onStep, { ...(o.bundle ? { bundle: o.bundle } : {}), ...(o.gatewayApi ? { gatewayApi: true } : {}) }));
  };
}

export function newLabRunCommand(f: Factory, run: LabRunRun = defaultLabRunRun(f)) {
  return new Command('run')
    .description('instructor: apply and check the steps in order, stopping at the first failure')
    .argument('<id>')
    .option('--from <step>', 'first step (id)')
    .option('--to <step>', 'last step (id)')
    .option('--bundle <file>', 'when the run starts the lab: every tool and image from this bundle')
    .option('--gateway-api', "the lab's Gateway API variant (Gateway + HTTPRoute; installs the Gateway API CRDs when absent)", false)
    .option(...WAIT_LOCK_FLAG)
    .action(async (id, opts) => {
      f.environmentName();
      const waitLockSeconds = parseWaitLock(opts.waitLock);
      const { formatStepResult } = await import('../lab-commands.js');
      const p = f.printer();
      const results = await run({ id, from: opts.from, to: opts.to, waitLockSeconds, ...(opts.bundle ? { bundle: opts.bundle } : {}), ...(opts.gatewayApi ? { gatewayApi: true } : {}), onStep: (r) => {
          if (!f.flags.json) p.out(formatStepResult(r));
        },
      });
      if (f.flags.json) f.printJson(results);
      if (results.some((r) => !r.passed)) process.exitCode = ExitCode.VerificationFailed;
    });
}
