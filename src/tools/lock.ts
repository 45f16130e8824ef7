/**
 * A cross-process lock file. The lock is created complete and atomically (write a
 * private temp file, then link(2) it to the lock name, which fails if the lock exists),
 * so a reader never sees a half-written owner record. A lock whose owner process is
 * gone (same host) or that is older than `staleMs` is broken, under a second short
 * lock so two waiters cannot both break it and then both win.
 */
import { hostname } from 'node:os';
import { link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ToolsError } from './errors.js';

export interface LockOwner {
  pid: number;
  host: string;
  token: string;
  createdAt: number;
  /** what the holder wants waiters to see (the environment lock: command, start time) */
  meta?: Record<string, string | number>;
}

export interface LockOptions {
  /** Give up waiting after this long (default 10 min: another process may be downloading). */
  timeoutMs?: number;
  /** Treat a lock older than this as abandoned even if its owner looks alive (default 30 min). */
  staleMs?: number;
  pollMs?: number;
  /** Called once when we start waiting for another holder. */
  onWait?: (owner: LockOwner | undefined) => void;
  /** recorded in the owner record for waiters to show */
  meta?: Record<string, string | number>;
  /** extra evidence that a live-looking pid is not the holder any more (pid reuse) */
  holderGone?: (owner: LockOwner) => boolean;
}

function isErrno(e: unknown, code: string): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === code;
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${path}.${owner.token}.tmp`;
  // the folder may have been removed meanwhile (`down` removes the environment's state folder)
  await mkdir(dirname(path), { recursive: true });
  await writeFile(tmp, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    if (isErrno(e, 'EEXIST')) return false;
    throw e;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined | 'gone'> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid === 'number' && typeof parsed.token === 'string') return parsed as LockOwner;
    return undefined;
  } catch (e) {
    if (isErrno(e, 'ENOENT')) return 'gone';
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return !isErrno(e, 'ESRCH');
  }
}

async function ageMs(path: string): Promise<number | undefined> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}

async function isStale(path: string, owner: LockOwner | undefined, staleMs: number, holderGone?: (owner: LockOwner) => boolean): Promise<boolean> {
  const age = await ageMs(path);
  if (age === undefined) return false;
  if (age > staleMs) return true;
  if (owner && owner.host === hostname() && (!processAlive(owner.pid) || holderGone?.(owner))) return true;
  return false;
}

async function breakStale(path: string, seen: LockOwner | undefined, me: LockOwner): Promise<void> {
  const guard = `${path}.break`;
  const guardOwner: LockOwner = { ...me, token: `${me.token}-break` };
  if (!(await tryCreate(guard, guardOwner))) {
    // Someone else is breaking it; an abandoned guard expires after 30 s.
    const age = await ageMs(guard);
    if (age !== undefined && age > 30_000) await unlink(guard).catch(() => undefined);
    return;
  }
  try {
    const now = await readOwner(path);
    const same = now !== 'gone' && (now?.token ?? undefined) === (seen?.token ?? undefined);
    if (same) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

export interface HeldLock {
  path: string;
  owner: LockOwner;
  release(): Promise<void>;
}

export async function acquireLock(path: string, opts: LockOptions = {}): Promise<HeldLock> {
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const staleMs = opts.staleMs ?? 30 * 60_000;
  const pollMs = opts.pollMs ?? 100;
  const me: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), createdAt: Date.now(), ...(opts.meta ? { meta: opts.meta } : {}) };
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    if (await tryCreate(path, me)) {
      return {
        path,
        owner: me,
        release: async () => {
          const now = await readOwner(path);
          if (now !== 'gone' && now?.token === me.token) await unlink(path).catch(() => undefined);
        },
      };
    }
    const owner = await readOwner(path);
    if (owner === 'gone') continue;
    if (await isStale(path, owner, staleMs, opts.holderGone)) {
      await breakStale(path, owner, me);
      continue;
    }
    if (!waited) {
      waited = true;
      opts.onWait?.(owner);
    }
    if (Date.now() >= deadline) {
      throw new ToolsError(
        'lock-timeout',
        `another mesh-lab process${owner ? ` (pid ${owner.pid})` : ''} has held ${path} for over ${Math.round(timeoutMs / 1000)}s; wait for it to finish, or remove the lock file if no mesh-lab is running`,
      );
    }
    await new Promise((r) => setTimeout(r, pollMs + Math.floor(Math.random() * pollMs)));
  }
}

export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const lock = await acquireLock(path, opts);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
