// Every shipped lab, as the built CLI's `lab list --json` names them (so a new lab is run
// without editing this file), run end to end against the simulator with every step,
// optional ones included; and for the labs below, one step skipped so that the next
// check fails with a message that helps the learner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cliPath, createLabEnv, freePort, simLabel, type LabEnv, type RunResult } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

interface ListedLab {
  id: string;
  title?: string;
  errors?: string;
}

/** `mesh-lab lab list --json` of the built CLI (no cluster needed). */
async function listedLabs(): Promise<ListedLab[]> {
  const home = mkdtempSync(join(tmpdir(), 'mesh-lab-e2e-list-'));
  try {
    const r = await execa(process.execPath, [cliPath, 'lab', 'list', '--json'], {
      env: { HOME: home, MESH_LAB_HOME: join(home, 'mesh-lab'), NO_COLOR: '1', PATH: process.env.PATH ?? '' },
      extendEnv: false,
      reject: false,
    });
    if (r.exitCode !== 0) throw new Error(`mesh-lab lab list --json exited ${r.exitCode}: ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as ListedLab[] | { labs: ListedLab[] };
    return Array.isArray(doc) ? doc : doc.labs;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const labs = await listedLabs();

interface SkipCase {
  /** run the steps up to and including this one, then check `check` */
  upTo: string;
  check: string;
  /** what the failing check must say */
  says: RegExp;
}

const skipCases: Record<string, SkipCase> = {
  'ingress-routing': { upTo: 'gateway', check: 'virtualservice', says: /VirtualService helloworldservice/ },
  'traffic-shifting': { upTo: 'all-v1', check: 'shift-10', says: /v1.*100(\.0)?%|100(\.0)?%.*v1/ },
  'fault-injection': { upTo: 'baseline', check: 'abort-user', says: /500/ },
  'request-timeouts': { upTo: 'slow-backend', check: 'caller-timeout', says: /504/ },
  'egress-routing': { upTo: 'blocked', check: 'service-entry', says: /200/ },
};

/** every step, optional ones too (the egress gateway needs profile demo) */
const startFlags = ['--include-optional'];

describeDocker('tutorial labs, end to end (simulated)', () => {
  let lab: LabEnv;
  let ports: string[];
  // a lab (and kind cluster) name of this run only: Docker container names are global,
  // and other test runs on the machine may hold mesh-lab-control-plane
  let name: string;
  const cli = (args: string[]): Promise<RunResult> => lab.run(['--environment', name, ...args]);
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    lab = await createLabEnv();
    name = `labs-${simLabel(lab.simHome).slice(0, 8)}`;
    ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  });
  afterAll(async () => {
    if (lab) {
      await cli(['down']);
      await lab.cleanup();
    }
    console.log(`lab timings (ms): ${JSON.stringify(timings)}`);
  });

  it('lab list shows every lab, each valid, and the skip cases name listed labs', async () => {
    expect(labs.length).toBeGreaterThanOrEqual(5);
    expect(labs.filter((l) => l.errors !== undefined)).toEqual([]);
    const r = await cli(['lab', 'list']);
    expect(r.exitCode).toBe(0);
    for (const l of labs) expect(r.stdout).toContain(l.id);
    expect(Object.keys(skipCases).filter((id) => !labs.some((l) => l.id === id))).toEqual([]);
  });

  for (const { id } of labs) {
    it(`${id}: lab run passes every step`, async () => {
      const start = await cli(['lab', 'start', id, ...ports, ...startFlags]);
      expect(start.exitCode, start.stdout + start.stderr).toBe(0);
      const started = Date.now();
      const r = await cli(['lab', 'run', id]);
      timings[id] = Date.now() - started;
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/✖/);
    });

    const c = skipCases[id];
    if (c === undefined) continue;
    it(`${id}: skipping "${c.check}" makes its check fail, saying what is missing`, async () => {
      expect((await cli(['lab', 'reset', id])).exitCode).toBe(0);
      expect((await cli(['lab', 'start', id, ...startFlags])).exitCode).toBe(0);
      const before = await cli(['lab', 'run', id, '--to', c.upTo]);
      expect(before.exitCode, before.stdout + before.stderr).toBe(0);
      const step = await cli(['lab', 'step']);
      expect(step.stdout).toMatch(new RegExp(`^Step \\d+/\\d+: `));
      const r = await cli(['lab', 'check', c.check, '--wait', '5']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(5);
      expect(r.stdout).toMatch(/✖/);
      expect(r.stdout).toMatch(c.says);
      expect((await cli(['lab', 'reset', id])).exitCode).toBe(0);
    });
  }
});
