import { describe, expect, it } from 'vitest';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { dockerMemoryMb, minikubeSizeFor, sizeMinikube } from '../../../src/providers/minikube/minikube-sizing.js';

const GiB = 2 ** 30;
/** Docker Desktop set to 8 GB reports about 7.7 GiB */
const desktop77 = { cpus: 2, memoryBytes: Math.round(7.7 * GiB) };

describe('minikube sizing (docker driver)', () => {
  it('counts Docker memory as minikube does: whole MiB, rounded down', () => {
    expect(dockerMemoryMb(Math.round(7.7 * GiB))).toBe(7884);
    expect(dockerMemoryMb(16 * GiB)).toBe(16384);
  });

  it('Docker with 2 CPUs / 7.7 GiB: the defaults shrink to 2 CPUs and all of Docker’s memory, with one warning', () => {
    const s = minikubeSizeFor(desktop77, {});
    expect(s).toMatchObject({ cpus: 2, memoryMb: 7884 });
    expect(s.warning).toBeDefined();
    expect(s.warning!.split('\n')).toHaveLength(1);
    expect(s.warning).toMatch(/^Docker has 2 CPUs and 7884 MiB, so minikube gets 2 CPUs and 7884 MB, below mesh-lab's floor of 4 CPUs and 8192 MB \(istio\.io's minikube guide asks for --cpus=4 --memory=16384\)/);
  });

  it('Docker with 4 CPUs / 16 GiB: 4 CPUs and 8192 MB, no warning', () => {
    expect(minikubeSizeFor({ cpus: 4, memoryBytes: 16 * GiB }, {})).toEqual({ cpus: 4, memoryMb: 8192 });
    expect(minikubeSizeFor({ cpus: 12, memoryBytes: 64 * GiB }, {})).toEqual({ cpus: 4, memoryMb: 8192 });
  });

  it('an explicit --memory above Docker’s total exits 3 with the reason (no slack)', () => {
    let err: unknown;
    try {
      minikubeSizeFor(desktop77, { memoryMb: 8192 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MeshLabError);
    expect(err).toMatchObject({
      exitCode: 3,
      message: `--memory 8192 is more than the 7884 MiB Docker has; minikube would refuse it ("Docker has only 7884MB memory but you specified 8192MB")`,
      hint: expect.stringMatching(/^pass --memory 7884 or less/),
    });
    // exactly what Docker has is what minikube accepts
    expect(minikubeSizeFor(desktop77, { memoryMb: 7884 })).toMatchObject({ memoryMb: 7884 });
  });

  it('an explicit --cpus Docker cannot give exits 3; explicit values below the floor only warn', () => {
    expect(() => minikubeSizeFor(desktop77, { cpus: 4 })).toThrow(/--cpus 4 is more than the 2 CPUs Docker has/);
    expect(() => minikubeSizeFor(desktop77, { cpus: 1 })).toThrow(/below minikube's minimum of 2/);
    expect(() => minikubeSizeFor(desktop77, { memoryMb: 1024 })).toThrow(/below minikube's usable minimum of 1800 MB/);
    const asked = minikubeSizeFor({ cpus: 8, memoryBytes: 32 * GiB }, { cpus: 2, memoryMb: 4096 });
    expect(asked).toMatchObject({ cpus: 2, memoryMb: 4096, warning: expect.stringMatching(/^minikube gets 2 CPUs and 4096 MB as asked/) });
  });

  it('a Docker below minikube’s own minimums cannot run it at all', () => {
    expect(sizeMinikube({ cpus: 1, memoryBytes: 16 * GiB })).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 2 CPUs/) });
    expect(sizeMinikube({ cpus: 4, memoryBytes: 1.5 * GiB })).toMatchObject({ ok: false, reason: expect.stringMatching(/at least 1800 MB/) });
  });
});
