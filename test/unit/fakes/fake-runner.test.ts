// The fake itself: a call nobody scripted and a script nobody used must both fail the test.
import { describe, expect, it } from 'vitest';
import { ToolFailedError } from '../../../src/process/runner.js';
import { FakeRunner, UnexpectedCallError, argvStarts, kubectlSub } from './fake-runner.js';

describe('FakeRunner is strict', () => {
  it('throws on an unscripted call, naming the full argv, and verify() fails afterwards too', async () => {
    const runner = new FakeRunner([], { autoVerify: false }).on(argvStarts('kind', 'get', 'clusters'), { stdout: 'mesh-lab\n' });
    await runner.run('kind', ['get', 'clusters']);
    const err = (await runner.run('kind', ['delete', 'cluster', '--name', 'mesh-lab']).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(UnexpectedCallError);
    expect(err.message).toBe('FakeRunner: no script for ["kind","delete","cluster","--name","mesh-lab"]');
    // code that swallows the error (a best-effort cleanup) must not hide the call
    expect(() => runner.verify()).toThrow(/unscripted calls \(1\):\n {2}run: \["kind","delete","cluster","--name","mesh-lab"\]/);
  });

  it('fails verify() for a script no call used, naming it and where it was registered', async () => {
    const runner = new FakeRunner([], { autoVerify: false })
      .on(argvStarts('minikube', 'status'), { stdout: '{}' })
      .on(kubectlSub('get', 'pods'), { stdout: '{}' });
    await runner.run('minikube', ['status', '-p', 'mesh-lab', '-o', 'json']);
    expect(() => runner.verify()).toThrow(/unused stubs \(1\), registered at:\n {2}kubectl --kubeconfig … --context … get pods … at .*fake-runner\.test\.ts/);
  });

  it('an unscripted background spawn throws as well', async () => {
    const runner = new FakeRunner([], { autoVerify: false });
    await expect(runner.spawnBackground('node', ['supervisor.js'], { logFile: '/dev/null' })).rejects.toThrow('FakeRunner: no background script for ["node","supervisor.js"]');
    expect(() => runner.verify()).toThrow(/unscripted calls \(1\):\n {2}background: \["node","supervisor.js"\]/);
  });

  it('passes verify() when every call was scripted and every script used; failures still reject as tools do', async () => {
    const runner = new FakeRunner([], { autoVerify: false })
      .on(argvStarts('kind', 'get', 'clusters'), { stderr: 'No kind clusters found.\n' })
      .on(argvStarts('kind', 'create'), { exitCode: 1, stderr: 'ERROR: failed to create cluster\n' })
      .onBackground(argvStarts('node'));
    await runner.run('kind', ['get', 'clusters']);
    await expect(runner.run('kind', ['create', 'cluster'])).rejects.toBeInstanceOf(ToolFailedError);
    await runner.spawnBackground('node', ['supervisor.js'], { logFile: '/dev/null' });
    expect(() => runner.verify()).not.toThrow();
  });

  // it.fails passes only if the test fails: here the failure comes from the onTestFinished
  // hook the fake registered, since the test body itself does not throw.
  it.fails('fails the test at its end for an unused script, without an explicit verify()', () => {
    new FakeRunner().on(argvStarts('kind', 'get', 'clusters'), { stdout: 'mesh-lab\n' });
  });

  it.fails('fails the test at its end for an unscripted call the code swallowed', async () => {
    const runner = new FakeRunner();
    await runner.run('istioctl', ['uninstall', '--purge', '-y']).catch(() => undefined);
  });
});
