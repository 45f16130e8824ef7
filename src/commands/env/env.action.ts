// What `mesh-lab env` does once its argv is parsed, shared by commander's action
// (./env.command.ts) and the entry point's commander-free fast path (cli/fast-argv.ts).
// No commander import here: the fast path must not load it.
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

export async function envAction(f: Factory, run: EnvRun, opts: EnvCommandOptions): Promise<void> {
  const { text, result } = await run({ exportKubeconfig: opts.exportKubeconfig });
  if (f.flags.json) f.printJson(result);
  else f.printer().out(text);
}
