// The restart loop of the supervised port-forward. kubectl 1.23+ exits after the first
// forwarded connection the pod refuses (kubernetes/kubectl#1169): an ingress gateway with
// no Gateway on the port does exactly that. The supervisor restarts it on the same local
// ports, with a backoff (100 ms doubling to 2 s; back to 100 ms after a run that lasted a
// healthy minute), until it is told to stop. Pure logic: the spawner, clock and sleep are
// injected, so the unit tests drive it without processes or real time.

export interface ForwardExit {
  code: number | undefined;
  signal?: string | undefined;
  /** the last lines kubectl wrote to stderr */
  stderr: string;
}

export interface ForwardChild {
  pid: number;
  /** resolves once kubectl printed "Forwarding from" (never, if it fails first) */
  forwarding: Promise<void>;
  exited: Promise<ForwardExit>;
  kill(): void;
}

export interface SupervisorDeps {
  spawn(): Promise<ForwardChild>;
  now(): number;
  /** resolves after ms, or early when `wake` is called (stop) */
  sleep(ms: number, wake: AbortSignal): Promise<void>;
  report(update: SupervisorReport): void;
}

export interface SupervisorReport {
  kubectlPid: number | undefined;
  forwarding: boolean;
  restarts: number;
  lastError: string | undefined;
}

export const BACKOFF = { initialMs: 100, maxMs: 2_000, healthyMs: 60_000 } as const;

/** The wait before the next start: doubles per quick failure, resets after a healthy run. */
export function nextBackoff(previousMs: number | undefined, ranMs: number, b: typeof BACKOFF = BACKOFF): number {
  if (previousMs === undefined || ranMs >= b.healthyMs) return b.initialMs;
  return Math.min(previousMs * 2, b.maxMs);
}

/** One line for `status`: kubectl's own error line when it printed one, else the exit. */
export function describeExit(e: ForwardExit): string {
  const lines = e.stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const reason = lines.filter((l) => /^error\b/i.test(l)).pop() ?? lines.pop();
  const how = e.signal ? `killed by ${e.signal}` : `exit ${e.code ?? '?'}`;
  return reason ? `${reason} (${how})` : `kubectl port-forward ended (${how})`;
}

export class ForwardSupervisor {
  private readonly stopper = new AbortController();
  private child: ForwardChild | undefined;
  private state: SupervisorReport = { kubectlPid: undefined, forwarding: false, restarts: 0, lastError: undefined };

  constructor(private readonly deps: SupervisorDeps) {}

  get restarts(): number {
    return this.state.restarts;
  }

  private report(patch: Partial<SupervisorReport>): void {
    this.state = { ...this.state, ...patch };
    this.deps.report({ ...this.state });
  }

  /** Runs until stop(); each kubectl exit is followed by a backoff and a restart. */
  async run(): Promise<void> {
    let delay: number | undefined;
    let first = true;
    while (!this.stopper.signal.aborted) {
      if (!first) this.report({ restarts: this.state.restarts + 1 });
      first = false;
      const started = this.deps.now();
      let exit: ForwardExit;
      try {
        const child = await this.deps.spawn();
        this.child = child;
        this.report({ kubectlPid: child.pid, forwarding: false });
        void child.forwarding.then(() => {
          if (this.child === child) this.report({ forwarding: true });
        }, () => undefined);
        if (this.stopper.signal.aborted) child.kill();
        exit = await child.exited;
      } catch (err) {
        exit = { code: undefined, stderr: `could not start kubectl: ${(err as Error).message}` };
      }
      this.child = undefined;
      if (this.stopper.signal.aborted) {
        this.report({ kubectlPid: undefined, forwarding: false });
        break;
      }
      delay = nextBackoff(delay, this.deps.now() - started);
      this.report({ kubectlPid: undefined, forwarding: false, lastError: describeExit(exit) });
      await this.deps.sleep(delay, this.stopper.signal);
    }
  }

  /** Stops restarting and ends the current kubectl; run() then returns. */
  stop(): void {
    this.stopper.abort();
    this.child?.kill();
  }
}
