// Envoy's random choices (weighted clusters, fault percentages), reproducible. Envoy
// draws a fresh random number per request (RandomGenerator in the router's
// WeightedClusterEntry pick and the fault filter's FractionalPercent check), so a
// 90/10 split is 90/10 only on average: a lab check must survive the spread.
// The simulator does the same, with a seed: draw n for a key (a proxy plus a route's
// content, so an edited route starts a fresh stream) is sha256(seed, key, n) mapped to
// [0, 1). The same seed gives the same sequence on every run (MESHLAB_SIM_SEED); without
// one the seed is random. The state is plain JSON so a short-lived process (kubectl
// exec) can persist it and continue the stream.
import { createHash, randomBytes } from 'node:crypto';

export interface SpreadState {
  seed: string;
  counters: Record<string, number>;
}

export interface Spread {
  /** index of the chosen weight, drawn with probability weight/sum (weight 0 never; all zero → index 0) */
  weighted(key: string, weights: number[]): number;
  /** whether this request falls within `percent` (0–100, fractional allowed), drawn at random */
  percent(key: string, percent: number): boolean;
  readonly seed: string;
  state(): SpreadState;
}

/** Keys kept per state; a long-running data plane must not grow without bound. */
const MAX_KEYS = 2000;

function trim<T>(rec: Record<string, T>): void {
  const keys = Object.keys(rec);
  for (let i = 0; i < keys.length - MAX_KEYS; i++) delete rec[keys[i]!];
}

/** A uniform number in [0, 1) from (seed, key, n): 48 bits of a sha256. */
export function uniform(seed: string, key: string, n: number): number {
  return createHash('sha256').update(`${seed}\u0000${key}\u0000${n}`).digest().readUIntBE(0, 6) / 2 ** 48;
}

/**
 * A spread continuing `initial` when its seed matches `seed` (or no seed is asked for);
 * otherwise a fresh stream for `seed` (random when undefined).
 */
export function createSpread(initial?: Partial<SpreadState>, seed?: string): Spread {
  const keep = initial?.seed !== undefined && (seed === undefined || seed === initial.seed);
  const st: SpreadState = {
    seed: keep ? initial.seed! : (seed ?? randomBytes(8).toString('hex')),
    counters: keep ? { ...(initial.counters ?? {}) } : {},
  };
  const next = (key: string): number => {
    const n = st.counters[key] ?? 0;
    delete st.counters[key]; // re-insert: most recently used last, so trim() drops the oldest
    st.counters[key] = n + 1;
    trim(st.counters);
    return uniform(st.seed, key, n);
  };
  return {
    weighted(key, weights) {
      const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
      if (total <= 0) return 0;
      let x = next(key) * total;
      let last = 0;
      for (let i = 0; i < weights.length; i++) {
        const w = Math.max(0, weights[i]!);
        if (w === 0) continue;
        last = i;
        if (x < w) return i;
        x -= w;
      }
      return last;
    },
    percent(key, percent) {
      if (!(percent > 0)) return false;
      if (percent >= 100) return true;
      return next(key) * 100 < percent;
    },
    get seed() {
      return st.seed;
    },
    state: () => st,
  };
}
