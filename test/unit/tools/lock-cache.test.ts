import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireLock, withLock } from '../../../src/tools/lock.js';
import { toolsCacheDir } from '../../../src/tools/cache.js';
import { tempDir } from './helpers/fs.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(async () => cleanup());

describe('lock', () => {
  it('serialises holders within a process', async () => {
    const lock = join(dir, '.lock');
    let inside = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(lock, async () => {
          inside++;
          max = Math.max(max, inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }, { pollMs: 5 }),
      ),
    );
    expect(max).toBe(1);
  });

  it('breaks a lock left by a dead process on this host', async () => {
    const lock = join(dir, '.lock');
    await writeFile(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), token: 'dead', createdAt: 0 }));
    const held = await acquireLock(lock, { timeoutMs: 2000 });
    expect(JSON.parse(await readFile(lock, 'utf8')).pid).toBe(process.pid);
    await held.release();
  });

  it('breaks a lock older than staleMs even if its owner looks alive', async () => {
    const lock = join(dir, '.lock');
    await writeFile(lock, JSON.stringify({ pid: process.ppid, host: 'elsewhere', token: 'old', createdAt: 0 }));
    const old = new Date(Date.now() - 3_600_000);
    await utimes(lock, old, old);
    const held = await acquireLock(lock, { timeoutMs: 2000, staleMs: 60_000 });
    await held.release();
  });

  it('times out with a clear message when a live holder keeps the lock', async () => {
    const lock = join(dir, '.lock');
    const held = await acquireLock(lock);
    const waits: Array<number | undefined> = [];
    await expect(acquireLock(lock, { timeoutMs: 200, pollMs: 20, onWait: (o) => waits.push(o?.pid) })).rejects.toThrow(
      new RegExp(`another mesh-lab process \\(pid ${process.pid}\\) has held .*\\.lock`),
    );
    expect(waits).toEqual([process.pid]);
    await held.release();
  });
});

describe('toolsCacheDir', () => {
  it('prefers MESH_LAB_HOME, then absolute XDG_CACHE_HOME, then the OS default', () => {
    expect(toolsCacheDir({ MESH_LAB_HOME: '/m', XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe('/m/cache/tools');
    expect(toolsCacheDir({ XDG_CACHE_HOME: '/x' }, 'linux', '/home/u')).toBe('/x/mesh-lab/tools');
    expect(toolsCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', '/home/u')).toBe('/home/u/.cache/mesh-lab/tools');
    expect(toolsCacheDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Caches/mesh-lab/tools');
  });
});
