// kind's kubeconfig handling: every entry is named kind-<cluster>; export merges into
// the file chosen like kubectl (--kubeconfig, else the first existing $KUBECONFIG file,
// else the last one, else ~/.kube/config) and sets current-context; removal touches
// every candidate file. `kind get kubeconfig` prints a standalone config.
import { chmodSync, existsSync } from 'node:fs';
import { stringify } from 'yaml';
import { kubeconfigPaths, removeEntry, upsertEntry } from '../lib/kubeconfig.js';

export function contextFor(cluster: string): string {
  return `kind-${cluster}`;
}

function pathForMerge(explicit: string | undefined): string {
  const paths = [...new Set(kubeconfigPaths(explicit || undefined))];
  if (paths.length === 1) return paths[0]!;
  return paths.find((p) => existsSync(p)) ?? paths[paths.length - 1]!;
}

export function exportKubeconfig(cluster: string, server: string, explicit: string | undefined): void {
  const path = pathForMerge(explicit);
  upsertEntry(path, { name: contextFor(cluster), server, setCurrent: true });
  chmodSync(path, 0o600); // kind writes kubeconfig files 0600
}

export function removeKubeconfig(cluster: string, explicit: string | undefined): void {
  for (const p of new Set(kubeconfigPaths(explicit || undefined))) removeEntry(p, contextFor(cluster));
}

/** The YAML `kind get kubeconfig` prints (keys sorted as kind's encoder does). */
export function standaloneKubeconfig(cluster: string, server: string): string {
  const name = contextFor(cluster);
  return stringify({
    apiVersion: 'v1',
    clusters: [{ cluster: { 'certificate-authority-data': 'U0lNVUxBVEVELUNB', server }, name }],
    contexts: [{ context: { cluster: name, user: name }, name }],
    'current-context': name,
    kind: 'Config',
    preferences: {},
    users: [{ name, user: { 'client-certificate-data': 'U0lNVUxBVEVE', 'client-key-data': 'U0lNVUxBVEVE' } }],
  }, { indentSeq: false }); // Go's yaml encoder does not indent sequences
}
