// Entry of the detached port-forward supervisor: `node port-forward-supervisor-main.js
// <lab dir>/port-forward.json`, started by the CLI (src/discovery/port-forward.ts) in its
// own process group with stdout/stderr appended to <lab dir>/port-forward.log. It reads
// what to forward from the state file, keeps `kubectl port-forward` running on the same
// local ports (ForwardSupervisor), records its progress in the same file, and on SIGTERM
// (from `down`) stops kubectl first, then itself.
import { ExecaRunner } from '../process/runner.js';
import { ForwardSupervisor, type ForwardChild, type SupervisorReport } from './forward-supervisor.js';
import { kubectlForwardArgs, readForwardState, writeForwardState } from './forward-state.js';

const file = process.argv[2];
const initial = file ? readForwardState(file) : undefined;
if (!file || !initial) {
  process.stderr.write(`port-forward supervisor: no readable state file (${file ?? 'none given'})\n`);
  process.exit(2);
}
const config = initial.config;
const args = kubectlForwardArgs(config);
const stamp = () => new Date().toISOString();
let current: SupervisorReport = { kubectlPid: undefined, forwarding: false, restarts: initial.restarts, lastError: initial.lastError };

function save(): void {
  const { kubectlPid, lastError, ...rest } = current;
  writeForwardState(file!, {
    ...initial!,
    ...rest,
    ...(kubectlPid ? { kubectlPid } : { kubectlPid: undefined }),
    ...(lastError ? { lastError } : {}),
    supervisorPid: process.pid,
  });
}

const runner = new ExecaRunner();
const supervisor = new ForwardSupervisor({
  now: () => Date.now(),
  sleep: (ms, wake) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    }),
  report: (r) => {
    current = r;
    save();
  },
  spawn: async (): Promise<ForwardChild> => {
    process.stdout.write(`${stamp()} supervisor: starting kubectl ${args.join(' ')}\n`);
    let stderrTail = '';
    let markForwarding: () => void = () => undefined;
    const forwarding = new Promise<void>((resolve) => (markForwarding = resolve));
    const child = await runner.startAttached(config.kubectl, args, {
      stdout: (chunk) => {
        process.stdout.write(chunk);
        if (chunk.includes('Forwarding from ')) markForwarding();
      },
      stderr: (chunk) => {
        process.stderr.write(chunk);
        stderrTail = (stderrTail + chunk).slice(-4000);
      },
    });
    return {
      pid: child.pid,
      forwarding,
      kill: child.kill,
      exited: child.exited.then((e) => {
        process.stdout.write(`${stamp()} supervisor: kubectl (pid ${child.pid}) exited with ${e.signal ?? `code ${e.exitCode}`}\n`);
        return { code: e.exitCode, signal: e.signal, stderr: stderrTail };
      }),
    };
  },
});

for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
  process.on(sig, () => {
    process.stdout.write(`${stamp()} supervisor: ${sig}, stopping kubectl and exiting\n`);
    supervisor.stop();
  });
}
save();
await supervisor.run();
save();
process.stdout.write(`${stamp()} supervisor: stopped after ${current.restarts} restart(s)\n`);
process.exit(0);
