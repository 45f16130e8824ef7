import { describe, expect, it } from 'vitest';
import { ReadAheadRunner } from '../../../src/process/read-ahead-runner.js';
import { ToolFailedError } from '../../../src/process/runner.js';
import { CountingRunner } from '../fakes/counting-runner.js';

/** Answers every command with a counter, so a test can tell a fresh run from a reused one. */
const countingRunner = () => new CountingRunner((n, failing) => ({ stdout: `answer ${n}`, stderr: failing ? 'error: boom' : '' }));

const KC = ['--kubeconfig', '/k', '--context', 'kind-mesh-lab'];
const getSvc = ['/bin/kubectl', [...KC, 'get', 'services', '-n', 'istio-system', '-o', 'json']] as const;
const apply = ['/bin/kubectl', [...KC, 'apply', '-f', '-']] as const;

describe('ReadAheadRunner', () => {
  it('a prefetched read answers the run that asks for it, without running again', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]] }]);
    expect(inner.calls).toHaveLength(1);
    expect((await r.run(...getSvc)).stdout).toBe('answer 1');
    expect(inner.calls).toHaveLength(1);
  });

  it('each prefetched result answers one run only: a second read (a poll) runs again', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]] }]);
    await r.run(...getSvc);
    expect((await r.run(...getSvc)).stdout).toBe('answer 2');
  });

  it('a write discards every read started before it', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]] }]);
    await r.run(...apply, { input: 'kind: Service\n' });
    expect((await r.run(...getSvc)).stdout).toBe('answer 3');
  });

  it('an unknown command counts as a write', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: '/bin/kind', args: ['get', 'clusters'] }]);
    await r.run('/bin/istioctl', ['install', '-y', '-f', 'x.yaml']);
    expect((await r.run('/bin/kind', ['get', 'clusters'])).stdout).toBe('answer 3');
  });

  it('never starts a write ahead', () => {
    const inner = countingRunner();
    new ReadAheadRunner(inner).prefetch([{ file: apply[0], args: [...apply[1]] }, { file: '/bin/kind', args: ['create', 'cluster'] }]);
    expect(inner.calls).toEqual([]);
  });

  it('a failed prefetched read fails the run as the tool itself would (unless reject: false)', async () => {
    const inner = countingRunner();
    inner.exitCode = 1;
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]] }, { file: getSvc[0], args: [...getSvc[1]] }]);
    await expect(r.run(...getSvc, { purpose: 'read the gateway' })).rejects.toBeInstanceOf(ToolFailedError);
    expect((await r.run(...getSvc, { reject: false })).exitCode).toBe(1);
    expect(inner.calls).toHaveLength(2);
  });

  it('asks a tool for its client version once per process', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    const a = await r.run('/bin/kubectl', ['version', '--client', '-o', 'json'], { reject: false });
    const b = await r.run('/bin/kubectl', ['version', '--client', '-o', 'json']);
    await r.run('/bin/istioctl', ['version', '--remote=false', '-o', 'json']);
    await r.run('/bin/istioctl', ['version', '--remote=false', '-o', 'json']);
    expect(b).toEqual(a);
    expect(inner.calls).toEqual(['/bin/kubectl version --client -o json', '/bin/istioctl version --remote=false -o json']);
    // a version call that asks the server is not a client probe
    await r.run('/bin/kubectl', [...KC, 'version', '-o', 'json']);
    await r.run('/bin/kubectl', [...KC, 'version', '-o', 'json']);
    expect(inner.calls).toHaveLength(4);
  });

  it('lists the reads it ran, in order and with repeats, for the next prefetch', async () => {
    const r = new ReadAheadRunner(countingRunner());
    await r.run('/bin/kind', ['get', 'clusters']);
    await r.run(...getSvc, { timeoutMs: 5000 });
    await r.run(...apply, { input: 'x' });
    await r.run(...getSvc, { timeoutMs: 5000 });
    await r.run('/bin/kubectl', [...KC, 'rollout', 'status', 'deployment/x']);
    expect(r.reads).toEqual([
      { file: '/bin/kind', args: ['get', 'clusters'] },
      { file: getSvc[0], args: [...getSvc[1]], timeoutMs: 5000 },
      { file: getSvc[0], args: [...getSvc[1]], timeoutMs: 5000 },
    ]);
  });

  it('counts a repeat with no write in between as another use of the first read', async () => {
    const r = new ReadAheadRunner(countingRunner());
    await r.run(...getSvc);
    await r.run('/bin/kind', ['get', 'clusters']);
    await r.run(...getSvc);
    await r.run(...apply, { input: 'x' });
    await r.run(...getSvc);
    expect(r.reads).toEqual([
      { file: getSvc[0], args: [...getSvc[1]], uses: 2 },
      { file: '/bin/kind', args: ['get', 'clusters'] },
      { file: getSvc[0], args: [...getSvc[1]] },
    ]);
  });

  it('one prefetched read with uses answers that many runs, then runs afresh', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]], uses: 2 }]);
    const a = await r.run(...getSvc);
    const b = await r.run(...getSvc);
    expect(b).toEqual(a);
    expect(inner.calls).toHaveLength(1);
    const c = await r.run(...getSvc);
    expect(c.stdout).not.toBe(a.stdout);
    expect(inner.calls).toHaveLength(2);
  });

  it('a write discards the remaining uses of a prefetched read', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]], uses: 3 }]);
    const a = await r.run(...getSvc);
    await r.run(...apply, { input: 'x' });
    const b = await r.run(...getSvc);
    expect(b.stdout).not.toBe(a.stdout);
  });

  it('caps the uses a saved read may claim', async () => {
    const inner = countingRunner();
    const r = new ReadAheadRunner(inner);
    r.prefetch([{ file: getSvc[0], args: [...getSvc[1]], uses: 1000 }]);
    const first = await r.run(...getSvc);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await r.run(...getSvc)).stdout);
    expect(answers.filter((s) => s === first.stdout)).toHaveLength(3);
  });
});
