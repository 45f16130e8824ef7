// The single place where failures become output and an exit code. Expected failures
// (MeshLabError) are one line: what failed and why, then what to do; the underlying
// command and its stderr only under --verbose. Anything else is a bug: one line too,
// with the stack under --verbose.
import type { CommanderError } from '@commander-js/extra-typings';
import { ExitCode } from '../src/errors/exit-codes.js';
import { isMeshLabError } from '../src/errors/mesh-lab-error.js';
import type { GlobalFlags } from '../src/ui/output.js';

export function handleError(err: unknown, flags: GlobalFlags): number {
  if (isMeshLabError(err)) {
    if (flags.json) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: { message: err.message, hint: err.hint, exitCode: err.exitCode } }, null, 2)}\n`);
    }
    process.stderr.write(`mesh-lab: ${err.message}${err.hint ? `; ${err.hint}` : ''}\n`);
    if ((flags.verbose || err.showDetail) && err.detail) process.stderr.write(`${err.detail.replace(/^/gm, '  ')}\n`);
    else if (err.detail && err.exitCode !== ExitCode.Usage) process.stderr.write('  (rerun with --verbose for details)\n');
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  if (flags.json) process.stdout.write(`${JSON.stringify({ ok: false, error: { message, internal: true, exitCode: ExitCode.Internal } }, null, 2)}\n`);
  process.stderr.write(`mesh-lab: internal error: ${message}; this is a bug, please report it with the output of --verbose\n`);
  if (flags.verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
  return ExitCode.Internal;
}

// commander's own outcomes: --help and --version succeed (and are exempt from --json);
// anything else (unknown option or command, missing argument, bad choice) is a usage error,
// which under --json is also the one error document on stdout.
const SUCCESS_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

export function handleUsageError(err: CommanderError, flags: GlobalFlags): number {
  if (err.exitCode === 0 || SUCCESS_CODES.has(err.code)) return ExitCode.Ok;
  if (flags.json) {
    // 'commander.help': a command that needs a subcommand was given none (help went to stderr)
    const message = err.code === 'commander.help' ? 'a subcommand is needed (see the list above)' : err.message.replace(/^error: /, '');
    process.stdout.write(`${JSON.stringify({ ok: false, error: { message, hint: 'see mesh-lab --help', exitCode: ExitCode.Usage } }, null, 2)}\n`);
  }
  return ExitCode.Usage;
}
