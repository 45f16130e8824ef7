import type { CommandListener } from '../process/runner.js';
import type { Printer } from './output.js';

/** Under --verbose: every external command, then its exit code and output, on stderr. */
export function verboseCommandListener(printer: Printer): CommandListener | undefined {
  if (!printer.flags.verbose) return undefined;
  return ({ command, input, result }) => {
    if (!result) {
      printer.verbose(`$ ${command}${input !== undefined ? ' (manifest on stdin)' : ''}`);
      return;
    }
    const out = [result.stdout.trim(), result.stderr.trim()].filter(Boolean).join('\n');
    printer.verbose(`  → exit ${result.exitCode}${out ? `\n${out.split('\n').map((l) => `    ${l}`).join('\n')}` : ''}`);
  };
}
