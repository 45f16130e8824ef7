// A strict, scripted Runner: answers by matching the argv and records every call. Unit tests
// use it to pin the exact arguments mesh-lab passes to each tool.
//
// Strict in both directions, after cli/cli's internal/run/stub.go (CommandStubber): a call
// no script matches throws with its full argv, and a script no call used fails the test when
// it finishes. A fake created inside a test verifies itself through vitest's onTestFinished;
// a test that checks failures of the fake itself passes `{ autoVerify: false }` and calls
// verify(). The unexpected call is also remembered, so code that swallows the thrown error
// (reject: false paths, best-effort cleanups) still fails the test at verify().
import { onTestFinished } from 'vitest';
import { formatCommand } from '../../../src/process/format-command.js';
import { ToolFailedError, type RunOptions, type RunResult, type Runner } from '../../../src/process/runner.js';

type Matcher = (file: string, args: readonly string[]) => boolean;
type Reply = Partial<Omit<RunResult, 'command'>>;

export interface Script {
  match: Matcher;
  reply: Reply | ((file: string, args: readonly string[], input?: string) => Reply);
}

interface Stub extends Script {
  kind: 'run' | 'background';
  /** where the stub was registered, so an unused one can be found */
  origin: string;
  used: number;
}

export interface FakeRunnerOptions {
  /** register verify() with vitest's onTestFinished (default: true; needs a running test) */
  autoVerify?: boolean;
}

export class UnexpectedCallError extends Error {}

export class FakeRunner implements Runner {
  readonly calls: Array<{ file: string; args: string[]; input?: string }> = [];
  readonly background: Array<{ file: string; args: string[]; logFile: string }> = [];
  private readonly stubs: Stub[] = [];
  private readonly unexpected: string[] = [];

  constructor(scripts: Script[] = [], options: FakeRunnerOptions = {}) {
    for (const s of scripts) this.add('run', s.match, s.reply);
    if (options.autoVerify !== false) {
      // onTestFinished throws outside a running test: a fake nobody verifies would be lax again
      onTestFinished(() => this.verify());
    }
  }

  /** scripts a reply for every run() call the matcher accepts (first registered match wins) */
  on(match: Matcher, reply: Script['reply']): this {
    this.add('run', match, reply);
    return this;
  }

  /** allows spawnBackground() calls the matcher accepts */
  onBackground(match: Matcher): this {
    this.add('background', match, {});
    return this;
  }

  /** throws if a call was not scripted or a script was never used */
  verify(): void {
    const problems: string[] = [];
    if (this.unexpected.length > 0) problems.push(`unscripted calls (${this.unexpected.length}):\n  ${this.unexpected.join('\n  ')}`);
    const unused = this.stubs.filter((s) => s.used === 0);
    if (unused.length > 0) problems.push(`unused stubs (${unused.length}), registered at:\n  ${unused.map((s) => s.origin).join('\n  ')}`);
    if (problems.length > 0) throw new Error(`FakeRunner: ${problems.join('\n')}`);
  }

  async spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }> {
    this.background.push({ file, args: [...args], logFile: options.logFile });
    this.find('background', file, args);
    return { pid: 0, command: formatCommand(file, args) };
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    this.calls.push({ file, args: [...args], ...(options.input !== undefined ? { input: options.input } : {}) });
    const stub = this.find('run', file, args);
    const reply = typeof stub.reply === 'function' ? stub.reply(file, args, options.input) : stub.reply;
    const result: RunResult = { command: formatCommand(file, args), stdout: reply.stdout ?? '', stderr: reply.stderr ?? '', exitCode: reply.exitCode ?? 0 };
    if (result.exitCode !== 0 && options.reject !== false) throw new ToolFailedError(result, options.purpose);
    return result;
  }

  private add(kind: Stub['kind'], match: Matcher, reply: Script['reply']): void {
    const at = new Error().stack?.split('\n').find((l) => !l.includes('fake-runner.ts') && l.includes('.ts'))?.trim() ?? '(unknown)';
    const origin = `${(match as Labelled).label ?? 'a custom matcher'} ${at}`;
    this.stubs.push({ kind, match, reply, origin, used: 0 });
  }

  private find(kind: Stub['kind'], file: string, args: readonly string[]): Stub {
    const stub = this.stubs.find((s) => s.kind === kind && s.match(file, args));
    if (stub) {
      stub.used += 1;
      return stub;
    }
    const argv = JSON.stringify([file, ...args]);
    this.unexpected.push(`${kind}: ${argv}`);
    throw new UnexpectedCallError(`FakeRunner: no ${kind === 'run' ? 'script' : 'background script'} for ${argv}`);
  }
}

/** a matcher that can name itself in verify()'s report */
type Labelled = Matcher & { label?: string };
const labelled = (label: string, match: Matcher): Labelled => Object.assign(match, { label });

export const argvStarts = (file: string, ...prefix: string[]): Labelled =>
  labelled(`${[file, ...prefix].join(' ')} …`, (f, args) => f === file && prefix.every((p, i) => args[i] === p));

/** matches kubectl calls by the subcommand after the --kubeconfig/--context pair */
export const kubectlSub = (...sub: string[]): Labelled =>
  labelled(`kubectl --kubeconfig … --context … ${sub.join(' ')} …`, (f, args) => f === 'kubectl' && args[0] === '--kubeconfig' && args[2] === '--context' && sub.every((p, i) => args[4 + i] === p));
