import { formatCommand } from './format-command.js';
import type { RunOptions, RunResult, Runner } from './runner.js';

/**
 * `--dry-run`: prints what would run (and the manifest it would send on stdin) and
 * answers as if the tool succeeded with no output. Reads therefore look like an empty
 * machine, so the plan shown is the full plan for a fresh laptop.
 */
export class DryRunRunner implements Runner {
  constructor(private readonly print: (text: string) => void) {}

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const command = formatCommand(file, args);
    this.print(options.input !== undefined ? `$ ${command} <<'EOF'\n${options.input.trimEnd()}\nEOF` : `$ ${command}`);
    return { command, stdout: '', stderr: '', exitCode: 0 };
  }

  async spawnBackground(file: string, args: readonly string[]): Promise<{ pid: number; command: string }> {
    const command = formatCommand(file, args);
    this.print(`$ ${command} &`);
    return { pid: 0, command };
  }
}
