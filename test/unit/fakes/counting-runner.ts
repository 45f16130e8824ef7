// A runner that answers every command and counts them, so a test can tell a fresh run from
// a reused one. Unlike FakeRunner it scripts nothing: the answer is a function of the count.
import type { RunOptions, RunResult, Runner } from '../../../src/process/runner.js';

export class CountingRunner implements Runner {
  readonly calls: string[] = [];
  exitCode = 0;
  constructor(private readonly answer: (n: number, failing: boolean) => Pick<RunResult, 'stdout' | 'stderr'>) {}

  async run(file: string, args: readonly string[], _o: RunOptions = {}): Promise<RunResult> {
    const command = [file, ...args].join(' ');
    this.calls.push(command);
    return { command, ...this.answer(this.calls.length, this.exitCode !== 0), exitCode: this.exitCode };
  }

  async spawnBackground(): Promise<{ pid: number; command: string }> {
    return { pid: 1, command: '' };
  }
}
