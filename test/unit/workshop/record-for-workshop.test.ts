// The hook of lab check/run: progress goes to the cluster only for a joined environment
// (EnvironmentState.workshop), and a refused write is a warning on stderr.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordForWorkshop } from '../../../src/commands/lab/workshop-progress.js';
import { Kubectl } from '../../../src/kube/kubectl.js';
import { newProgress, recordStep } from '../../../src/labs/progress.js';
import { createSession } from '../../../src/session/session.js';
import type { Printer } from '../../../src/ui/output.js';
import { FakeDocker } from '../fakes/fake-docker.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

function setup(runner: FakeRunner, joined: boolean) {
  const errs: string[] = [];
  const printer: Printer = { flags: { verbose: false, json: false }, out: () => undefined, err: (t) => void errs.push(t), verbose: () => undefined };
  const session = createSession('a02', printer, {}, { runner, docker: new FakeDocker(), env: { MESH_LAB_HOME: mkdtempSync(join(tmpdir(), 'record-')) } });
  session.store.write({
    schema: 2,
    environment: 'a02',
    provider: 'existing',
    cluster: { name: 'room', context: 'room-attendee-02', kubeconfig: '/join/kubeconfig', createdByMeshLab: false },
    ...(joined ? { workshop: { name: 'room', attendee: '02', namespace: 'attendee-02', host: 'attendee-02.w.test' } } : {}),
  });
  const progress = recordStep(newProgress({ id: 'lab1', steps: [{ id: 's1' }] }, 'd'), 's1', { status: 'passed', finishedAt: '2026-01-01T00:00:00Z' });
  return { session, errs, progress, kubectl: new Kubectl(runner, { kubeconfig: '/join/kubeconfig', context: 'room-attendee-02' }) };
}

describe('recordForWorkshop', () => {
  it('writes nothing to the cluster for an environment that joined no workshop', async () => {
    const runner = new FakeRunner();
    const { session, kubectl, progress } = setup(runner, false);
    await recordForWorkshop(session, kubectl, progress);
    expect(runner.calls).toEqual([]);
  });

  it("patches the attendee's ConfigMap with the joined environment's credentials", async () => {
    const runner = new FakeRunner().on(kubectlSub('patch', 'configmap', 'mesh-lab-progress', '-n', 'attendee-02'), { stdout: 'configmap/mesh-lab-progress patched\n' });
    const { session, kubectl, progress, errs } = setup(runner, true);
    await recordForWorkshop(session, kubectl, progress);
    expect(runner.calls).toHaveLength(1);
    expect(runner.calls[0]!.args.slice(0, 4)).toEqual(['--kubeconfig', '/join/kubeconfig', '--context', 'room-attendee-02']);
    expect(errs).toEqual([]);
  });

  it('says so in one warning line when the write is refused, and does not throw', async () => {
    const runner = new FakeRunner().on(kubectlSub('patch'), { exitCode: 1, stderr: 'error: You must be logged in to the server (Unauthorized)\n' });
    const { session, kubectl, progress, errs } = setup(runner, true);
    await recordForWorkshop(session, kubectl, progress);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^warning: the check ran, but its result was not recorded for the instructor \(.*Unauthorized\)\)$/);
  });
});
