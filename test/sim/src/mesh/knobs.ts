// Reads the simulator's timing/fault knobs from an environment. Kept separate from
// the routing logic so tests can pass explicit options instead of mutating env.
import type { MeshOptions } from './types.js';
import { createSpread } from './spread.js';

export const DEFAULT_PROPAGATION_MS = 1500;
export const DEFAULT_READY_MS = 800;

function num(raw: string | undefined, def: number): number {
  if (raw === undefined || raw.trim() === '') return def;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : def;
}

export function parseFaults(raw: string | undefined): Set<string> {
  return new Set(
    (raw ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** MESHLAB_SIM_SEED: a fixed seed for the random routing and fault draws (spread.ts). */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const s = env.MESHLAB_SIM_SEED?.trim();
  return s === undefined || s === '' ? undefined : s;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): MeshOptions {
  return {
    propagationMs: num(env.MESHLAB_SIM_PROPAGATION_MS, DEFAULT_PROPAGATION_MS),
    readyMs: num(env.MESHLAB_SIM_READY_MS, DEFAULT_READY_MS),
    faults: parseFaults(env.MESHLAB_SIM_FAIL),
    pick: (n) => Math.floor(Math.random() * n),
    pickWeight: (total) => Math.random() * total,
    spread: createSpread(undefined, seedFromEnv(env)),
  };
}
