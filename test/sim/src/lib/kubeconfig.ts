// Kubeconfig reading and writing for the simulated tools, following client-go's
// rules: --kubeconfig wins, else the first file of $KUBECONFIG, else ~/.kube/config.
// (client-go merges every $KUBECONFIG entry when reading; the simulator reads them
// all for lookups and writes to the first, as kind and minikube do.)
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { atomicWrite } from './store.js';

export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: Array<{ name: string; cluster: { server: string; 'certificate-authority-data'?: string } }>;
  contexts: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
  'current-context': string;
  preferences: Record<string, unknown>;
  users: Array<{ name: string; user: Record<string, unknown> }>;
}

export function kubeconfigPaths(flag?: string): string[] {
  if (flag) return [flag];
  const env = process.env.KUBECONFIG;
  if (env) return env.split(delimiter).filter(Boolean);
  return [join(homedir(), '.kube', 'config')];
}

export function emptyKubeconfig(): Kubeconfig {
  return { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], 'current-context': '', preferences: {}, users: [] };
}

export function loadKubeconfig(path: string): Kubeconfig {
  if (!existsSync(path)) return emptyKubeconfig();
  const doc = (parse(readFileSync(path, 'utf8')) ?? {}) as Partial<Kubeconfig>;
  return {
    ...emptyKubeconfig(),
    ...doc,
    clusters: doc.clusters ?? [],
    contexts: doc.contexts ?? [],
    users: doc.users ?? [],
    'current-context': doc['current-context'] ?? '',
  };
}

/** client-go merge: the first file that defines a name wins. */
export function loadMerged(flag?: string): Kubeconfig {
  const merged = emptyKubeconfig();
  for (const p of kubeconfigPaths(flag)) {
    const kc = loadKubeconfig(p);
    for (const c of kc.clusters) if (!merged.clusters.some((x) => x.name === c.name)) merged.clusters.push(c);
    for (const c of kc.contexts) if (!merged.contexts.some((x) => x.name === c.name)) merged.contexts.push(c);
    for (const u of kc.users) if (!merged.users.some((x) => x.name === u.name)) merged.users.push(u);
    if (!merged['current-context']) merged['current-context'] = kc['current-context'];
  }
  return merged;
}

export function saveKubeconfig(path: string, kc: Kubeconfig): void {
  mkdirSync(dirname(path), { recursive: true });
  // client-go and kind write through sigs.k8s.io/yaml: keys sorted, sequences not indented.
  atomicWrite(path, stringify(kc, { indentSeq: false, sortMapEntries: true }));
}

export interface Entry {
  name: string;
  server: string;
  setCurrent: boolean;
}

/** Adds or replaces cluster/context/user `name` (kind and minikube use one name for all three). */
export function upsertEntry(path: string, entry: Entry): void {
  const kc = loadKubeconfig(path);
  kc.clusters = kc.clusters.filter((c) => c.name !== entry.name);
  kc.contexts = kc.contexts.filter((c) => c.name !== entry.name);
  kc.users = kc.users.filter((u) => u.name !== entry.name);
  kc.clusters.push({ name: entry.name, cluster: { server: entry.server, 'certificate-authority-data': 'U0lNVUxBVEVELUNB' } });
  kc.contexts.push({ name: entry.name, context: { cluster: entry.name, user: entry.name } });
  kc.users.push({ name: entry.name, user: { 'client-certificate-data': 'U0lNVUxBVEVE', 'client-key-data': 'U0lNVUxBVEVE' } });
  kc.clusters.sort((a, b) => a.name.localeCompare(b.name));
  kc.contexts.sort((a, b) => a.name.localeCompare(b.name));
  kc.users.sort((a, b) => a.name.localeCompare(b.name));
  if (entry.setCurrent) kc['current-context'] = entry.name;
  saveKubeconfig(path, kc);
}

/** Removes cluster/context/user `name`; clears current-context if it pointed there (as kind does). */
export function removeEntry(path: string, name: string): void {
  if (!existsSync(path)) return;
  const kc = loadKubeconfig(path);
  kc.clusters = kc.clusters.filter((c) => c.name !== name);
  kc.contexts = kc.contexts.filter((c) => c.name !== name);
  kc.users = kc.users.filter((u) => u.name !== name);
  if (kc['current-context'] === name) kc['current-context'] = '';
  saveKubeconfig(path, kc);
}

export interface ResolvedContext {
  context: string;
  /** the kubeconfig cluster entry name: the simulator's cluster key */
  clusterKey: string;
  server: string;
  namespace?: string;
}

/** Resolves --context (or current-context); returns an error string in kubectl's words when it cannot. */
export function resolveContext(kubeconfigFlag: string | undefined, contextFlag: string | undefined): ResolvedContext | { error: string } {
  const kc = loadMerged(kubeconfigFlag);
  const name = contextFlag || kc['current-context'];
  if (!name) {
    return { error: 'error: current-context is not set' };
  }
  const ctx = kc.contexts.find((c) => c.name === name);
  if (!ctx) return { error: `error: context "${name}" does not exist` };
  const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster);
  if (!cluster) return { error: `error: cluster "${ctx.context.cluster}" does not exist` };
  const out: ResolvedContext = { context: name, clusterKey: cluster.name, server: cluster.cluster.server };
  if (ctx.context.namespace) out.namespace = ctx.context.namespace;
  return out;
}
