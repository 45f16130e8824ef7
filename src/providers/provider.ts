// The one small interface every cluster provider (kind, minikube, existing) implements.
// Commands talk to this, never to kind or minikube directly, so a new provider is one
// new folder (as kind's pkg/cluster/internal/providers and ctlptl's admin_*.go do); what a
// provider can do is told by its definition (definition.ts, registry.ts).
import type { EngineInfo } from '../docker/docker-api.js';
import type { CheckResult } from '../doctor/types.js';
import type { ClusterAccess } from '../kube/cluster-access.js';
import type { ProviderName } from './registry.js';

export type { ProviderName } from './registry.js';

export interface EnsureResult {
  created: boolean;
  /** one line for the progress display: "created kind cluster mesh-lab", "reused ..." */
  summary: string;
}

export interface HostEndpoint {
  host: string;
  port: number;
  /** the node's own address, for display and for `env` when it is directly reachable */
  nodeIP?: string;
  /** why this is how the host reaches the NodePort */
  reason: string;
  source: string;
}

export interface ClusterProvider {
  readonly name: ProviderName;
  /** kind cluster name, minikube profile, or the existing context */
  readonly clusterName: string;
  access(): ClusterAccess;
  exists(): Promise<boolean>;
  /** create, start or reuse the cluster; never touches a cluster it cannot use */
  ensure(): Promise<EnsureResult>;
  /** delete the cluster (callers only do so for clusters mesh-lab created) */
  delete(): Promise<void>;
  /** how this machine reaches `nodePort` on the cluster, or undefined when it cannot directly */
  nodePortEndpoint(nodePort: number): Promise<HostEndpoint | undefined>;
  /**
   * For a provider that sizes its cluster: decide the size from what Docker has and what
   * the user asked (--cpus, --memory), keep it for ensure(), and report it as preflight's
   * resource check (replacing doctor's, which sizes for the defaults).
   */
  /**
   * Loads a single-platform image archive (`docker save` output) into every node's
   * container runtime, so pods start without pulling (offline bundles, `up --preload`).
   * Absent for a provider whose nodes mesh-lab cannot reach (an existing cluster).
   */
  loadImageArchive?(file: string): Promise<void>;
  sizeFor?(docker: EngineInfo, requested: { cpus?: number | undefined; memoryMb?: number | undefined }): CheckResult;
}
