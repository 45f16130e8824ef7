// The deterministic spread (../spread.ts) for short-lived processes: every `kubectl exec`
// is a new process, so the per-route counters live in a small JSON file per cluster
// ($MESHLAB_SIM_HOME/mesh-client/<clusterKey>.json), outside the cluster store the data
// plane mounts. Concurrent execs may race on it; that only loosens the spread slightly.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSpread, type Spread, type SpreadState } from '../spread.js';

function file(home: string, clusterKey: string): string {
  return join(home, 'mesh-client', `${clusterKey.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`);
}

export function loadSpread(home: string, clusterKey: string): Spread {
  try {
    return createSpread(JSON.parse(readFileSync(file(home, clusterKey), 'utf8')) as SpreadState);
  } catch {
    return createSpread();
  }
}

export function saveSpread(home: string, clusterKey: string, spread: Spread): void {
  const f = file(home, clusterKey);
  mkdirSync(join(home, 'mesh-client'), { recursive: true });
  const tmp = `${f}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(spread.state()));
  renameSync(tmp, f);
}
