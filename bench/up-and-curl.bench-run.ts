// How long the user waits, against the simulator with its default latencies:
//  - start-up of the commands a learner types dozens of times (--version, --help, curl,
//    env, lab show, lab step), each against `node -e 0` measured in the same rounds;
//  - an `up` rerun with everything in place against `status`, which reads the same state;
//  - a cold `up`, `curl` through the CLI against a direct node:http request, rendering.
// Every ratio is taken from numbers of this one run, with the commands interleaved round
// by round, so machine speed and load drift cancel out. Nothing here is asserted.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { afterAll, it } from 'vitest';
import { parseUpOptions } from '../src/state/up-options.js';
import { httpRequest } from '../src/http/http-request.js';
import { renderUpManifests } from '../src/commands/up/render-manifests.js';
import { cliPath, createLabEnv, freePort, type LabEnv } from '../test/e2e/support/harness.js';

const ROUNDS = Number(process.env.MESH_LAB_BENCH_ROUNDS ?? 21);
const UP_ROUNDS = Number(process.env.MESH_LAB_BENCH_UP_ROUNDS ?? 15);

let lab: LabEnv | undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Wall time of one whole process, spawned the same way for every command. */
function timeProcess(argv: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t;
      if (code !== 0) reject(new Error(`${argv.slice(1).join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

interface Subject {
  label: string;
  argv: string[];
}

/** Runs every subject once per round, in order, and returns each one's median. */
async function interleaved(subjects: Subject[], rounds: number, env: Record<string, string>): Promise<Map<string, number>> {
  const samples = new Map<string, number[]>(subjects.map((s) => [s.label, []]));
  for (let r = 0; r < rounds; r++) {
    for (const s of subjects) samples.get(s.label)!.push(await timeProcess(s.argv, env));
  }
  return new Map([...samples].map(([k, xs]) => [k, median(xs)]));
}

const NODE: Subject = { label: 'node -e 0', argv: ['-e', '0'] };
// a lab (and so cluster) name of its own: tests running meanwhile use the default one
const LAB = ['--environment', `bench-${process.pid}`];
const cli = (label: string, ...args: string[]): Subject => ({ label, argv: [cliPath, ...LAB, ...args] });
/** --version and --help exactly as typed: they name no lab */
const bare = (label: string, ...args: string[]): Subject => ({ label, argv: [cliPath, ...args] });

afterAll(async () => {
  if (lab) {
    await lab.run([...LAB, 'down']);
    await lab.cleanup();
  }
});

it('measures start-up, the up rerun, curl and rendering', async () => {
  lab = await createLabEnv();
  // The user's environment (what `node -e 0` costs depends on it: NODE_EXTRA_CA_CERTS, for
  // one, makes every node process read a CA bundle first) with the lab's variables on top,
  // and the simulator's own default latencies, not the shortened ones the e2e tests use.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(VITEST|TEST$|NODE_ENV$)/.test(k))) as Record<string, string>;
  const env = { ...inherited, ...lab.env };
  delete env.MESHLAB_SIM_PROPAGATION_MS;
  delete env.MESHLAB_SIM_READY_MS;
  const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  const l = lab;
  const must = async (args: string[]) => {
    const r = await l.run([...LAB, ...args], { MESHLAB_SIM_PROPAGATION_MS: undefined, MESHLAB_SIM_READY_MS: undefined });
    if (r.exitCode !== 0) throw new Error(`${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r;
  };

  const coldStart = performance.now();
  await must(['up', ...ports]);
  const cold = performance.now() - coldStart;
  // one rerun records the reads the next ones start ahead; then reruns and status alternate
  await must(['up', ...ports]);
  const upRounds = await interleaved([NODE, cli('mesh-lab up (rerun, all in place)', 'up', ...ports), cli('mesh-lab status', 'status')], UP_ROUNDS, env);

  const envDoc = JSON.parse((await must(['--json', 'env'])).stdout) as { env: { INGRESS_HOST: string; INGRESS_PORT: string } };
  const direct: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = performance.now();
    await httpRequest({ host: envDoc.env.INGRESS_HOST, port: Number(envDoc.env.INGRESS_PORT), path: '/helloworld' });
    direct.push(performance.now() - t);
  }

  await must(['lab', 'start', 'ingress-routing', ...ports]);
  const startup = await interleaved(
    [
      NODE,
      bare('mesh-lab --version', '--version'),
      bare('mesh-lab --help', '--help'),
      cli('mesh-lab curl /helloworld', 'curl', '/helloworld'),
      cli('mesh-lab env', 'env'),
      cli('mesh-lab lab show ingress-routing', 'lab', 'show', 'ingress-routing'),
      cli('mesh-lab lab step', 'lab', 'step'),
    ],
    ROUNDS,
    env,
  );

  const o = parseUpOptions({});
  const renderStart = performance.now();
  for (let i = 0; i < 1000; i++) renderUpManifests(o);
  const render = (performance.now() - renderStart) / 1000;

  const node = startup.get(NODE.label)!;
  const goals: Record<string, number> = {
    'mesh-lab --version': 1.3,
    'mesh-lab --help': 1.3,
    'mesh-lab curl /helloworld': 1.6,
    'mesh-lab env': 1.6,
    'mesh-lab lab show ingress-routing': 2,
    'mesh-lab lab step': 2,
  };
  const row = (label: string, ms: number, ratio: string, goal: string, verdict: string) =>
    `${label.padEnd(36)} ${ms.toFixed(1).padStart(9)} ms  ${ratio.padStart(13)}  ${goal.padEnd(30)} ${verdict}`;
  const lines = [
    `start-up: medians of ${ROUNDS} interleaved rounds${env.NODE_EXTRA_CA_CERTS ? ' (NODE_EXTRA_CA_CERTS is set: every node start, the baseline too, reads it)' : ''}`,
  ];
  for (const [label, ms] of startup) {
    const goal = goals[label];
    const ratio = ms / node;
    const over = goal ? `, +${(ms - node).toFixed(0)} ms` : '';
    lines.push(row(label, ms, `${ratio.toFixed(2)}x${over}`, goal ? `<= ${goal}x node -e 0` : '(baseline)', goal ? (ratio <= goal ? 'ok' : 'MISSED') : ''));
  }
  const rerun = upRounds.get('mesh-lab up (rerun, all in place)')!;
  const status = upRounds.get('mesh-lab status')!;
  const upOk = rerun <= 1000 && rerun / status <= 1.5;
  lines.push('', `up rerun: medians of ${UP_ROUNDS} interleaved rounds (simulator default latencies)`);
  lines.push(row('node -e 0', upRounds.get(NODE.label)!, '', '(baseline)', ''));
  lines.push(row('mesh-lab status', status, '', '(baseline)', ''));
  lines.push(row('mesh-lab up (rerun, all in place)', rerun, `${(rerun / status).toFixed(2)}x status`, '<= 1000 ms and <= 1.5x status', upOk ? 'ok' : 'MISSED'));
  lines.push('', 'other figures:');
  lines.push(`  mesh-lab up, cold                     ${cold.toFixed(0).padStart(7)} ms (rerun / cold ${(rerun / cold).toFixed(3)})`);
  lines.push(`  node:http GET /helloworld, direct     ${median(direct).toFixed(1).padStart(7)} ms (CLI curl / direct ${(startup.get('mesh-lab curl /helloworld')! / median(direct)).toFixed(1)}x)`);
  lines.push(`  render all manifests, once            ${render.toFixed(3).padStart(7)} ms`);
  console.log(`\n${lines.join('\n')}\n`);
});
