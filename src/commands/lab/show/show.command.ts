// `mesh-lab lab show <id>`: a lab's requirements and steps, as text or one JSON document.
// What it does is labShowAction (./show.action.ts), which the entry point's fast path calls too.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';
import { defaultLabShowRun, labShowAction, type LabShowRun } from './show.action.js';

export { defaultLabShowRun, type LabShowRun } from './show.action.js';

export function newLabShowCommand(f: Factory, run: LabShowRun = defaultLabShowRun(f)) {
  return new Command('show')
    .description('a lab: its requirements, steps, and the commands of each step')
    .argument('<id>')
    // no default: without the flag commander's options stay {}, as the fast path's (cli/fast-argv.ts)
    .option('--gateway-api', "show the lab's Gateway API variant")
    .action((id, opts) => labShowAction(f, run, id, opts.gatewayApi ?? false));
}
