// Deterministic stand-ins for Envoy's random choices (weighted clusters, fault
// percentages). Envoy draws a random number per request, so a 90/10 split is only
// 90/10 on average and a lab check over 200 requests could flake. The simulator
// instead keeps a counter per route (keyed by the route's content, so an edited route
// starts afresh) and spreads choices evenly:
// - weights: smooth weighted round robin (nginx's algorithm): over any window of
//   N = sum(weights) consecutive requests each destination gets exactly its weight,
//   interleaved (90/10 gives v2 once in every 10, not 10 in a row); weight 0 is never chosen.
// - percentages: request n (0-based) is selected when floor((n+1)·p/100) > floor(n·p/100),
//   so after n requests exactly floor(n·p/100) were selected.
// The state is a plain JSON object so a short-lived process (kubectl exec) can persist it.

export interface SpreadState {
  weights: Record<string, number[]>;
  counters: Record<string, number>;
}

export interface Spread {
  /** index of the chosen weight (weights are non-negative; all zero → index 0) */
  weighted(key: string, weights: number[]): number;
  /** whether this request falls within `percent` (0–100, fractional allowed) */
  percent(key: string, percent: number): boolean;
  state(): SpreadState;
}

/** Keys kept per state; a long-running data plane must not grow without bound. */
const MAX_KEYS = 2000;

function trim<T>(rec: Record<string, T>): void {
  const keys = Object.keys(rec);
  for (let i = 0; i < keys.length - MAX_KEYS; i++) delete rec[keys[i]!];
}

export function createSpread(initial?: SpreadState): Spread {
  const st: SpreadState = { weights: { ...(initial?.weights ?? {}) }, counters: { ...(initial?.counters ?? {}) } };
  return {
    weighted(key, weights) {
      const total = weights.reduce((s, w) => s + Math.max(0, w), 0);
      if (total <= 0) return 0;
      let cur = st.weights[key];
      if (!cur || cur.length !== weights.length) cur = weights.map(() => 0);
      let best = -1;
      for (let i = 0; i < weights.length; i++) {
        const w = Math.max(0, weights[i]!);
        if (w === 0) continue;
        cur[i] = cur[i]! + w;
        if (best === -1 || cur[i]! > cur[best]!) best = i;
      }
      cur[best] = cur[best]! - total;
      delete st.weights[key]; // re-insert: most recently used last, so trim() drops the oldest
      st.weights[key] = cur;
      trim(st.weights);
      return best;
    },
    percent(key, percent) {
      if (!(percent > 0)) return false;
      if (percent >= 100) return true;
      const n = st.counters[key] ?? 0;
      delete st.counters[key];
      st.counters[key] = n + 1;
      trim(st.counters);
      return Math.floor(((n + 1) * percent) / 100) > Math.floor((n * percent) / 100);
    },
    state: () => st,
  };
}
