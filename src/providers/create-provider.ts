// Chooses and configures the provider for a lab. The only place that knows every provider.
import type { UpOptions } from '../config/up-options.js';
import { DEFAULTS } from '../config/defaults.js';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { Session } from '../session/session.js';
import type { EnvironmentState } from '../state/environment-state.js';
import { ExistingProvider } from './existing/existing-provider.js';
import { KindProvider } from './kind/kind-provider.js';
import { MinikubeProvider } from './minikube/minikube-provider.js';
import type { ClusterProvider } from './provider.js';

export function providerForUp(session: Session, o: UpOptions, kindConfigYaml: string): ClusterProvider {
  switch (o.provider) {
    case 'kind':
      return new KindProvider(session.runner, session.docker, {
        clusterName: o.clusterName,
        kubeconfig: session.paths.kubeconfig,
        configFile: session.paths.kindConfig,
        configYaml: kindConfigYaml,
        writeFile: session.writeFile,
        requiredMappings: [
          { nodePort: o.httpNodePort, hostPort: o.httpHostPort, listenAddress: '127.0.0.1' },
          { nodePort: o.httpsNodePort, hostPort: o.httpsHostPort, listenAddress: '127.0.0.1' },
        ],
        waitSeconds: 120,
        ...(o.kindNodeImage ? { nodeImage: o.kindNodeImage } : {}),
        env: session.env,
      });
    case 'minikube':
      return new MinikubeProvider(session.runner, {
        profile: o.clusterName,
        kubeconfig: session.paths.kubeconfig,
        driver: o.driver,
        // preflight replaces these with what fits in Docker (minikube-sizing.ts); --dry-run shows the defaults
        cpus: o.cpus ?? DEFAULTS.minikubeCpus,
        memoryMb: o.memoryMb ?? DEFAULTS.minikubeMemoryMb,
        ...(o.kubernetesVersion ? { kubernetesVersion: o.kubernetesVersion } : {}),
      });
    case 'existing':
      return new ExistingProvider({ context: o.context!, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), env: session.env });
  }
}

/** The provider of an existing lab, rebuilt from its state so later commands need no flags. */
export function providerFromState(session: Session, state: EnvironmentState): ClusterProvider {
  switch (state.provider) {
    case 'kind':
      return new KindProvider(session.runner, session.docker, {
        clusterName: state.cluster.name,
        kubeconfig: state.cluster.kubeconfig,
        configFile: session.paths.kindConfig,
        configYaml: '',
        writeFile: session.writeFile,
        requiredMappings: [],
        waitSeconds: 120,
        env: session.env,
      });
    case 'minikube':
      return new MinikubeProvider(session.runner, { profile: state.cluster.name, kubeconfig: state.cluster.kubeconfig, driver: 'docker', cpus: 0, memoryMb: 0 });
    case 'existing':
      return new ExistingProvider({ context: state.cluster.context, kubeconfig: state.cluster.kubeconfig, env: session.env });
    default:
      throw new MeshLabError(ExitCode.Internal, `unknown provider ${String(state.provider)} in lab state`);
  }
}
