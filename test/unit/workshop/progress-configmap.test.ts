// The progress ConfigMap contract (issue 11): one kubectl call per recording (a merge patch of
// one data key), an apply only when it does not exist, a warning (never a failure) otherwise,
// and one labelled read of every attendee's.
import { describe, expect, it } from 'vitest';
import { Kubectl } from '../../../src/kube/kubectl.js';
import { newProgress, recordStep } from '../../../src/labs/progress.js';
import { parseProgressConfigMaps, readAllProgress, recordedLab, tryWriteRecordedLab, writeRecordedLab } from '../../../src/workshop/progress-configmap.js';
import { FakeRunner, kubectlSub } from '../fakes/fake-runner.js';

const access = { kubeconfig: '/k', context: 'c' };
const lab = { id: 'traffic', steps: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] };
const at = new Date('2026-01-01T00:00:00Z');

function progress() {
  let p = newProgress(lab, 'd', at);
  p = recordStep(p, 'a', { status: 'passed', finishedAt: '2026-01-01T00:01:00.000Z' }, at);
  p = recordStep(p, 'b', { status: 'failed', finishedAt: '2026-01-01T00:02:00.000Z', message: 'HTTP 200: got 404\n  from v1' }, at);
  return p;
}

describe('recordedLab', () => {
  it('keeps passed and failed steps (failed with a one-line reason); other steps are not tried', () => {
    expect(recordedLab(progress(), at)).toEqual({
      schema: 1,
      labId: 'traffic',
      updatedAt: '2026-01-01T00:00:00.000Z',
      steps: { a: { status: 'passed', at: '2026-01-01T00:01:00.000Z' }, b: { status: 'failed', message: 'HTTP 200: got 404 from v1', at: '2026-01-01T00:02:00.000Z' } },
    });
  });
});

describe('writeRecordedLab', () => {
  it('patches one data key with the labels in one call', async () => {
    const runner = new FakeRunner().on(kubectlSub('patch', 'configmap', 'mesh-lab-progress'), { stdout: 'configmap/mesh-lab-progress patched\n' });
    await writeRecordedLab(new Kubectl(runner, access), { workshop: 'ws', namespace: 'attendee-02' }, recordedLab(progress(), at));
    expect(runner.calls).toHaveLength(1);
    const args = runner.calls[0]!.args;
    expect(args.slice(0, 4)).toEqual(['--kubeconfig', '/k', '--context', 'c']);
    expect(args.slice(4, 11)).toEqual(['patch', 'configmap', 'mesh-lab-progress', '-n', 'attendee-02', '--type', 'merge']);
    const patch = JSON.parse(args[12]!);
    expect(patch.metadata.labels).toEqual({ 'app.kubernetes.io/managed-by': 'mesh-lab', 'mesh-lab.io/workshop': 'ws' });
    expect(Object.keys(patch.data)).toEqual(['traffic']);
    expect(JSON.parse(patch.data.traffic).steps.a.status).toBe('passed');
  });

  it('applies the whole ConfigMap when the patch finds none', async () => {
    const runner = new FakeRunner()
      .on(kubectlSub('patch'), { exitCode: 1, stderr: 'Error from server (NotFound): configmaps "mesh-lab-progress" not found\n' })
      .on(kubectlSub('apply', '-n', 'attendee-02', '-f', '-'), { stdout: 'configmap/mesh-lab-progress created\n' });
    await writeRecordedLab(new Kubectl(runner, access), { workshop: 'ws', namespace: 'attendee-02' }, recordedLab(progress(), at));
    expect(runner.calls[1]!.input).toContain('mesh-lab.io/workshop: ws');
    expect(runner.calls[1]!.input).toContain('namespace: attendee-02');
  });

  it('turns a refused write into a warning, not a failure', async () => {
    const runner = new FakeRunner().on(kubectlSub('patch'), { exitCode: 1, stderr: 'Error from server (Forbidden): configmaps "mesh-lab-progress" is forbidden: User "system:serviceaccount:attendee-02:attendee" cannot patch resource "configmaps"\n' });
    const w = await tryWriteRecordedLab(new Kubectl(runner, access), { workshop: 'ws', namespace: 'attendee-02' }, recordedLab(progress(), at));
    expect(w).toMatch(/^warning: the check ran, but its result was not recorded for the instructor \(could not record progress in attendee-02\/mesh-lab-progress: .*Forbidden/);
  });
});

describe('reading every attendee', () => {
  it('reads all namespaces with the workshop label selector in one call and skips what does not parse', async () => {
    const good = JSON.stringify(recordedLab(progress(), at));
    const list = { apiVersion: 'v1', kind: 'List', items: [
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mesh-lab-progress', namespace: 'attendee-01' }, data: { traffic: good, other: 'not json' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'something-else', namespace: 'attendee-03' }, data: { traffic: good } },
    ] };
    const runner = new FakeRunner().on(kubectlSub('get', 'configmaps', '-A', '-l', 'app.kubernetes.io/managed-by=mesh-lab,mesh-lab.io/workshop=ws', '-o', 'json'), { stdout: JSON.stringify(list) });
    const all = await readAllProgress(new Kubectl(runner, access), 'ws');
    expect(runner.calls).toHaveLength(1);
    expect([...all.keys()]).toEqual(['attendee-01']);
    expect(Object.keys(all.get('attendee-01')!)).toEqual(['traffic']);
    expect(parseProgressConfigMaps([])).toEqual(new Map());
  });
});
