// `up` with a bad value fails at once (exit 2) instead of first waiting up to --wait-lock
// seconds for another command that holds the environment.
import { describe, expect, it } from 'vitest';
import { defaultUpRun } from '../../../src/commands/up/up.command.js';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { fakeFactory } from './fake-factory.js';

describe('up validates its options before it takes the lock', () => {
  it('a bad --namespace is a usage error, and no lock is asked for', async () => {
    const { factory } = fakeFactory();
    let locked = false;
    const f = { ...factory, session: () => ({}) as never, withLock: async () => ((locked = true), undefined as never) };
    const err = await defaultUpRun(f)({ input: { namespace: 'istio-system' }, dryRun: false, waitLockSeconds: 60, phases: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MeshLabError);
    expect((err as MeshLabError).exitCode).toBe(ExitCode.Usage);
    expect(locked).toBe(false);
  });

  it('good options go on to the lock', async () => {
    const { factory } = fakeFactory();
    let locked = false;
    const f = { ...factory, session: () => ({}) as never, withLock: async () => ((locked = true), undefined as never) };
    await defaultUpRun(f)({ input: {}, dryRun: false, waitLockSeconds: 60, phases: {} });
    expect(locked).toBe(true);
  });
});
