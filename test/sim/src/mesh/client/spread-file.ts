// The seeded random spread (../spread.ts) for short-lived processes: every `kubectl exec`
// is a new process, so the seed and per-route counters live in a small JSON file per cluster
// ($MESHLAB_SIM_HOME/mesh-client/<clusterKey>.json), outside the cluster store the data
// plane mounts. A different MESHLAB_SIM_SEED starts a fresh stream. Concurrent execs may
// race on it; that only repeats a draw now and then.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSpread, type Spread, type SpreadState } from '../spread.js';
import { seedFromEnv } from '../knobs.js';

function file(home: string, clusterKey: string): string {
  return join(home, 'mesh-client', `${clusterKey.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

export function loadSpread(home: string, clusterKey: string): Spread {
  try {
    return createSpread(JSON.parse(readFileSync(file(home, clusterKey), 'utf8')) as SpreadState, seedFromEnv());
  } catch {
    return createSpread(undefined, seedFromEnv());
  }
}

export function saveSpread(home: string, clusterKey: string, spread: Spread): void {
  const f = file(home, clusterKey);
  mkdirSync(join(home, 'mesh-client'), { recursive: true });
  const tmp = `${f}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(spread.state()));
  renameSync(tmp, f);
}
