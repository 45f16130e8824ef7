// What a provider tells the rest of mesh-lab about itself: one ProviderDefinition per
// provider folder (kind/, minikube/, existing/), all listed in registry.ts, the way kind's
// pkg/cluster/internal/providers keeps one package per provider behind one interface.
// Commands ask these capability fields instead of testing a provider's name.
//
// A definition is cheap to import (program.ts and the state readers of curl/env load it on
// every start): the provider's implementation, which may pull heavy modules (yaml), is
// loaded only by load(), which create-provider.ts awaits.
import type { UpOptions } from '../state/up-options.js';
import type { DockerInfo } from '../docker/docker-source.js';
import type { CheckResult } from '../doctor/types.js';
import type { Session } from '../session/session.js';
import type { EnvironmentState } from '../state/environment-state.js';
import type { ToolName, ToolsManifest } from '../tools/manifest.js';
import type { ClusterProvider } from './provider.js';

/** The CPUs and memory Docker must have for a provider's cluster with Istio. */
export interface ResourceNeeds {
  /** Below these, doctor fails. */
  minCpus: number;
  minMemoryGiB: number;
  /** Below these, doctor warns. */
  recommendedCpus: number;
  recommendedMemoryGiB: number;
  source: string;
}

/** The two ways a provider instance is built. */
export interface ProviderConstructors {
  /** for `up`: from its validated options (kindConfigYaml is the rendered kind config) */
  forUp(session: Session, o: UpOptions, kindConfigYaml: string): ClusterProvider;
  /** for every later command: from the environment's saved state, so they need no flags */
  fromState(session: Session, state: EnvironmentState): ClusterProvider;
}

/** What doctor knows about the Kubernetes version a new cluster of this provider runs. */
export interface KubernetesVersionContext {
  manifest: ToolsManifest;
  /** `up --kind-node-image`, when given */
  nodeImage?: string | undefined;
  /** the version of a tool as doctor found it (or the pinned one) */
  versionOf(tool: ToolName): string;
}

export interface ProviderDefinition<N extends string = string, L extends boolean = boolean> {
  readonly name: N;
  /** external tools this provider runs, resolved by preflight and planned by doctor */
  readonly tools: readonly ToolName[];
  /**
   * Creates and runs its cluster in Docker on this machine: preflight checks Docker and runs
   * the doctor's checks, the ingress gateway is a NodePort on the pinned nodePorts, and
   * `--cluster-name` gives a fresh cluster. `mesh-lab doctor --provider` offers only these.
   */
  readonly local: L;
  /** the cluster is named by a kubeconfig context: `up` needs --context */
  readonly needsContext: boolean;
  /** the cluster is the user's: Istio is installed into it only when asked (--install-istio) */
  readonly needsIstioInstallFlag: boolean;
  /** the Docker container of a local cluster's node, which may already publish the lab's host port */
  nodeContainer?(clusterName: string): string;
  /** what Docker needs for this provider, for doctor's generic resource check */
  readonly resourceNeeds?: ResourceNeeds;
  /** a doctor resource check of the provider's own, replacing the generic one */
  checkResources?(info: DockerInfo): CheckResult;
  /** the Kubernetes version a new cluster gets, and where that answer comes from */
  kubernetesVersion?(ctx: KubernetesVersionContext): { version: string | undefined; source: string };
  /** loads the implementation (kept out of the start-up path) */
  load(): Promise<ProviderConstructors>;
}
