// The attendee's kubeconfig: the instructor's cluster entry (server and CA, so TLS is
// verified exactly as for the instructor) with one user, the attendee's ServiceAccount
// token, and a context defaulting to their namespace. The server is the one in the
// instructor's kubeconfig unless `--api-server` says how attendees reach it (a kind
// cluster's API server listens on the instructor's 127.0.0.1 only: fine for a rehearsal on
// one machine, not for a room; docs/workshop.md).
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve, dirname } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ClusterAccess } from '../kube/cluster-access.js';
import { parseYamlDocuments } from '../manifests/yaml.js';

interface KubeconfigDoc {
  clusters?: Array<{ name: string; cluster: Record<string, unknown> }>;
  contexts?: Array<{ name: string; context: { cluster: string; user: string; namespace?: string } }>;
}

/** The instructor's cluster entry for `access.context` (its name and settings), with a file CA inlined. */
export function clusterEntry(access: ClusterAccess): { name: string; cluster: Record<string, unknown> } {
  const doc = parseYamlDocuments(readFileSync(access.kubeconfig, 'utf8'), access.kubeconfig)[0] as KubeconfigDoc | undefined;
  const ctx = doc?.contexts?.find((c) => c.name === access.context);
  const entry = doc?.clusters?.find((c) => c.name === ctx?.context.cluster);
  const cluster = entry?.cluster;
  if (!entry || !cluster || typeof cluster.server !== 'string') {
    throw new MeshLabError(ExitCode.NotFound, `context ${access.context} in ${access.kubeconfig} names no cluster with a server`);
  }
  const out: Record<string, unknown> = { ...cluster };
  const ca = out['certificate-authority'];
  if (typeof ca === 'string') {
    // client-go resolves a relative CA path against the kubeconfig's folder
    const file = isAbsolute(ca) ? ca : resolve(dirname(access.kubeconfig), ca);
    out['certificate-authority-data'] = readFileSync(file).toString('base64');
    delete out['certificate-authority'];
  }
  return { name: entry.name, cluster: out };
}

export function attendeeKubeconfig(o: { workshop: string; namespace: string; cluster: { name: string; cluster: Record<string, unknown> }; server?: string; token: string }): Record<string, unknown> {
  const user = `${o.workshop}-${o.namespace}`;
  return {
    apiVersion: 'v1',
    kind: 'Config',
    // the cluster entry keeps the instructor's name (kind-<name>): one name for one cluster
    clusters: [{ name: o.cluster.name, cluster: { ...o.cluster.cluster, ...(o.server ? { server: o.server } : {}) } }],
    contexts: [{ name: user, context: { cluster: o.cluster.name, user, namespace: o.namespace } }],
    'current-context': user,
    preferences: {},
    users: [{ name: user, user: { token: o.token } }],
  };
}
