#!/usr/bin/env node
// Entry point: build the command tree, run it, and turn every outcome into an exit code
// in one place (handleError).
import { CommanderError } from '@commander-js/extra-typings';
import { ExitCode } from '../src/errors/exit-codes.js';
import { handleError } from './handle-error.js';
import { buildProgram, type ProgramState } from './program.js';

const state: ProgramState = { flags: { verbose: process.argv.includes('--verbose') || process.argv.includes('-v'), json: process.argv.includes('--json') } };

process.once('SIGINT', () => {
  process.stderr.write('\nmesh-lab: interrupted\n');
  process.exit(ExitCode.Interrupted);
});

try {
  await buildProgram(state).parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander already printed its one line ("error: unknown option '--x'")
    process.exitCode = err.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
  } else {
    process.exitCode = handleError(err, state.flags);
  }
}
