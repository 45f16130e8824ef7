#!/usr/bin/env node
// Entry point: build the command tree, run it, and turn every outcome into an exit code
// in one place (handleError). `mesh-lab --version` is answered before commander and the
// command tree are loaded: it is the one answer that needs neither.
// Everything is imported dynamically: each static import is one more file to load
// before the first line runs.
import type { ProgramState } from './program.js';

const args = process.argv.slice(2);

// `mesh-lab lab show x | head -1`: the reader went away, so nobody is left to tell;
// end quietly and successfully, as a Unix filter does, instead of an EPIPE stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  // exactly what commander prints for its default `-V, --version` flag
  const { VERSION } = await import('../src/version.js');
  process.stdout.write(`${VERSION}\n`);
} else {
  await run();
}

async function run(): Promise<void> {
  const state: ProgramState = { flags: { verbose: args.includes('--verbose') || args.includes('-v'), json: args.includes('--json') } };
  const [{ ExitCode }, { CommanderError }, { buildProgram }] = await Promise.all([
    import('../src/errors/exit-codes.js'),
    import('@commander-js/extra-typings'),
    import('./program.js'),
  ]);
  process.once('SIGINT', () => {
    process.stderr.write('\nmesh-lab: interrupted\n');
    process.exit(ExitCode.Interrupted);
  });
  try {
    await buildProgram(state).parseAsync(process.argv);
  } catch (err) {
    const { handleError, handleUsageError } = await import('./handle-error.js');
    // commander already printed its one line ("error: unknown option '--x'") or the help
    if (err instanceof CommanderError) process.exitCode = handleUsageError(err, state.flags);
    else process.exitCode = handleError(err, state.flags);
  }
}
