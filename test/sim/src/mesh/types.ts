// Shared types of the simulated mesh. Everything under mesh/ is pure: it maps
// (cluster objects, an incoming request, the time) to a decision, so routing can be
// unit-tested without Docker and the in-container data plane stays a thin adapter.
import type { K8sObject } from '../lib/store.js';
import type { Spread } from './spread.js';

export type { K8sObject };

/** An HTTP request as the ingress gateway sees it. Header names are lower-case. */
export interface MeshRequest {
  method: string;
  /** the request target: path plus optional query string */
  path: string;
  headers: Record<string, string>;
  /** the node port the request arrived on */
  nodePort: number;
  scheme?: 'http' | 'https';
}

/** A complete HTTP response (headers lower-case). */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What the gateway does with a request:
 * - `reset`: no listener / no endpoints: the TCP connection is reset (what a client
 *   sees when Envoy has no listener on the port, or kube-proxy has no endpoints)
 * - `respond`: an HTTP response, either produced by Envoy itself (`local`) or by a
 *   simulated upstream app (`upstream`, which gets x-envoy-upstream-service-time)
 */
export type Decision =
  | { kind: 'reset'; reason: string; latencyMs?: number }
  | { kind: 'respond'; origin: 'local' | 'upstream'; response: HttpResponse; reason: string; latencyMs?: number };

/** ms after the request before the decision takes effect (fault delays, slow upstreams). */
export function latencyOf(d: Decision): number {
  return d.latencyMs ?? 0;
}

/** Timing and fault knobs; all have env-var defaults (see knobs.ts). */
export interface MeshOptions {
  /** ms after `__sim.appliedAt` before Istio config (Gateway, VirtualService, ...) is in effect */
  propagationMs: number;
  /** ms after `__sim.appliedAt` before a Deployment without explicit status is Available */
  readyMs: number;
  /** injected faults (MESHLAB_SIM_FAIL) */
  faults: Set<string>;
  /** chooses an index in [0, n): endpoint load balancing and weighted routes */
  pick: (n: number) => number;
  /** chooses a number in [0, total): weighted destinations when no `spread` is given */
  pickWeight: (total: number) => number;
  /**
   * Seeded random weighted routes and fault percentages (spread.ts). The data plane
   * keeps one for its lifetime; kubectl exec persists one per cluster. Without it,
   * weights use pickWeight and percentages pickWeight(100).
   */
  spread?: Spread;
}
