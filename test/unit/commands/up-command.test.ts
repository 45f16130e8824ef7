// `mesh-lab up` owns its flags: argv becomes a typed UpInput handed to an injected run,
// and the run's result is printed as one JSON document or as the human lines.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULTS } from '../../../src/config/defaults.js';
import { newUpCommand, type UpCommandOptions } from '../../../src/commands/up/up.command.js';
import type { UpResult } from '../../../src/commands/up/up.js';
import { DEFAULT_WAIT_LOCK_SECONDS } from '../../../src/session/environment-lock.js';
import { fakeFactory } from './fake-factory.js';

const result: UpResult = {
  ok: true,
  environment: 'lab-a',
  dryRun: false,
  provider: 'kind',
  context: 'kind-lab-a',
  kubeconfig: '/tmp/kubeconfig',
  versions: {} as UpResult['versions'],
  changed: { app: true, routing: true },
  notes: ['namespace mesh-lab existed'],
  ingress: { host: '127.0.0.1', port: 31380, securePort: 31390, source: 'nodeport', reason: 'kind maps the nodePort' } as UpResult['ingress'],
};

function fakeRun(r: UpResult = result) {
  return vi.fn(async (_o: UpCommandOptions) => r);
}

describe('up command', () => {
  it('maps every flag to its typed option and hands them to the run function', async () => {
    const { factory } = fakeFactory({ environment: 'lab-a' });
    const run = fakeRun();
    await newUpCommand(factory, run).parseAsync(
      ['--provider', 'minikube', '--cpus', '4', '--memory', '4096', '--kubernetes-version', 'v1.34.0', '--profile', 'demo', '--node-port', '31000', '--https-node-port', '31001',
        '--host-port', '8080', '--https-host-port', '8443', '--timeout', '30', '--rollout-timeout', '90', '--dry-run', '--no-download', '--wait-lock', '5', '--use-existing-namespace'],
      { from: 'user' },
    );
    expect(run).toHaveBeenCalledTimes(1);
    const o = run.mock.calls[0]![0];
    expect(o.dryRun).toBe(true);
    expect(o.waitLockSeconds).toBe(5);
    expect(o.phases).toEqual({ noDownload: true });
    expect(o.input).toMatchObject({
      provider: 'minikube',
      clusterName: 'lab-a',
      cpus: '4',
      memoryMb: '4096',
      kubernetesVersion: 'v1.34.0',
      profile: 'demo',
      httpNodePort: '31000',
      httpsNodePort: '31001',
      httpHostPort: '8080',
      httpsHostPort: '8443',
      verifyTimeoutSeconds: '30',
      rolloutTimeoutSeconds: '90',
      useExistingNamespace: true,
      installIstio: false,
    });
  });

  it('fills the defaults: kind, the environment as cluster name, downloads allowed, the default lock wait', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await newUpCommand(factory, run).parseAsync([], { from: 'user' });
    const o = run.mock.calls[0]![0];
    expect(o).toMatchObject({ dryRun: false, waitLockSeconds: DEFAULT_WAIT_LOCK_SECONDS, phases: { noDownload: false } });
    expect(o.input).toMatchObject({
      provider: 'kind',
      clusterName: 'mesh-lab',
      profile: 'default',
      istioVersion: DEFAULTS.istioVersion,
      namespace: DEFAULTS.namespace,
      image: DEFAULTS.image,
      driver: DEFAULTS.minikubeDriver,
      httpNodePort: String(DEFAULTS.httpNodePort),
    });
    expect(o.input.httpHostPort).toBeUndefined();
  });

  it('--cluster-name wins over the environment name', async () => {
    const { factory } = fakeFactory({ environment: 'lab-a' });
    const run = fakeRun();
    await newUpCommand(factory, run).parseAsync(['--cluster-name', 'other'], { from: 'user' });
    expect(run.mock.calls[0]![0].input.clusterName).toBe('other');
  });

  it('rejects a bad --wait-lock as a usage error before running anything', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await expect(newUpCommand(factory, run).parseAsync(['--wait-lock', 'soon'], { from: 'user' })).rejects.toMatchObject({ exitCode: 2 });
    expect(run).not.toHaveBeenCalled();
  });

  it('--json: exactly one JSON document on stdout, the run result', async () => {
    const f = fakeFactory({ json: true });
    await newUpCommand(f.factory, fakeRun()).parseAsync([], { from: 'user' });
    expect(JSON.parse(f.stdout())).toEqual(result);
  });

  it('human output: the notes, the route and what to type next', async () => {
    const f = fakeFactory({ environment: 'lab-a' });
    await newUpCommand(f.factory, fakeRun()).parseAsync([], { from: 'user' });
    expect(f.stdout()).toBe(
      'note: namespace mesh-lab existed\n\nEnvironment lab-a is ready: curl http://127.0.0.1:31380/helloworld\n' +
        'Next: eval "$(mesh-lab env --environment lab-a)"; curl "$GATEWAY_URL/helloworld"\n',
    );
  });
});
