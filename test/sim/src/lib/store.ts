// The simulator's cluster store: one directory per simulated cluster under
// $MESHLAB_SIM_HOME/clusters/<clusterKey>. This module is the only writer. Writes go
// through a temp file + rename under a mkdir-lock, so the in-container data plane
// (which mounts the directory read-only) never sees a half-written objects.json.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { kubeletPull } from './node-images.js';

export interface SimMeta {
  /** ms since epoch of the last create/update of this object */
  appliedAt: number;
  [key: string]: unknown;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  data?: Record<string, string>;
  __sim?: SimMeta;
  [key: string]: unknown;
}

export interface ClusterRecord {
  key: string;
  provider: 'kind' | 'minikube';
  /** kind cluster name or minikube profile */
  name: string;
  context: string;
  server: string;
  nodeContainer: string;
  network: string;
  createdAt: string;
  [key: string]: unknown;
}

export function simHome(): string {
  const home = process.env.MESHLAB_SIM_HOME;
  if (!home) {
    // The simulator must never act on a default location: it is a test fixture.
    process.stderr.write('simulator: MESHLAB_SIM_HOME is not set; refusing to run\n');
    process.exit(97);
  }
  return home;
}

/** Label value that ties Docker objects to one simulator home, for exact cleanup. */
export function simHomeLabel(home = simHome()): string {
  return createHash('sha256').update(home).digest('hex').slice(0, 12);
}

export function clusterDir(key: string): string {
  return join(simHome(), 'clusters', key);
}

export function listClusterKeys(): string[] {
  const dir = join(simHome(), 'clusters');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((k) => existsSync(join(dir, k, 'cluster.json'))).sort();
}

export function readCluster(key: string): ClusterRecord | undefined {
  const file = join(clusterDir(key), 'cluster.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as ClusterRecord;
}

export function writeCluster(rec: ClusterRecord): void {
  mkdirSync(clusterDir(rec.key), { recursive: true });
  atomicWrite(join(clusterDir(rec.key), 'cluster.json'), JSON.stringify(rec, null, 2));
  if (!existsSync(join(clusterDir(rec.key), 'objects.json'))) {
    atomicWrite(join(clusterDir(rec.key), 'objects.json'), JSON.stringify({ objects: [] }));
  }
}

export function removeCluster(key: string): void {
  rmSync(clusterDir(key), { recursive: true, force: true });
}

export function readObjects(key: string): K8sObject[] {
  const file = join(clusterDir(key), 'objects.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { objects: K8sObject[] }).objects;
}

/**
 * Read-modify-write of a cluster's objects under the cluster lock. The mutator may
 * return a value (e.g. per-object apply results) which is passed through.
 */
export function updateObjects<T>(key: string, mutate: (objects: K8sObject[]) => T): T {
  return withLock(key, () => {
    const objects = readObjects(key);
    const result = mutate(objects);
    // the node's kubelet looks at what was just rolled out (pulls, or fails offline)
    kubeletPull(key, objects);
    recordSeed(key);
    atomicWrite(join(clusterDir(key), 'objects.json'), JSON.stringify({ objects }));
    return result;
  });
}

/**
 * MESHLAB_SIM_SEED of the writing process, next to objects.json, so the node's data plane
 * (started at create, with the seed of that moment) follows the seed of the latest
 * apply: one cluster can be checked under several seeds. Written before objects.json,
 * whose change the data plane watches.
 */
function recordSeed(key: string): void {
  const seed = process.env.MESHLAB_SIM_SEED?.trim();
  if (seed === undefined || seed === '') return;
  const file = join(clusterDir(key), 'seed');
  if (existsSync(file) && readFileSync(file, 'utf8') === seed) return;
  atomicWrite(file, seed);
}

function withLock<T>(key: string, fn: () => T): T {
  const lock = join(clusterDir(key), '.lock');
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock older than 10 s belongs to a process that died mid-write.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 10_000) rmSync(lock, { recursive: true, force: true });
      } catch {
        /* raced with its owner: retry */
      }
      if (Date.now() > deadline) throw new Error(`simulator: cluster store ${key} is locked`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export function atomicWrite(file: string, content: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
