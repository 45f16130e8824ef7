// One writer per environment: `up`, `down`, `lab start/run/reset` of one lab hold a lock
// file in the environment's state folder while they run, so two of them never run `kind create`
// or `istioctl install` side by side. It is the download lock of src/tools/lock.ts (atomic
// create, dead holders broken) with the holder's command and start time recorded, and a
// pid-reuse check: a pid that is alive but started after the lock was taken is someone else.
import { rmdirSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import { isToolsError } from '../tools/errors.js';
import { procStatFields } from '../util/proc-stat.js';
import { acquireLock, type LockOwner } from '../tools/lock.js';

export const LOCK_FILE = 'lock';
export { DEFAULT_WAIT_LOCK_SECONDS, parseWaitLock } from './wait-lock.js';

export interface EnvironmentLockOptions {
  /** the environment's name, for messages */
  environment: string;
  /** the environment's state folder */
  dir: string;
  /** what holds it, as the user typed it: `up`, `lab start traffic-shifting` */
  command: string;
  waitSeconds: number;
  /** told once, when another command holds the environment */
  onWait?: (line: string) => void;
  pollMs?: number;
}

/** The process's start time in clock ticks since boot, or undefined where there is no /proc. */
export function processStartTicks(pid: number): string | undefined {
  return procStatFields(pid)?.[19];
}

/** A holder whose pid now belongs to a process started at another time is gone (pid reused). */
export function holderGone(owner: LockOwner, startTicks: (pid: number) => string | undefined = processStartTicks): boolean {
  const recorded = owner.meta?.procStart;
  if (recorded === undefined) return false;
  const now = startTicks(owner.pid);
  return now !== undefined && String(recorded) !== now;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** `mesh-lab up (pid 1234, started 12:01:05)`, or what is known of an unreadable record. */
export function describeHolder(owner: LockOwner | undefined): string {
  if (!owner) return 'another mesh-lab command';
  const command = owner.meta?.command ? `mesh-lab ${owner.meta.command}` : 'another mesh-lab command';
  return `${command} (pid ${owner.pid}, started ${clock(owner.createdAt)})`;
}

export interface EnvironmentLock {
  release(): Promise<void>;
}

export async function acquireEnvironmentLock(o: EnvironmentLockOptions): Promise<EnvironmentLock> {
  const path = join(o.dir, LOCK_FILE);
  let holder: LockOwner | undefined;
  const procStart = processStartTicks(process.pid);
  try {
    const held = await acquireLock(path, {
      timeoutMs: o.waitSeconds * 1000,
      // a live holder keeps the environment however long it takes (a slow `istioctl install`)
      staleMs: Number.POSITIVE_INFINITY,
      pollMs: o.pollMs ?? 200,
      meta: { command: o.command, ...(procStart ? { procStart } : {}) },
      holderGone: (owner) => holderGone(owner),
      onWait: (owner) => {
        holder = owner;
        o.onWait?.(`waiting for ${describeHolder(owner)} to finish with environment ${o.environment}…`);
      },
    });
    return {
      release: async () => {
        await held.release();
        // `down` empties the folder but leaves the lock; remove the folder once it is empty
        try {
          rmdirSync(o.dir);
        } catch {
          /* not empty (the lab lives on) or already gone */
        }
      },
    };
  } catch (e) {
    if (isToolsError(e) && e.code === 'lock-timeout') {
      throw new MeshLabError(ExitCode.Conflict, `gave up after ${o.waitSeconds}s waiting for ${describeHolder(holder)} to finish with environment ${o.environment}`, {
        hint: `wait for it to finish, or pass --wait-lock <seconds> to wait longer`,
        cause: e,
      });
    }
    throw e;
  }
}

/** Runs `fn` holding the environment's lock; a dry run changes nothing and takes none. */
export async function withEnvironmentLock<T>(
  session: { environment: string; dryRun: boolean; paths: { dir: string }; printer: { err(text: string): void } },
  command: string,
  waitSeconds: number,
  fn: () => Promise<T>,
): Promise<T> {
  if (session.dryRun) return fn();
  const lock = await acquireEnvironmentLock({ environment: session.environment, dir: session.paths.dir, command, waitSeconds, onWait: (l) => session.printer.err(l) });
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

