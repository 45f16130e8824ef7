// minikube as mesh-lab sees it: one profile (its node container has the profile's name),
// sized to what Docker has (minikube-sizing.ts).
import { DEFAULTS } from '../../config/defaults.js';
import { MINIKUBE_DEFAULT_KUBERNETES } from '../../tools/compatibility.js';
import { minorOf, parseVersion } from '../../tools/version.js';
import type { ProviderDefinition } from '../definition.js';
import { checkMinikubeResources } from './minikube-resources-check.js';

export const minikubeProvider: ProviderDefinition<'minikube', true> = {
  name: 'minikube',
  tools: ['minikube', 'kubectl', 'istioctl'],
  local: true,
  needsContext: false,
  needsIstioInstallFlag: false,
  nodeContainer: (profile: string) => profile,
  /**
   * Istio's minikube platform guide starts minikube with `--memory=16384 --cpus=4`
   * ("16384 MB is sufficient to run Istio and bookinfo"). 4 CPUs / 8 GB is mesh-lab's own
   * floor for a minikube lab, not Istio's; below it `up` shrinks the profile to what Docker
   * has, down to minikube's own minimums of 2 CPUs / 1800 MB (start_flags.go minimumCPUS,
   * minUsableMem), and doctor's minikube check (checkResources) follows that sizing rather
   * than these thresholds with slack.
   */
  resourceNeeds: {
    minCpus: 2,
    minMemoryGiB: 1800 / 1024,
    recommendedCpus: 4,
    recommendedMemoryGiB: 8,
    source: "minikube's minimums (2 CPUs, 1800 MB) and mesh-lab's floor (4 CPUs, 8192 MB); istio.io's minikube guide asks for --memory=16384 --cpus=4",
  },
  checkResources: checkMinikubeResources,
  /** minikube's DefaultKubernetesVersion of the minikube that will run */
  kubernetesVersion: ({ versionOf }) => {
    const mv = parseVersion(versionOf('minikube'));
    return { version: mv ? MINIKUBE_DEFAULT_KUBERNETES[minorOf(mv)] : undefined, source: `minikube ${versionOf('minikube')} default` };
  },
  load: async () => {
    const { MinikubeProvider } = await import('./minikube-provider.js');
    return {
      forUp: (session, o) =>
        new MinikubeProvider(session.runner, {
          profile: o.clusterName,
          kubeconfig: session.paths.kubeconfig,
          driver: o.driver,
          // preflight replaces these with what fits in Docker (sizeFor); --dry-run shows the defaults
          cpus: o.cpus ?? DEFAULTS.minikubeCpus,
          memoryMb: o.memoryMb ?? DEFAULTS.minikubeMemoryMb,
          ...(o.kubernetesVersion ? { kubernetesVersion: o.kubernetesVersion } : {}),
        }),
      // an existing profile is started as it is: no size
      fromState: (session, state) =>
        new MinikubeProvider(session.runner, { profile: state.cluster.name, kubeconfig: state.cluster.kubeconfig, driver: DEFAULTS.minikubeDriver, cpus: 0, memoryMb: 0 }),
    };
  },
};
