import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import type { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { acquireEnvironmentLock, describeHolder, holderGone, LOCK_FILE, parseWaitLock, processStartTicks } from '../../../src/session/environment-lock.js';

const labDir = () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'env-lock-')), 'labs', 'mesh-lab');
  mkdirSync(dir, { recursive: true });
  return dir;
};

function writeHolder(dir: string, pid: number, meta: Record<string, string | number>): void {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, host: hostname(), token: 'someone', createdAt: new Date(2026, 0, 1, 12, 1, 5).getTime(), meta }));
}

describe('environment lock', () => {
  it('breaks the lock of a dead holder at once', async () => {
    const dir = labDir();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid is free
    writeHolder(dir, dead, { command: 'up' });
    const waits: string[] = [];
    const lock = await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'down', waitSeconds: 0, onWait: (l) => waits.push(l) });
    expect(waits).toEqual([]);
    await lock.release();
  });

  it('breaks the lock of a reused pid: alive, but started at another time than the holder', async () => {
    const dir = labDir();
    writeHolder(dir, process.pid, { command: 'up', procStart: '1' });
    const lock = await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'up', waitSeconds: 0 });
    await lock.release();
    expect(holderGone({ pid: process.pid, host: hostname(), token: 't', createdAt: 0, meta: { procStart: processStartTicks(process.pid)! } })).toBe(false);
    // no /proc (or no recorded start): liveness alone decides
    expect(holderGone({ pid: process.pid, host: hostname(), token: 't', createdAt: 0, meta: { procStart: '1' } }, () => undefined)).toBe(false);
  });

  it('waits for a live holder, saying who it is, then takes the lock', async () => {
    const dir = labDir();
    const first = await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'up', waitSeconds: 0 });
    const waits: string[] = [];
    let released = false;
    setTimeout(() => void first.release().then(() => (released = true)), 300);
    const second = await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'lab start traffic-shifting', waitSeconds: 30, pollMs: 20, onWait: (l) => waits.push(l) });
    expect(released).toBe(true);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatch(new RegExp(`^waiting for mesh-lab up \\(pid ${process.pid}, started \\d\\d:\\d\\d:\\d\\d\\) to finish with environment mesh-lab…$`));
    await second.release();
    expect(existsSync(dir)).toBe(false); // an empty lab folder goes with the lock
  });

  it('gives up after the wait with exit 7 and the holder', async () => {
    const dir = labDir();
    const first = await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'up', waitSeconds: 0 });
    const err = (await acquireEnvironmentLock({ environment: 'mesh-lab', dir, command: 'down', waitSeconds: 0.3, pollMs: 20 }).catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Conflict);
    expect(err.message).toMatch(new RegExp(`^gave up after 0\\.3s waiting for mesh-lab up \\(pid ${process.pid}, started \\d\\d:\\d\\d:\\d\\d\\) to finish with environment mesh-lab$`));
    await first.release();
  });

  it('describes holders and parses --wait-lock', () => {
    expect(describeHolder({ pid: 1234, host: 'h', token: 't', createdAt: new Date(2026, 0, 1, 12, 1, 5).getTime(), meta: { command: 'up' } })).toBe('mesh-lab up (pid 1234, started 12:01:05)');
    expect(describeHolder(undefined)).toBe('another mesh-lab command');
    expect(parseWaitLock(undefined)).toBe(60);
    expect(parseWaitLock('0')).toBe(0);
    expect(() => parseWaitLock('soon')).toThrow(/--wait-lock must be a number of seconds/);
    expect(() => parseWaitLock('-1')).toThrow(/--wait-lock/);
  });
});
