// `mesh-lab env`: flags and output; runEnv (./env.ts) reads the saved endpoint from the light session.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import type { EnvResult } from './env.js';

export interface EnvCommandOptions {
  exportKubeconfig: boolean;
}

export type EnvRun = (o: EnvCommandOptions) => Promise<{ text: string; result: EnvResult }>;

export function defaultEnvRun(f: Factory): EnvRun {
  return async (o) => {
    const s = await f.lightSession();
    const { runEnv } = await import('./env.js');
    return runEnv(s, { kubeconfig: o.exportKubeconfig });
  };
}

export function newEnvCommand(f: Factory, run: EnvRun = defaultEnvRun(f)) {
  return new Command('env')
    .description('print INGRESS_HOST, INGRESS_PORT, SECURE_INGRESS_PORT and GATEWAY_URL as shell exports')
    .option('--export-kubeconfig', "also export KUBECONFIG pointing at the environment's kubeconfig", false)
    .action(async (opts) => {
      const { text, result } = await run({ exportKubeconfig: opts.exportKubeconfig });
      if (f.flags.json) f.printJson(result);
      else f.printer().out(text);
    });
}
