// The port-forward supervisor's restart loop, driven by an injected spawner and a fake
// clock: every kubectl exit is followed by a backoff (100 ms doubling to 2 s, back to 100 ms
// after a healthy minute) and a restart on the same argv; stop() ends kubectl and the loop.
import { describe, expect, it } from 'vitest';
import { BACKOFF, describeExit, ForwardSupervisor, nextBackoff, type ForwardChild, type ForwardExit, type SupervisorReport } from '../../../src/discovery/forward-supervisor.js';

interface FakeChild extends ForwardChild {
  exit(e: ForwardExit): void;
  forward(): void;
  killed: boolean;
}

function harness() {
  let clock = 0;
  const children: FakeChild[] = [];
  const sleeps: number[] = [];
  const reports: SupervisorReport[] = [];
  let waiters: Array<() => void> = [];
  const tick = () => new Promise<void>((r) => setImmediate(r));
  const sup = new ForwardSupervisor({
    now: () => clock,
    sleep: async (ms, wake) => {
      sleeps.push(ms);
      clock += ms;
      if (wake.aborted) return;
    },
    report: (r) => reports.push(r),
    spawn: async () => {
      let exit!: (e: ForwardExit) => void;
      let forward!: () => void;
      const child: FakeChild = {
        pid: 1000 + children.length,
        exited: new Promise((r) => (exit = r)),
        forwarding: new Promise((r) => (forward = r)),
        exit: (e) => exit(e),
        forward: () => forward(),
        killed: false,
        kill: () => {
          child.killed = true;
          exit({ code: undefined, signal: 'SIGTERM', stderr: '' });
        },
      };
      children.push(child);
      for (const w of waiters) w();
      waiters = [];
      return child;
    },
  });
  /** waits until the n-th kubectl (1-based) has been started */
  const started = async (n: number) => {
    while (children.length < n) await new Promise<void>((r) => waiters.push(r));
    await tick();
    return children[n - 1]!;
  };
  return { sup, children, sleeps, reports, started, advance: (ms: number) => (clock += ms), tick };
}

const refused: ForwardExit = {
  code: 1,
  stderr:
    'E1206 12:00:00.000000   12345 portforward.go:424] "Unhandled Error" err="an error occurred forwarding 40000 -> 8080: error forwarding port 8080 to pod abc, uid : …: connect: connection refused "\nerror: lost connection to pod\n',
};

describe('port-forward supervisor', () => {
  it('backoff doubles from 100 ms to at most 2 s and resets after a healthy minute', () => {
    expect(nextBackoff(undefined, 0)).toBe(100);
    const seq: number[] = [];
    let d: number | undefined;
    for (let i = 0; i < 7; i++) seq.push((d = nextBackoff(d, 5)));
    expect(seq).toEqual([100, 200, 400, 800, 1600, 2000, 2000]);
    expect(nextBackoff(2000, BACKOFF.healthyMs - 1)).toBe(2000);
    expect(nextBackoff(2000, BACKOFF.healthyMs)).toBe(100);
  });

  it('restarts kubectl after each exit with the growing backoff, reporting pid, restarts and the last error', async () => {
    const h = harness();
    const done = h.sup.run();
    const first = await h.started(1);
    expect(h.reports.at(-1)).toEqual({ kubectlPid: 1000, forwarding: false, restarts: 0, lastError: undefined });
    first.forward();
    await h.tick();
    expect(h.reports.at(-1)?.forwarding).toBe(true);

    first.exit(refused);
    const second = await h.started(2);
    expect(h.sleeps).toEqual([100]);
    expect(h.reports.at(-1)).toEqual({ kubectlPid: 1001, forwarding: false, restarts: 1, lastError: 'error: lost connection to pod (exit 1)' });
    // a report between the two runs says kubectl is gone
    expect(h.reports.some((r) => r.kubectlPid === undefined && r.restarts === 0 && r.lastError === 'error: lost connection to pod (exit 1)')).toBe(true);

    second.exit(refused);
    const third = await h.started(3);
    third.exit({ code: 1, stderr: 'Unable to listen on port 40000: …\nerror: unable to listen on any of the requested ports: [{40000 80}]\n' });
    const fourth = await h.started(4);
    expect(h.sleeps).toEqual([100, 200, 400]);
    expect(h.reports.at(-1)?.lastError).toBe('error: unable to listen on any of the requested ports: [{40000 80}] (exit 1)');

    // a run that lasted a healthy minute resets the backoff
    h.advance(BACKOFF.healthyMs);
    fourth.exit(refused);
    const fifth = await h.started(5);
    expect(h.sleeps).toEqual([100, 200, 400, 100]);
    expect(h.sup.restarts).toBe(4);

    h.sup.stop();
    await done;
    expect(fifth.killed).toBe(true);
    expect(h.children).toHaveLength(5);
    expect(h.reports.at(-1)).toMatchObject({ kubectlPid: undefined, restarts: 4 });
  });

  it('a kubectl that cannot even start is retried like one that exits', async () => {
    let attempts = 0;
    const sleeps: number[] = [];
    const reports: SupervisorReport[] = [];
    const sup: ForwardSupervisor = new ForwardSupervisor({
      now: () => 0,
      sleep: async (ms) => {
        sleeps.push(ms);
        if (sleeps.length === 3) sup.stop();
      },
      report: (r) => reports.push(r),
      spawn: async () => {
        attempts++;
        throw new Error('spawn kubectl ENOENT');
      },
    });
    await sup.run();
    expect(attempts).toBe(3);
    expect(sleeps).toEqual([100, 200, 400]);
    expect(reports.at(-1)?.lastError).toBe('could not start kubectl: spawn kubectl ENOENT (exit ?)');
  });

  it('stop() during the backoff ends the loop without starting kubectl again', async () => {
    const h = harness();
    const done = h.sup.run();
    const first = await h.started(1);
    h.sup.stop();
    await done;
    expect(first.killed).toBe(true);
    expect(h.children).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it('describes an exit by kubectl’s error line, else by how it ended', () => {
    expect(describeExit(refused)).toBe('error: lost connection to pod (exit 1)');
    expect(describeExit({ code: undefined, signal: 'SIGKILL', stderr: '' })).toBe('kubectl port-forward ended (killed by SIGKILL)');
  });
});
