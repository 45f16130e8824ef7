import { describe, expect, it } from 'vitest';
import { MinikubeProvider } from '../../../src/providers/minikube/minikube-provider.js';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import type { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { FakeRunner, argvStarts } from '../fakes/fake-runner.js';

const opts = { profile: 'mesh-lab', kubeconfig: '/lab/kubeconfig', driver: 'docker', cpus: 4, memoryMb: 8192 };
const running = JSON.stringify({ Name: 'mesh-lab', Host: 'Running', Kubelet: 'Running', APIServer: 'Running', Kubeconfig: 'Configured', Worker: false });
const stopped = JSON.stringify({ Name: 'mesh-lab', Host: 'Stopped', Kubelet: 'Stopped', APIServer: 'Stopped', Kubeconfig: 'Stopped', Worker: false });

describe('MinikubeProvider', () => {
  it('starts a missing profile (status exit 85) with Istio-sized resources', async () => {
    const runner = new FakeRunner()
      .on(argvStarts('minikube', 'status'), { exitCode: 85, stdout: '* Profile "mesh-lab" not found. Run "minikube profile list" to view all profiles.\n' })
      .on(argvStarts('minikube', 'start'), {});
    const r = await new MinikubeProvider(runner, opts).ensure();
    expect(r).toEqual({ created: true, summary: 'created minikube profile mesh-lab' });
    expect(runner.calls.map((c) => c.args)).toEqual([
      ['status', '-p', 'mesh-lab', '-o', 'json'],
      ['start', '-p', 'mesh-lab', '--driver=docker', '--cpus=4', '--memory=8192'],
    ]);
  });

  it('reuses a running profile and refreshes its context in the environment kubeconfig only', async () => {
    const runner = new FakeRunner().on(argvStarts('minikube', 'status'), { stdout: running }).on(argvStarts('minikube', 'update-context'), {});
    const r = await new MinikubeProvider(runner, opts).ensure();
    expect(r.created).toBe(false);
    expect(runner.calls[1]!.args).toEqual(['update-context', '-p', 'mesh-lab']);
  });

  it('starts a stopped profile (status exit 7) without resizing it', async () => {
    const runner = new FakeRunner().on(argvStarts('minikube', 'status'), { exitCode: 7, stdout: stopped }).on(argvStarts('minikube', 'start'), {});
    const r = await new MinikubeProvider(runner, opts).ensure();
    expect(r.summary).toBe('started stopped minikube profile mesh-lab');
    expect(runner.calls[1]!.args).toEqual(['start', '-p', 'mesh-lab']);
  });

  it('reaches NodePorts at `minikube ip`, as the tutorial does', async () => {
    const runner = new FakeRunner().on(argvStarts('minikube', 'ip'), { stdout: '192.168.49.2\n' });
    expect(await new MinikubeProvider(runner, opts).nodePortEndpoint(31380)).toMatchObject({ host: '192.168.49.2', port: 31380, source: 'minikube-ip' });
    expect(runner.calls[0]!.args).toEqual(['ip', '-p', 'mesh-lab']);
  });

  it('context is the profile name; deletes only its own profile', async () => {
    const runner = new FakeRunner().on(argvStarts('minikube', 'delete'), {});
    const p = new MinikubeProvider(runner, opts);
    expect(p.access()).toEqual({ kubeconfig: '/lab/kubeconfig', context: 'mesh-lab' });
    await p.delete();
    expect(runner.calls[0]!.args).toEqual(['delete', '-p', 'mesh-lab']);
  });

  it('an unexpected state is a tool failure with minikube output under --verbose', async () => {
    const runner = new FakeRunner().on(argvStarts('minikube', 'status'), { exitCode: 3, stdout: JSON.stringify({ Name: 'mesh-lab', Host: 'Running', Kubelet: 'Stopped', APIServer: 'Stopped', Kubeconfig: 'Configured' }) });
    const err = (await new MinikubeProvider(runner, opts).ensure().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.ToolFailed);
    expect(err.message).toMatch(/unexpected state \(minikube status exit 3\)/);
  });
});
