// Every shipped lab, run end to end by the built CLI against the simulator; and for each,
// one step skipped so that the next check fails with a message that helps the learner.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

interface LabCase {
  id: string;
  /** run the steps up to and including this one, then check `check` */
  upTo: string;
  check: string;
  /** what the failing check must say */
  says: RegExp;
  startFlags?: string[];
}

const cases: LabCase[] = [
  { id: 'ingress-routing', upTo: 'gateway', check: 'virtualservice', says: /VirtualService helloworldservice/ },
  { id: 'traffic-shifting', upTo: 'all-v1', check: 'shift-10', says: /v1.*100(\.0)?%|100(\.0)?%.*v1/ },
  { id: 'fault-injection', upTo: 'baseline', check: 'abort-user', says: /500/ },
  { id: 'request-timeouts', upTo: 'slow-backend', check: 'caller-timeout', says: /504/ },
  { id: 'egress-routing', upTo: 'blocked', check: 'service-entry', says: /200/, startFlags: ['--include-optional'] },
];

describeDocker('tutorial labs, end to end (simulated)', () => {
  let lab: LabEnv;
  let ports: string[];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    lab = await createLabEnv();
    ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  });
  afterAll(async () => {
    if (lab) {
      await lab.run(['down']);
      await lab.cleanup();
    }
    console.log(`lab timings (ms): ${JSON.stringify(timings)}`);
  });

  it('lab list shows the five labs', async () => {
    const r = await lab.run(['lab', 'list']);
    expect(r.exitCode).toBe(0);
    for (const c of cases) expect(r.stdout).toContain(c.id);
  });

  for (const c of cases) {
    it(`${c.id}: lab run passes every step`, async () => {
      const start = await lab.run(['lab', 'start', c.id, ...ports, ...(c.startFlags ?? [])]);
      expect(start.exitCode, start.stdout + start.stderr).toBe(0);
      const started = Date.now();
      const r = await lab.run(['lab', 'run', c.id]);
      timings[c.id] = Date.now() - started;
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/✖/);
    });

    it(`${c.id}: skipping "${c.check}" makes its check fail, saying what is missing`, async () => {
      expect((await lab.run(['lab', 'reset', c.id])).exitCode).toBe(0);
      expect((await lab.run(['lab', 'start', c.id, ...(c.startFlags ?? [])])).exitCode).toBe(0);
      const before = await lab.run(['lab', 'run', c.id, '--to', c.upTo]);
      expect(before.exitCode, before.stdout + before.stderr).toBe(0);
      const step = await lab.run(['lab', 'step']);
      expect(step.stdout).toMatch(new RegExp(`^Step \\d+/\\d+: `));
      const r = await lab.run(['lab', 'check', c.check, '--wait', '5']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(5);
      expect(r.stdout).toMatch(/✖/);
      expect(r.stdout).toMatch(c.says);
      expect((await lab.run(['lab', 'reset', c.id])).exitCode).toBe(0);
    });
  }
});
