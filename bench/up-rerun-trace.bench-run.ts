// The critical path of an `up` rerun with everything in place, against the simulator with
// its default latencies: every tool process it starts (from the simulator's invocation
// spans, test/sim/src/lib/invocation-log.ts), in start order, with its start offset from
// the spawn of mesh-lab and its duration, then the same for one `status`. The time after
// the last process ends is mesh-lab's own: verification (three GETs) and saving the state.
// MESH_LAB_TRACE_ROUNDS sets the number of reruns (default 3). Nothing here is asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { createLabEnv, freePort, type LabEnv } from '../test/e2e/support/harness.js';

let lab: LabEnv | undefined;
const LAB = ['--environment', `trace-${process.pid}`];
const DEFAULT_LATENCIES = { MESHLAB_SIM_PROPAGATION_MS: undefined, MESHLAB_SIM_READY_MS: undefined };

afterAll(async () => {
  if (lab) {
    await lab.run([...LAB, 'down']);
    await lab.cleanup();
  }
});

interface Span {
  argv: string[];
  ppid: number;
  start: number;
  end: number;
}

it('traces the tool processes of an up rerun', async () => {
  lab = await createLabEnv();
  const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  const must = async (args: string[]) => {
    const r = await lab!.run([...LAB, ...args], DEFAULT_LATENCIES);
    if (r.exitCode !== 0) throw new Error(`${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r;
  };
  await must(['up', ...ports]);
  await must(['up', ...ports]); // records the reads the next rerun starts ahead
  const spansFile = join(lab.simHome, 'invocation-spans.jsonl');
  const rounds = Number(process.env.MESH_LAB_TRACE_ROUNDS ?? 3);
  const subjects = [...Array.from({ length: rounds }, (_, i) => ({ label: `up rerun ${i + 1}`, args: ['up', ...ports] })), { label: 'status', args: ['status'] }];
  for (const { label, args } of subjects) {
    const before = readFileSync(spansFile, 'utf8').split('\n').filter(Boolean).length;
    const t0 = Date.now();
    const r = await must(args);
    const spans = readFileSync(spansFile, 'utf8').split('\n').filter(Boolean).slice(before).map((l) => JSON.parse(l) as Span);
    spans.sort((a, b) => a.start - b.start);
    const short = (argv: string[]) => argv.filter((a, j) => !(argv[j - 1] === '--kubeconfig' || argv[j - 1] === '--context' || a === '--kubeconfig' || a === '--context')).join(' ');
    const lines = spans.map((s) => `  start +${String(s.start - t0).padStart(4)} ms, ${String(s.end - s.start).padStart(4)} ms  ${short(s.argv)}`);
    const lastEnd = Math.max(t0, ...spans.map((s) => s.end));
    console.log(`\n${label}: ${r.ms} ms wall, ${spans.length} tool processes, the last ended at +${lastEnd - t0} ms\n${lines.join('\n')}\n`);
  }
});
