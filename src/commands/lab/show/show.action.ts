// What `mesh-lab lab show <id>` does once its argv is parsed, shared by commander's action
// (./show.command.ts) and the entry point's commander-free fast path (cli/fast-argv.ts).
// No commander import here, and no full session: a lab's definition needs only the
// environment variables (where labs and the lab cache are), which the light session has.
import type { Factory } from '../../factory.js';
// the formatter comes with the run module (already loaded by the default run): the start-up chunk stays small
import type { LabView } from '../lab-format.js';

export type LabShowRun = (o: { id: string; gatewayApi?: boolean }) => Promise<LabView>;

export function defaultLabShowRun(f: Factory): LabShowRun {
  return async ({ id, gatewayApi }) => {
    const [s, { fastLabShowView }] = await Promise.all([f.lightSession(), import('../lab-views.js')]);
    // from the validated-lab cache when it has this lab (Istio form); else loaded and validated (and cached)
    return (gatewayApi ? undefined : fastLabShowView(id, s.env)) ?? (await import('../lab-commands.js')).labShowView(id, s.env, gatewayApi ?? false);
  };
}

export async function labShowAction(f: Factory, run: LabShowRun, id: string, gatewayApi = false): Promise<void> {
  const view = await run({ id, ...(gatewayApi ? { gatewayApi } : {}) });
  if (f.flags.json) f.printJson(view);
  else f.printer().out((await import('../lab-format.js')).formatLabView(view));
}
