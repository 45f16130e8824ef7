// `workshop up --attendees 50` against the simulator (real Docker for the node, the
// simulated kubectl for every call): total time, time per attendee, and the kubectl calls
// by verb, for a cold run, a rerun and a run that adds one attendee. The goal the numbers
// show: applies (and reads) independent of N; only `create token` grows, one per attendee
// that needs a token (TokenRequest has no batch form). Nothing here is asserted.
import { afterAll, it } from 'vitest';
import { createLabEnv, freePort, type LabEnv } from '../test/e2e/support/harness.js';

const N = Number(process.env.MESH_LAB_BENCH_ATTENDEES ?? 50);
let lab: LabEnv | undefined;

afterAll(async () => {
  if (lab) {
    await lab.run(['workshop', 'down', '--name', 'bench']);
    await lab.cleanup();
  }
});

function verbOf(argv: string[]): string {
  // kubectl's argv after --kubeconfig K --context C: the first word that is not a flag value
  const args = argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--kubeconfig' || a === '--context' || a === '-n') i++;
    else if (!a.startsWith('-')) return a === 'create' || a === 'rollout' ? `${a} ${args[i + 1]}` : a;
  }
  return '?';
}

function kubectlByVerb(calls: string[][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls.filter((x) => x[0] === 'kubectl')) out[verbOf(c)] = (out[verbOf(c)] ?? 0) + 1;
  return out;
}

it(`workshop up --attendees ${N}`, async () => {
  lab = await createLabEnv();
  const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  const runs: Array<[string, number]> = [
    ['cold', N],
    ['rerun', N],
    ['add one', N + 1],
  ];
  for (const [label, n] of runs) {
    const before = lab.invocations().length;
    const r = await lab.run(['workshop', 'up', '--name', 'bench', '--attendees', String(n), ...ports]);
    if (r.exitCode !== 0) throw new Error(`workshop up (${label}) exited ${r.exitCode}: ${r.stderr}`);
    const calls = lab.invocations().slice(before);
    console.log(
      `workshop up --attendees ${n} (${label}): ${(r.ms / 1000).toFixed(1)} s total, ${(r.ms / n).toFixed(0)} ms per attendee; ` +
        `kubectl calls ${calls.filter((c) => c[0] === 'kubectl').length} by verb ${JSON.stringify(kubectlByVerb(calls))}`,
    );
  }
});
