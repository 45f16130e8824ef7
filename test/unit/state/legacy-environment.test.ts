// An environment made by mesh-lab 0.1.0 lives under state/labs/<name> with a schema-1
// state file that calls the environment `lab`. The next session must still find it, or
// `down` would leave behind the cluster that 0.1.0 created.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from '../../../src/session/session.js';
import { consolePrinter } from '../../../src/ui/output.js';
import { FakeDocker } from '../fakes/fake-docker.js';
import { FakeRunner } from '../fakes/fake-runner.js';

describe('an environment saved by mesh-lab 0.1.0', () => {
  it('is moved to state/environments/<name> and read with its name as `environment`', () => {
    const home = mkdtempSync(join(tmpdir(), 'mesh-lab-legacy-'));
    const legacy = join(home, 'state', 'labs', 'old');
    mkdirSync(legacy, { recursive: true });
    const cluster = { name: 'old', context: 'kind-old', kubeconfig: join(legacy, 'kubeconfig'), createdByMeshLab: true };
    writeFileSync(join(legacy, 'state.json'), JSON.stringify({ schema: 1, lab: 'old', provider: 'kind', cluster, updatedAt: '2026-01-01T00:00:00.000Z' }));

    const session = createSession('old', consolePrinter({ verbose: false, json: false }), {}, { runner: new FakeRunner(), docker: new FakeDocker(), env: { MESH_LAB_HOME: home } });

    expect(session.paths.dir).toBe(join(home, 'state', 'environments', 'old'));
    expect(existsSync(legacy)).toBe(false);
    const state = session.store.read();
    expect(state?.environment).toBe('old');
    expect(state?.schema).toBe(2);
    expect(state?.cluster.createdByMeshLab).toBe(true);
  });

  it('is left alone when an environment of that name exists in the new place', () => {
    const home = mkdtempSync(join(tmpdir(), 'mesh-lab-legacy-'));
    mkdirSync(join(home, 'state', 'labs', 'both'), { recursive: true });
    mkdirSync(join(home, 'state', 'environments', 'both'), { recursive: true });
    createSession('both', consolePrinter({ verbose: false, json: false }), {}, { runner: new FakeRunner(), docker: new FakeDocker(), env: { MESH_LAB_HOME: home } });
    expect(existsSync(join(home, 'state', 'labs', 'both'))).toBe(true);
  });
});
