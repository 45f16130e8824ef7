// `mesh-lab env`: flags. What it does is envAction (./env.action.ts), which the entry
// point's fast path calls too; runEnv (./env.ts) reads the saved endpoint from the light session.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { defaultEnvRun, envAction, type EnvRun } from './env.action.js';

export { defaultEnvRun, type EnvCommandOptions, type EnvRun } from './env.action.js';

export function newEnvCommand(f: Factory, run: EnvRun = defaultEnvRun(f)) {
  return new Command('env')
    .description('print INGRESS_HOST, INGRESS_PORT, SECURE_INGRESS_PORT and GATEWAY_URL as shell exports')
    .option('--export-kubeconfig', "also export KUBECONFIG pointing at the environment's kubeconfig", false)
    .action((opts) => envAction(f, run, { exportKubeconfig: opts.exportKubeconfig }));
}
