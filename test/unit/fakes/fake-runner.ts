// A scripted Runner: answers by matching the argv, records every call. Unit tests use it
// to pin the exact arguments mesh-lab passes to each tool.
import { formatCommand } from '../../../src/process/format-command.js';
import { ToolFailedError, type RunOptions, type RunResult, type Runner } from '../../../src/process/runner.js';

export interface Script {
  match: (file: string, args: readonly string[]) => boolean;
  reply: Partial<Omit<RunResult, 'command'>> | ((file: string, args: readonly string[], input?: string) => Partial<Omit<RunResult, 'command'>>);
}

export class FakeRunner implements Runner {
  readonly calls: Array<{ file: string; args: string[]; input?: string }> = [];
  constructor(private readonly scripts: Script[] = []) {}

  on(match: Script['match'], reply: Script['reply']): this {
    this.scripts.push({ match, reply });
    return this;
  }

  readonly background: Array<{ file: string; args: string[]; logFile: string }> = [];

  async spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }> {
    this.background.push({ file, args: [...args], logFile: options.logFile });
    return { pid: 0, command: formatCommand(file, args) };
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ file, args: [...args], ...(options.input !== undefined ? { input: options.input } : {}) });
    const script = this.scripts.find((s) => s.match(file, args));
    const reply = script ? (typeof script.reply === 'function' ? script.reply(file, args, options.input) : script.reply) : {};
    const result: RunResult = { command: formatCommand(file, args), stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', exitCode: reply.exitCode ?? 0 };
    if (result.exitCode !== 0 && options.reject !== false) throw new ToolFailedError(result, options.purpose);
    return result;
  }
}

export const argvStarts =
  (file: string, ...prefix: string[]) =>
  (f: string, args: readonly string[]) =>
    f === file && prefix.every((p, i) => args[i] === p);

/** matches kubectl calls by the subcommand after the --kubeconfig/--context pair */
export const kubectlSub =
  (...sub: string[]) =>
  (f: string, args: readonly string[]) =>
    f === 'kubectl' && args[0] === '--kubeconfig' && args[2] === '--context' && sub.every((p, i) => args[4 + i] === p);
