import type { Runner } from '../../process/runner.js';
import type { ToolRunner } from '../../tools/runner.js';

/** src/tools and src/doctor read exit codes themselves: they get a runner that never throws on exit status. */
export function toolRunner(runner: Runner): ToolRunner {
  return { run: (cmd, args, opts = {}) => runner.run(cmd, args, { ...opts, reject: false }) };
}
