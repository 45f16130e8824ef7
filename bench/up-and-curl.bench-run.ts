// How long the user waits: a cold `up` (cluster, Istio, app, route, verification), a
// warm rerun (reads and verifies only), `curl` through the CLI against a direct
// node:http request to the same endpoint, and template rendering. Ratios are computed
// from numbers taken in this one run, so machine speed cancels out.
import { performance } from 'node:perf_hooks';
import { afterAll, it } from 'vitest';
import { parseUpOptions } from '../src/config/up-options.js';
import { httpRequest } from '../src/http/http-request.js';
import { renderLabManifests } from '../src/lab/render-manifests.js';
import { createLabEnv, freePort, type LabEnv } from '../test/e2e/support/harness.js';

const rows: Array<[string, number]> = [];
let lab: LabEnv | undefined;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timed(label: string, n: number, fn: () => Promise<unknown>): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
  }
  const m = median(xs);
  rows.push([`${label} (median of ${n})`, m]);
  return m;
}

afterAll(async () => {
  if (lab) {
    await lab.run(['down']);
    await lab.cleanup();
  }
});

it('measures up, rerun, curl and rendering', async () => {
  lab = await createLabEnv();
  const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  const l = lab;
  const must = async (args: string[]) => {
    const r = await l.run(args);
    if (r.exitCode !== 0) throw new Error(`${args.join(' ')} exited ${r.exitCode}: ${r.stderr}`);
    return r;
  };
  const cold = await timed('mesh-lab up, cold', 1, () => must(['up', ...ports]));
  const warm = await timed('mesh-lab up, rerun', 3, () => must(['up', ...ports]));
  const cliCurl = await timed('mesh-lab curl /helloworld', 10, () => must(['curl', '/helloworld']));
  const env = JSON.parse((await must(['--json', 'env'])).stdout) as { env: { INGRESS_HOST: string; INGRESS_PORT: string } };
  const direct = await timed('node:http GET /helloworld', 10, () => httpRequest({ host: env.env.INGRESS_HOST, port: Number(env.env.INGRESS_PORT), path: '/helloworld' }));
  const status = await timed('mesh-lab status', 3, () => must(['status']));
  const o = parseUpOptions({});
  const render = await timed('render all manifests x1000', 1, async () => {
    for (let i = 0; i < 1000; i++) renderLabManifests(o);
  });

  const lines = rows.map(([k, v]) => `${k.padEnd(40)} ${v.toFixed(1).padStart(9)} ms`);
  lines.push('', 'ratios (same run):');
  lines.push(`  rerun / cold up          ${(warm / cold).toFixed(3)}`);
  lines.push(`  CLI curl / direct request ${(cliCurl / direct).toFixed(1)}x`);
  lines.push(`  status / rerun up        ${(status / warm).toFixed(3)}`);
  lines.push(`  one render               ${(render / 1000).toFixed(3)} ms`);
  console.log(`\n${lines.join('\n')}\n`);
});
