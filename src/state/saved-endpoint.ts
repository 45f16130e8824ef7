// The few fields of a lab's state file that `mesh-lab curl` and `mesh-lab env` need,
// checked by hand. Those two commands run dozens of times in a workshop; loading zod and
// the whole EnvironmentStateSchema to read a dozen fields costs more than the request itself.
//
// This reader only answers when it is sure: a file of the schema version it knows, whose
// top-level fields and ingress endpoint have exactly the types EnvironmentStateSchema requires.
// Anything else (no file, no ingress yet, another schema version, a malformed field)
// returns undefined, and the caller falls back to the zod-validated EnvironmentStore, which
// gives the authoritative answer or error. test/unit/state/saved-endpoint.test.ts keeps
// this reader and the schema in step.
import { readFileSync } from 'node:fs';
import type { IngressEndpoint } from './environment-state.js';
import { providers } from '../providers/registry.js';

export interface SavedEndpoint {
  ingress: IngressEndpoint;
  cluster: { kubeconfig: string; context: string };
  /** a joined environment (EnvironmentState.workshop): the Host its routes answer */
  workshopHost?: string;
  /** made with `up --gateway-api` (or a lab's Gateway API variant): the Gateway API CRDs are in use */
  gatewayApi?: boolean;
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const int: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v);

/** IngressEndpointSchema's fields: true when required. Unknown keys are dropped, as zod does. */
export const INGRESS_FIELDS: Record<keyof IngressEndpoint, { check: Check; required: boolean }> = {
  host: { check: str, required: true },
  port: { check: int, required: true },
  securePort: { check: int, required: false },
  tcpPort: { check: int, required: false },
  source: { check: str, required: true },
  reason: { check: str, required: true },
  nodeIP: { check: str, required: false },
  nodePort: { check: int, required: false },
  securePortForward: { check: int, required: false },
  portForwardPid: { check: int, required: false },
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ingressOf(raw: unknown): IngressEndpoint | undefined {
  if (!isObject(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(INGRESS_FIELDS)) {
    const v = raw[key];
    if (v === undefined) {
      if (field.required) return undefined;
      continue;
    }
    if (!field.check(v)) return undefined;
    out[key] = v;
  }
  return out as unknown as IngressEndpoint;
}

/**
 * The state file as a plain object when its schema version and the fields every environment
 * has (environment, provider, updatedAt, cluster) are as EnvironmentStateSchema requires;
 * undefined otherwise. Other small readers (src/labs/saved-progress.ts) build on it.
 */
export function readStateDocument(stateFile: string): Record<string, unknown> | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(stateFile, 'utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(doc) || doc.schema !== 2 || !str(doc.environment) || !providers.has(doc.provider) || !str(doc.updatedAt)) return undefined;
  const c = doc.cluster;
  if (!isObject(c) || !str(c.name) || !str(c.context) || !str(c.kubeconfig) || typeof c.createdByMeshLab !== 'boolean') return undefined;
  return doc;
}

/** The saved endpoint and the lab's cluster access, or undefined when only the full store can say. */
export function readSavedEndpoint(stateFile: string): SavedEndpoint | undefined {
  const doc = readStateDocument(stateFile);
  if (!doc) return undefined;
  const c = doc.cluster as Record<string, unknown>;
  const ingress = ingressOf(doc.ingress);
  if (!ingress) return undefined;
  const w = doc.workshop;
  if (w !== undefined && !(isObject(w) && str(w.name) && str(w.attendee) && str(w.namespace) && str(w.host))) return undefined;
  // EnvironmentStateSchema's gatewayApi: {crds: installed|found, version}; anything else is the store's to judge
  const g = doc.gatewayApi;
  if (g !== undefined && !(isObject(g) && (g.crds === 'installed' || g.crds === 'found') && str(g.version))) return undefined;
  const gatewayApi = g !== undefined;
  return { ingress, cluster: { kubeconfig: c.kubeconfig as string, context: c.context as string }, ...(w ? { workshopHost: w.host as string } : {}), ...(gatewayApi ? { gatewayApi } : {}) };
}
