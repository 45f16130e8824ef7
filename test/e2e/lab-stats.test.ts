// Issue 13: checks that measure. The simulator draws weighted routes at random per
// request (MESHLAB_SIM_SEED makes each run reproducible), so the traffic-shifting splits
// must pass on statistics under many seeds; a wrong weight or a wrong route timeout must
// fail with what was measured, and --json carries the numbers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, repoRoot, simLabel, type LabEnv, type RunResult } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

const SEEDS = ['1', '2', '3', '17', '42', '99', '256', '1013', 'alpha', 'omega'];

describeDocker('measuring lab checks (simulated, random routing)', () => {
  let lab: LabEnv;
  let name: string;
  const cli = (args: string[], env: Record<string, string> = {}): Promise<RunResult> => lab.run(['--environment', name, ...args], env);

  /** kubectl apply of a lab manifest with its {{params}} filled in, as a learner editing it would. */
  async function applyEdited(labId: string, file: string, params: Record<string, string>): Promise<void> {
    const { kubeconfig } = JSON.parse((await cli(['--json', 'env'])).stdout) as { kubeconfig: string };
    const all: Record<string, string> = { networkingApiVersion: 'networking.istio.io/v1', ...params };
    const text = readFileSync(join(repoRoot, 'labs', labId, file), 'utf8').replace(/"?\{\{\s*(\w+)\s*\}\}"?/g, (_, k: string) => JSON.stringify(/^\d+$/.test(all[k] ?? '') ? Number(all[k]) : (all[k] ?? '')));
    const r = await execa('kubectl', ['--kubeconfig', kubeconfig, '--context', `kind-${name}`, 'apply', '-n', 'mesh-lab', '-f', '-'], { env: lab.env, extendEnv: false, reject: false, input: text });
    expect(r.exitCode, r.stderr).toBe(0);
  }

  beforeAll(async () => {
    // routes take effect at once, so a check after an edit sees the edited route
    lab = await createLabEnv({ MESHLAB_SIM_PROPAGATION_MS: '0' });
    name = `stats-${simLabel(lab.simHome).slice(0, 8)}`;
    const start = await cli(['lab', 'start', 'traffic-shifting', '--host-port', String(await freePort()), '--https-host-port', String(await freePort())]);
    expect(start.exitCode, start.stdout + start.stderr).toBe(0);
    const setup = await cli(['lab', 'run', 'traffic-shifting', '--to', 'subsets']);
    expect(setup.exitCode, setup.stdout + setup.stderr).toBe(0);
  });
  afterAll(async () => {
    if (lab) {
      await cli(['down']);
      await lab.cleanup();
    }
  });

  it.each(SEEDS)('traffic-shifting splits pass with simulator seed %s, with bars', async (seed) => {
    const r = await cli(['lab', 'run', 'traffic-shifting', '--from', 'all-v1', '--to', 'shift-50'], { MESHLAB_SIM_SEED: seed, NO_COLOR: '1' });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/✖/);
    expect(r.stdout).toMatch(/^ +v1 [█▉▊▋▌▍▎▏ ]+ +\d+ % \( *\d+\/\d+\) +expected 90 %$/m);
    expect(r.stdout).not.toContain('\u001b[');
  });

  it('a wrong weight (80/20 where the step asks for 90/10) fails with the measured shares; --json carries them', async () => {
    await applyEdited('traffic-shifting', 'virtualservice-weights.yaml', { v1Weight: '80', v2Weight: '20' });
    const r = await cli(['lab', 'check', 'shift-10', '--wait', '3'], { MESHLAB_SIM_SEED: '7' });
    expect(r.exitCode, r.stdout + r.stderr).toBe(5);
    expect(r.stdout).toMatch(/✖ about 90% v1 and 10% v2: v1 (7\d|8\d)(\.\d)?% \(\d+\/\d+, expected 90%, 99% interval [\d.]+–[\d.]+%\) ✗/);

    const j = await cli(['--json', 'lab', 'check', 'shift-10', '--wait', '3'], { MESHLAB_SIM_SEED: '8' });
    expect(j.exitCode).toBe(5);
    const doc = JSON.parse(j.stdout) as { passed: boolean; checks: { pass: boolean; measurement: { kind: string; total: number; confidence: number; buckets: { name: string; count: number; percent: number; expected: number; interval: { low: number; high: number } }[] } }[] };
    const m = doc.checks[0]!.measurement;
    expect(m).toMatchObject({ kind: 'split', confidence: 99 });
    expect(m.buckets.map((b) => b.name)).toEqual(['v1', 'v2']);
    expect(m.buckets[0]!.count + m.buckets[1]!.count).toBe(m.total);
    expect(m.buckets[0]!.interval.high).toBeLessThan(90);
    expect(j.stdout).not.toContain('█');
  });

  it('request-timeouts reports p50/p99 with a histogram; a route timeout of the wrong value fails with the measured latency', async () => {
    expect((await cli(['lab', 'reset', 'traffic-shifting'])).exitCode).toBe(0);
    expect((await cli(['lab', 'start', 'request-timeouts'])).exitCode).toBe(0);
    const r = await cli(['lab', 'run', 'request-timeouts', '--to', 'caller-timeout'], { NO_COLOR: '1' });
    expect(r.exitCode, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/p50 \d+ ms · p90 \d+ ms · p99 \d+ ms · 3\/3 as expected/);
    expect(r.stdout).toMatch(/^ +\d+–\d+ ms [█▉▊▋▌▍▎▏ ]+ \d+$/m);

    await applyEdited('request-timeouts', 'virtualservice-timeout.yaml', { timeout: '3s' });
    const bad = await cli(['lab', 'check', 'caller-timeout', '--wait', '3']);
    expect(bad.exitCode, bad.stdout + bad.stderr).toBe(5);
    // the delay (2 s) is now shorter than the timeout: 200 after about 2 s, not 504 after 0.5 s
    expect(bad.stdout).toMatch(/the client gets 504 after about 0\.5 s: 0\/5 \(0%\) as expected, at least 100% needed; measured p50 (19|2\d)\d\d ms, p90 \d+ ms, p99 \d+ ms; e\.g\. expected status 504, got 200/);
  });
});
