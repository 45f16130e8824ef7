#!/usr/bin/env node
// Entry point: build the command tree, run it, and turn every outcome into an exit code
// in one place (handleError).
import { CommanderError } from '@commander-js/extra-typings';
import { ExitCode } from '../src/errors/exit-codes.js';
import { handleError, handleUsageError } from './handle-error.js';
import { buildProgram, type ProgramState } from './program.js';

const state: ProgramState = { flags: { verbose: process.argv.includes('--verbose') || process.argv.includes('-v'), json: process.argv.includes('--json') } };

// `mesh-lab lab show x | head -1`: the reader went away, so nobody is left to tell;
// end quietly and successfully, as a Unix filter does, instead of an EPIPE stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(ExitCode.Ok);
  throw err;
});

process.once('SIGINT', () => {
  process.stderr.write('\nmesh-lab: interrupted\n');
  process.exit(ExitCode.Interrupted);
});

try {
  await buildProgram(state).parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // commander already printed its one line ("error: unknown option '--x'") or the help
    process.exitCode = handleUsageError(err, state.flags);
  } else {
    process.exitCode = handleError(err, state.flags);
  }
}
