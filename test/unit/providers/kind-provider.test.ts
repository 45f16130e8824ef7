import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { diskWriter } from '../../../src/session/file-writer.js';
import { KindProvider } from '../../../src/providers/kind/kind-provider.js';
import { FakeDocker, kindNode } from '../fakes/fake-docker.js';
import { FakeRunner, argvStarts } from '../fakes/fake-runner.js';

function setup(runner: FakeRunner, docker = new FakeDocker()) {
  const dir = mkdtempSync(join(tmpdir(), 'kind-provider-'));
  const provider = new KindProvider(runner, docker, {
    clusterName: 'mesh-lab',
    kubeconfig: join(dir, 'kubeconfig'),
    configFile: join(dir, 'kind-config.yaml'),
    configYaml: 'kind: Cluster\n',
    writeFile: diskWriter,
    requiredMappings: [
      { nodePort: 31380, hostPort: 31380, listenAddress: '127.0.0.1' },
      { nodePort: 31390, hostPort: 31390, listenAddress: '127.0.0.1' },
    ],
    waitSeconds: 120,
    env: {},
  });
  return { dir, provider };
}

describe('KindProvider', () => {
  it('creates with the exact kind flags, into the environment kubeconfig, when the cluster is absent', async () => {
    const runner = new FakeRunner()
      .on(argvStarts('kind', 'get', 'clusters'), { stderr: 'No kind clusters found.\n' })
      .on(argvStarts('kind', 'create', 'cluster'), { stderr: 'Creating cluster "mesh-lab" ...\n' });
    const { dir, provider } = setup(runner);
    const r = await provider.ensure();
    expect(r.created).toBe(true);
    expect(runner.calls.map((c) => [c.file, ...c.args])).toEqual([
      ['kind', 'get', 'clusters'],
      ['kind', 'create', 'cluster', '--name', 'mesh-lab', '--config', join(dir, 'kind-config.yaml'), '--kubeconfig', join(dir, 'kubeconfig'), '--wait', '120s'],
    ]);
    expect(readFileSync(join(dir, 'kind-config.yaml'), 'utf8')).toBe('kind: Cluster\n');
    expect(provider.access()).toEqual({ kubeconfig: join(dir, 'kubeconfig'), context: 'kind-mesh-lab' });
  });

  it('reuses a cluster whose node maps the ports, writing its kubeconfig into the lab file', async () => {
    const runner = new FakeRunner()
      .on(argvStarts('kind', 'get', 'clusters'), { stdout: 'kind\nmesh-lab\n' })
      .on(argvStarts('kind', 'get', 'kubeconfig'), { stdout: 'apiVersion: v1\nkind: Config\n' });
    const { dir, provider } = setup(runner, new FakeDocker([kindNode('mesh-lab', [[31380, 31380], [31390, 31390]])]));
    expect(await provider.ensure()).toEqual({ created: false, summary: 'reusing kind cluster mesh-lab' });
    expect(runner.calls.some((c) => c.args[0] === 'create')).toBe(false);
    expect(readFileSync(join(dir, 'kubeconfig'), 'utf8')).toBe('apiVersion: v1\nkind: Config\n');
  });

  it('refuses a cluster without the mapping, naming what it has and what it needs', async () => {
    const runner = new FakeRunner().on(argvStarts('kind', 'get', 'clusters'), { stdout: 'mesh-lab\n' });
    const { provider } = setup(runner, new FakeDocker([kindNode('mesh-lab', [[30080, 8080]])]));
    const err = (await provider.ensure().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
    expect(err.message).toBe('kind cluster mesh-lab exists but does not map 127.0.0.1:31380->31380, 127.0.0.1:31390->31390 (it maps 127.0.0.1:8080->30080)');
    expect(err.hint).toMatch(/another --cluster-name/);
  });

  it('explains a busy host port from kind/docker output', async () => {
    const runner = new FakeRunner()
      .on(argvStarts('kind', 'get', 'clusters'), {})
      .on(argvStarts('kind', 'create'), {
        exitCode: 1,
        stderr:
          'ERROR: failed to create cluster: command "docker run --name mesh-lab-control-plane ..." failed with error: exit status 125\nCommand Output: docker: Error response from daemon: driver failed programming external connectivity on endpoint mesh-lab-control-plane: Bind for 127.0.0.1:31380 failed: port is already allocated.\n',
      });
    const { provider } = setup(runner);
    const err = (await provider.ensure().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
    expect(err.message).toBe('could not create kind cluster mesh-lab: host port 31380 on 127.0.0.1 is already in use');
  });

  it('reports a generic kind failure as a tool failure with the command under --verbose', async () => {
    const runner = new FakeRunner().on(argvStarts('kind', 'get', 'clusters'), {}).on(argvStarts('kind', 'create'), { exitCode: 1, stderr: 'ERROR: failed to create cluster: failed to pull image "kindest/node:v1.36.1"\n' });
    const { provider } = setup(runner);
    const err = (await provider.ensure().catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.ToolFailed);
    expect(err.message).toBe('could not create kind cluster mesh-lab: ERROR: failed to create cluster: failed to pull image "kindest/node:v1.36.1"');
    expect(err.detail).toMatch(/^\$ kind create cluster --name mesh-lab/);
  });

  it('reaches a NodePort through the mapped port on loopback, and reports the node IP', async () => {
    const { provider } = setup(new FakeRunner(), new FakeDocker([kindNode('mesh-lab', [[31380, 8080]], { hostIp: '0.0.0.0', ip: '172.18.0.3' })]));
    expect(await provider.nodePortEndpoint(31380)).toMatchObject({ host: '127.0.0.1', port: 8080, nodeIP: '172.18.0.3', source: 'kind-port-mapping' });
    expect(await provider.nodePortEndpoint(31390)).toBeUndefined();
  });

  it('deletes with --name and the environment kubeconfig', async () => {
    const runner = new FakeRunner().on(argvStarts('kind', 'delete', 'cluster'), { stderr: 'Deleting cluster "mesh-lab" ...\nDeleted nodes: ["mesh-lab-control-plane"]\n' });
    const { dir, provider } = setup(runner);
    await provider.delete();
    expect(runner.calls[0]!.args).toEqual(['delete', 'cluster', '--name', 'mesh-lab', '--kubeconfig', join(dir, 'kubeconfig')]);
    expect(existsSync(join(dir, 'kubeconfig'))).toBe(false);
  });
});
