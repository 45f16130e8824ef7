// Lets a command issue its reads together. A rerun of `up` with everything in place only
// reads, but each step reads after the previous one finished: a dozen kind and kubectl
// processes, one after another. This layer sits under ToolPathRunner (commands are keyed
// by the resolved binary) and does two things:
//  - a tool's client version (`kind version`, `kubectl version --client -o json`,
//    `istioctl version --remote=false -o json`) is asked once per process: tool
//    resolution, the doctor checks and the istioctl check all need it.
//  - `prefetch` starts a list of read commands at once; a later `run` of exactly that
//    command takes the result instead of starting it again. Any command that is not a
//    known read (apply, install, create, delete, anything unknown) discards every result
//    not yet taken, so nothing read before a change is used after it.
// `reads` lists the prefetchable commands run so far (a repeat with no write since the
// first counts as another use of it: on the next run one process answers both); `up` saves
// them after a successful run and prefetches them on the next one.
import { basename } from 'node:path';
import { ToolFailedError, type RunOptions, type RunResult, type Runner } from './runner.js';

export interface ReadCommand {
  file: string;
  args: string[];
  timeoutMs?: number;
  /**
   * How many runs one read answers (default 1): the last run asked exactly this that many
   * times with no write in between, so one process gives all of them their answer.
   */
  uses?: number;
}

export interface VersionProbe {
  file: string;
  args: string[];
  result: RunResult;
}

type Outcome = { result: RunResult } | { error: unknown };

/** The verb of a tool call: kubectl's first word after its global --kubeconfig/--context flags. */
function verb(file: string, args: readonly string[]): string[] {
  const tool = basename(file);
  const rest = [...args];
  if (tool === 'kubectl') {
    while (rest[0] === '--kubeconfig' || rest[0] === '--context') rest.splice(0, 2);
  }
  return rest.slice(0, 2);
}

/** A client-only version probe: its answer depends on the binary alone. */
export function isClientVersionProbe(file: string, args: readonly string[]): boolean {
  const tool = basename(file);
  if (tool === 'kind' || tool === 'minikube') return args[0] === 'version';
  if (tool === 'kubectl') return args[0] === 'version' && args.includes('--client');
  if (tool === 'istioctl') return args[0] === 'version' && args.includes('--remote=false');
  return false;
}

/**
 * A read that finishes on its own and changes nothing: `kubectl get` and `kind get`.
 * (`kubectl rollout status` reads too, but waits: it is never started ahead.)
 */
export function isPrefetchableRead(file: string, args: readonly string[]): boolean {
  const tool = basename(file);
  const [v] = verb(file, args);
  return (tool === 'kubectl' || tool === 'kind') && v === 'get' && !args.includes('--watch') && !args.includes('-w');
}

function isRead(file: string, args: readonly string[]): boolean {
  const [v, sub] = verb(file, args);
  return isPrefetchableRead(file, args) || isClientVersionProbe(file, args) || (basename(file) === 'kubectl' && v === 'rollout' && sub === 'status');
}

/** a poll that repeated more often than this in the last run gets fresh answers after it */
const MAX_USES = 4;

const keyOf = (file: string, args: readonly string[]) => JSON.stringify([file, ...args]);

export class ReadAheadRunner implements Runner {
  /** started reads not yet taken, per command (a step may read the same thing twice) */
  private readonly pending = new Map<string, Array<Promise<Outcome>>>();
  private readonly versions = new Map<string, Promise<RunResult>>();
  private readonly seen: Array<{ read: ReadCommand; epoch: number }> = [];
  /** counts the writes: reads of one epoch saw the same cluster */
  private epoch = 0;

  constructor(private readonly inner: Runner) {}

  /** The prefetchable reads run so far, in order; a repeat with no write since the first counts as a use of it. */
  get reads(): ReadCommand[] {
    const out: ReadCommand[] = [];
    const first = new Map<string, ReadCommand>();
    for (const { read, epoch } of this.seen) {
      const key = `${epoch} ${keyOf(read.file, read.args)} ${read.timeoutMs ?? ''}`;
      const earlier = first.get(key);
      if (earlier) earlier.uses = (earlier.uses ?? 1) + 1;
      else {
        const copy = { ...read, args: [...read.args] };
        first.set(key, copy);
        out.push(copy);
      }
    }
    return out;
  }

  /** Starts these reads now; each result waits for the `run` that asks for it. */
  prefetch(commands: readonly ReadCommand[]): void {
    for (const c of commands) {
      if (!isPrefetchableRead(c.file, c.args)) continue;
      const key = keyOf(c.file, c.args);
      const started = this.inner.run(c.file, c.args, { reject: false, ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}) });
      const queue = this.pending.get(key) ?? [];
      const outcome = started.then((result): Outcome => ({ result }), (error: unknown): Outcome => ({ error }));
      for (let i = 0; i < Math.min(Math.max(1, Math.floor(c.uses ?? 1)), MAX_USES); i++) queue.push(outcome);
      this.pending.set(key, queue);
    }
  }

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const key = keyOf(file, args);
    const plain = options.input === undefined && options.env === undefined;
    if (plain && isPrefetchableRead(file, args)) this.seen.push({ read: { file, args: [...args], ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) }, epoch: this.epoch });
    // each started read answers `uses` runs (the repeats the last run made with no write
    // between them), then runs afresh: a loop that polls longer than that sees every change
    const ahead = plain ? this.pending.get(key)?.shift() : undefined;
    if (ahead) {
      const outcome = await ahead;
      if ('error' in outcome) throw outcome.error;
      if (outcome.result.exitCode !== 0 && options.reject !== false) throw new ToolFailedError(outcome.result, options.purpose);
      return outcome.result;
    }
    if (!plain || !isRead(file, args)) {
      this.pending.clear();
      this.epoch++;
    }
    if (plain && isClientVersionProbe(file, args)) {
      let probe = this.versions.get(key);
      if (!probe) {
        probe = this.inner.run(file, args, { ...options, reject: false });
        this.versions.set(key, probe);
        probe.catch(() => this.versions.delete(key));
      }
      const result = await probe;
      if (result.exitCode !== 0 && options.reject !== false) throw new ToolFailedError(result, options.purpose);
      return result;
    }
    return this.inner.run(file, args, options);
  }

  /** A client version probe's answer known from an earlier run (src/tools/version-cache.ts): it is not asked again. */
  seedVersionProbe(probe: VersionProbe): void {
    if (isClientVersionProbe(probe.file, probe.args)) this.versions.set(keyOf(probe.file, probe.args), Promise.resolve(probe.result));
  }

  /** The client version probes answered so far (asked or seeded) that exited 0. */
  async versionProbes(): Promise<VersionProbe[]> {
    const out: VersionProbe[] = [];
    for (const [key, probe] of this.versions) {
      const result = await probe.catch(() => undefined);
      const [file, ...args] = JSON.parse(key) as string[];
      if (result?.exitCode === 0) out.push({ file: file!, args, result });
    }
    return out;
  }

  spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }> {
    return this.inner.spawnBackground(file, args, options);
  }
}
