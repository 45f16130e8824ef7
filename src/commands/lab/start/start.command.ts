// `mesh-lab lab start <id>`: flags and output; labStart (../lab-commands.ts) prepares the environment.
import { Command } from '@commander-js/extra-typings';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';
// the formatter comes with the run module (already loaded by the default run): the start-up chunk stays small
import type { LabStartView } from '../lab-format.js';

export interface LabStartCommandOptions {
  id: string;
  noDownload: boolean;
  includeOptional: boolean;
  httpHostPort?: string;
  httpsHostPort?: string;
  bundle?: string;
  gatewayApi?: boolean;
  waitLockSeconds: number;
}

export type LabStartRun = (o: LabStartCommandOptions) => Promise<LabStartView>;

export function defaultLabStartRun(f: Factory): LabStartRun {
  return async ({ id, waitLockSeconds, ...start }) => {
    const s = f.session();
    const { labStart, labStartView } = await import('../lab-commands.js');
    const { loaded } = await f.withLock(s, `lab start ${id}`, waitLockSeconds, () => labStart(s, id, start));
    return labStartView(s, id, loaded);
  };
}

export function newLabStartCommand(f: Factory, run: LabStartRun = defaultLabStartRun(f)) {
  return new Command('start')
    .description('prepare the environment the lab needs (cluster, Istio profile, mesh options, app) and show step 1')
    .argument('<id>')
    .option('--no-download', 'never download missing tools')
    .option('--include-optional', "also meet optional steps' requirements (e.g. profile demo for the egress gateway)", false)
    .option('--host-port <port>', 'port on 127.0.0.1 for the ingress http2 nodePort (first start only)')
    .option('--https-host-port <port>', 'port on 127.0.0.1 for the ingress https nodePort (first start only)')
    .option('--bundle <file>', 'take every tool and image (the lab\'s too) from this bundle: no network needed')
    .option('--gateway-api', "the lab's Gateway API variant (Gateway + HTTPRoute; installs the Gateway API CRDs when absent)", false)
    .option(...WAIT_LOCK_FLAG)
    .action(async (id, opts) => {
      f.environmentName();
      const v = await run({
        id,
        noDownload: !opts.download,
        includeOptional: opts.includeOptional,
        ...(opts.gatewayApi ? { gatewayApi: true } : {}),
        ...(opts.hostPort ? { httpHostPort: opts.hostPort } : {}),
        ...(opts.httpsHostPort ? { httpsHostPort: opts.httpsHostPort } : {}),
        ...(opts.bundle ? { bundle: opts.bundle } : {}),
        waitLockSeconds: parseWaitLock(opts.waitLock),
      });
      if (f.flags.json) return f.printJson({ ok: true, ...v });
      const p = f.printer();
      p.out(`\nLab ${v.lab} is ready. ${v.steps} steps; \`mesh-lab lab step\` shows the next, \`mesh-lab lab check\` checks it.`);
      p.out('To type the commands yourself: eval "$(mesh-lab env --export-kubeconfig)"  (points kubectl at this environment only in this shell)\n');
      p.out((await import('../lab-commands.js')).formatStepView(v.step));
    });
}
