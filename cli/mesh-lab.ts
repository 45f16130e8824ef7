#!/usr/bin/env node
// Entry point: build the command tree, run it, and turn every outcome into an exit code
// in one place (handleError). `mesh-lab --version` is answered before commander and the
// command tree are loaded: it is the one answer that needs neither. A bare `[<command>]
// --help` is answered from the text the build rendered with commander (dist/help.json,
// scripts/prebuild-help.mjs), and plain `curl <path>` and `env` are parsed by hand
// (./fast-argv.ts): anything less simple goes to commander.
// Everything is imported dynamically: each static import is one more file to load
// before the first line runs.
import type { ProgramState } from './program.js';
import type { FastCommand } from './fast-argv.js';

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
  const { parseFastArgv } = await import('./fast-argv.js');
  const fast = parseFastArgv(args);
  if (!(fast?.kind === 'help' && (await printPrebuiltHelp(fast.key)))) await run(fast?.kind === 'help' ? undefined : fast);
}

/** The build's rendering of this help, when it is what commander would print now: stdout is a pipe (80 columns, no colour). */
async function printPrebuiltHelp(key: string): Promise<boolean> {
  if (process.stdout.isTTY) return false;
  const { readFileSync } = await import('node:fs');
  let texts: Record<string, string>;
  try {
    // dist/help.json, next to dist/cli/; absent when the CLI runs from source
    texts = JSON.parse(readFileSync(new URL('../help.json', import.meta.url), 'utf8')) as Record<string, string>;
  } catch {
    return false;
  }
  const text = texts[key];
  if (text === undefined) return false;
  process.stdout.write(text);
  return true;
}

async function run(fast: Exclude<FastCommand, { kind: 'help' }> | undefined): Promise<void> {
  const state: ProgramState = { flags: { verbose: args.includes('--verbose') || args.includes('-v'), json: args.includes('--json') } };
  const { ExitCode } = await import('../src/errors/exit-codes.js');
  process.once('SIGINT', () => {
    process.stderr.write('\nmesh-lab: interrupted\n');
    process.exit(ExitCode.Interrupted);
  });
  try {
    if (fast) await (await import('./fast-run.js')).runFast(fast, state);
    else {
      const { buildProgram } = await import('./program.js');
      await buildProgram(state).parseAsync(process.argv);
    }
  } catch (err) {
    const { CommanderError } = fast ? { CommanderError: undefined } : await import('@commander-js/extra-typings');
    const { handleError, handleUsageError } = await import('./handle-error.js');
    // commander already printed its one line ("error: unknown option '--x'") or the help
    if (CommanderError && err instanceof CommanderError) process.exitCode = handleUsageError(err, state.flags);
    else process.exitCode = handleError(err, state.flags);
  }
}
