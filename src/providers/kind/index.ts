// kind as mesh-lab sees it: a cluster of node containers in Docker, named <cluster>-control-plane.
import { DEFAULTS } from '../../config/defaults.js';
import { kubernetesVersionOfNodeImage } from '../../tools/compatibility.js';
import type { ProviderDefinition } from '../definition.js';

// typed by name and locality: ProviderName and LocalProviderName are built from these
export const kindProvider: ProviderDefinition<'kind', true> = {
  name: 'kind',
  tools: ['kind', 'kubectl', 'istioctl'],
  local: true,
  needsContext: false,
  needsIstioInstallFlag: false,
  nodeContainer: (clusterName: string) => `${clusterName}-control-plane`,
  /**
   * kind runs the control plane and Istio in one node container without a VM, so mesh-lab's
   * own lighter floor applies: 2 CPUs / 4 GiB to work at all, 4 CPUs / 8 GiB to be
   * comfortable (the demo apps, ingress gateway and istiod).
   */
  resourceNeeds: {
    minCpus: 2,
    minMemoryGiB: 4,
    recommendedCpus: 4,
    recommendedMemoryGiB: 8,
    source: 'mesh-lab defaults for a single kind node running Istio (no VM overhead)',
  },
  /** the node image's tag: --kind-node-image, else the pinned kind's default image */
  kubernetesVersion: ({ manifest, nodeImage }) => {
    const image = nodeImage ?? manifest.kindNodeImage;
    return { version: kubernetesVersionOfNodeImage(image), source: `node image ${image.split('@')[0]}` };
  },
  load: async () => {
    const { KindProvider } = await import('./kind-provider.js');
    return {
      forUp: (session, o, kindConfigYaml) =>
        new KindProvider(session.runner, session.docker, {
          clusterName: o.clusterName,
          kubeconfig: session.paths.kubeconfig,
          configFile: session.paths.kindConfig,
          configYaml: kindConfigYaml,
          writeFile: session.writeFile,
          requiredMappings: [
            { nodePort: o.httpNodePort, hostPort: o.httpHostPort, listenAddress: DEFAULTS.listenAddress },
            { nodePort: o.httpsNodePort, hostPort: o.httpsHostPort, listenAddress: DEFAULTS.listenAddress },
          ],
          waitSeconds: DEFAULTS.clusterWaitSeconds,
          ...(o.kindNodeImage ? { nodeImage: o.kindNodeImage } : {}),
          env: session.env,
        }),
      fromState: (session, state) =>
        new KindProvider(session.runner, session.docker, {
          clusterName: state.cluster.name,
          kubeconfig: state.cluster.kubeconfig,
          configFile: session.paths.kindConfig,
          configYaml: '',
          writeFile: session.writeFile,
          requiredMappings: [],
          waitSeconds: DEFAULTS.clusterWaitSeconds,
          env: session.env,
        }),
    };
  },
};
