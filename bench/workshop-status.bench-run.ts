// `workshop status` for a room of 50 attendees against the simulator: a fixture cluster with
// 50 attendee namespaces and 50 progress ConfigMaps (two labs each, applied in one kubectl
// call), then the median wall time of `workshop status --json` over a few runs and the
// kubectl calls one run makes (the goal: ≤ 2 s, one ConfigMap read). `--verify` is timed once
// for information. Measurements only: nothing is asserted.
import { performance } from 'node:perf_hooks';
import { afterAll, it } from 'vitest';
import { attendeeId, attendeeNamespace } from '../src/state/workshop-state.js';
import { createLabEnv, type LabEnv } from '../test/e2e/support/harness.js';
import { createWorkshopFixture } from '../test/e2e/support/workshop-fixture.js';

const ATTENDEES = Number(process.env.MESH_LAB_BENCH_ATTENDEES ?? 50);
const ROUNDS = Number(process.env.MESH_LAB_BENCH_ROUNDS ?? 7);
const NAME = 'bench-room';

let lab: LabEnv | undefined;
let environment: string | undefined;

afterAll(async () => {
  if (lab) {
    if (environment) await lab.run(['-e', environment, 'down']);
    await lab.cleanup();
  }
});

function progressConfigMap(n: number): unknown {
  const at = new Date().toISOString();
  const entry = (labId: string, steps: Record<string, unknown>) => JSON.stringify({ schema: 1, labId, updatedAt: at, steps });
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'mesh-lab-progress', namespace: attendeeNamespace(attendeeId(n)), labels: { 'app.kubernetes.io/managed-by': 'mesh-lab', 'mesh-lab.io/workshop': NAME } },
    data: {
      'ingress-routing': entry('ingress-routing', {
        'app-running': { status: 'passed', at },
        gateway: n % 3 === 0 ? { status: 'failed', message: 'Gateway helloworld-gateway exists: expected Gateway/helloworld-gateway to exist, it was not found', at } : { status: 'passed', at },
      }),
      'traffic-shifting': entry('traffic-shifting', { deploy: { status: 'passed', at } }),
    },
  };
}

it(`workshop status for ${ATTENDEES} attendees`, async () => {
  lab = await createLabEnv();
  const ws = await createWorkshopFixture(lab, { name: NAME, attendees: ATTENDEES, appIn: [] });
  environment = ws.environment;
  const items = Array.from({ length: ATTENDEES }, (_, i) => progressConfigMap(i + 1));
  const applied = await ws.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items }));
  if (applied.exitCode !== 0) throw new Error(applied.stderr);

  const times: number[] = [];
  let calls: string[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const before = lab.invocations().length;
    const t = performance.now();
    const res = await lab.run(['workshop', 'status', '--name', NAME, '--json']);
    times.push(performance.now() - t);
    if (res.exitCode !== 0) throw new Error(res.stderr);
    calls = lab.invocations().slice(before).filter((a) => a[0] === 'kubectl');
    const doc = JSON.parse(res.stdout) as { totals: { attendees: number; passed: number; failed: number } };
    if (r === 0) process.stdout.write(`\nroll-up: ${doc.totals.attendees} attendees, ${doc.totals.passed} steps passed, ${doc.totals.failed} failed\n`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const t = performance.now();
  const verify = await lab.run(['workshop', 'status', '--name', NAME, '--labs', 'ingress-routing', '--verify', '--json']);
  const verifyMs = performance.now() - t;
  process.stdout.write(
    [
      `workshop status, ${ATTENDEES} attendees (${ROUNDS} runs): median ${median.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms (goal ≤ 2000 ms)`,
      `kubectl calls per run: ${calls.length} (${calls.filter((c) => c.includes('configmaps')).length} ConfigMap read)`,
      ...calls.map((c) => `  kubectl ${c.slice(5).join(' ')}`),
      `workshop status --verify (ingress-routing, ${ATTENDEES} attendees): ${verifyMs.toFixed(0)} ms, exit ${verify.exitCode}`,
      '',
    ].join('\n'),
  );
});
