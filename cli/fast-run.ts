// The commander-free fast path's run (the argv was parsed by ./fast-argv.ts): what
// program.ts's preAction hook and each command's action do, for `curl`, `env`, `lab show`
// and `lab step`. One module with static imports on purpose: the entry point loads it
// with ONE dynamic import, so the bundle splits these commands into a few chunks instead
// of a chain of small ones (each file costs the loader about half a millisecond).
import { createFactory, type ProgramState } from '../src/commands/factory.js';
import { curlAction, defaultCurlRun } from '../src/commands/curl/curl.action.js';
import { envAction, defaultEnvRun } from '../src/commands/env/env.action.js';
import { labShowAction, defaultLabShowRun } from '../src/commands/lab/show/show.action.js';
import { labStepAction, defaultLabStepRun } from '../src/commands/lab/step/step.action.js';
import type { FastCommand } from './fast-argv.js';

/** What commander's preAction hook and the command's action do, for an argv parsed by hand. */
export async function runFast(fast: Exclude<FastCommand, { kind: 'help' }>, state: ProgramState): Promise<void> {
  state.flags = { verbose: fast.globals.verbose, json: fast.globals.json };
  const factory = createFactory(state);
  factory.setGlobals({ environment: fast.globals.environment });
  if (fast.kind === 'curl') {
    await curlAction(factory, defaultCurlRun(factory), fast.path, fast.opts);
  } else if (fast.kind === 'env') {
    await envAction(factory, defaultEnvRun(factory), fast.opts);
  } else if (fast.kind === 'lab show') {
    await labShowAction(factory, defaultLabShowRun(factory), fast.id);
  } else {
    // like `lab show`, light: the run loads the full session only when the state file or
    // the lab cache cannot answer by themselves (src/commands/lab/lab-views.ts)
    await labStepAction(factory, defaultLabStepRun(factory), fast.n);
  }
}
