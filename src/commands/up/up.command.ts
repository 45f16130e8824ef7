// `mesh-lab up`: its flags, the flag -> option mapping, and what it prints. The work is
// runUp (./up.ts), loaded only when the command runs.
import { Command, Option } from '@commander-js/extra-typings';
import { providerNames } from '../../providers/registry.js';
import { DEFAULTS } from '../../config/defaults.js';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../factory.js';
import type { UpPhases, UpResult } from './up.js';
import type { UpInput } from './up-input.js';

export interface UpCommandOptions {
  input: UpInput;
  phases: UpPhases;
  dryRun: boolean;
  waitLockSeconds: number;
}

export type UpRun = (o: UpCommandOptions) => Promise<UpResult>;

export function defaultUpRun(f: Factory): UpRun {
  return async (o) => {
    const s = f.session(o.dryRun);
    const [{ runUp }, { parseUpOptions }] = await Promise.all([import('./up.js'), import('../../state/up-options.js')]);
    // bad flags fail at once (exit 2), not after waiting for another command's lock
    parseUpOptions({ ...o.input, dryRun: o.dryRun });
    return f.withLock(s, 'up', o.waitLockSeconds, () => runUp(s, o.input, o.phases));
  };
}

export function newUpCommand(f: Factory, run: UpRun = defaultUpRun(f)) {
  return new Command('up')
    .description('create the cluster, install Istio, deploy helloworldservice, route /helloworld and verify it')
    .addOption(new Option('--provider <name>', 'cluster provider').choices(providerNames).default(DEFAULTS.provider))
    .option('--cluster-name <name>', 'kind cluster name or minikube profile (default: the lab name)')
    .option('--context <context>', 'kubeconfig context of an existing cluster (--provider existing)')
    .option('--kubeconfig <file>', 'kubeconfig holding --context (--provider existing; default $KUBECONFIG or ~/.kube/config)')
    .option('--install-istio', 'on an existing cluster, install Istio when it is absent', false)
    .option('--driver <driver>', 'minikube driver', DEFAULTS.minikubeDriver)
    .option('--cpus <n>', `minikube CPUs (default: ${DEFAULTS.minikubeCpus}, or what Docker has, at least 2)`)
    .option('--memory <mb>', `minikube memory in MB (default: ${DEFAULTS.minikubeMemoryMb}, mesh-lab's floor, or what Docker has, at least 1800; istio.io asks for 16384)`)
    .option('--kubernetes-version <version>', 'minikube Kubernetes version, e.g. v1.34.0')
    .option('--istio-version <version>', 'Istio version; istioctl of exactly that version comes from PATH, the cache, or a verified download', DEFAULTS.istioVersion)
    .addOption(new Option('--profile <profile>', 'Istio profile').choices(['default', 'demo', 'minimal'] as const).default('default' as const))
    .option('--namespace <ns>', 'namespace of the app and its routing', DEFAULTS.namespace)
    .option('--gateway-api', 'route with the Kubernetes Gateway API (Gateway + HTTPRoute), installing its CRDs when absent', false)
    .option('--use-existing-namespace', 'deploy into --namespace even though it exists (mesh-lab labels it, never deletes it)', false)
    .option('--image <image>', 'app image (must accept http-echo style -listen/-text flags)', DEFAULTS.image)
    .option('--node-port <port>', 'ingress http2 nodePort', String(DEFAULTS.httpNodePort))
    .option('--https-node-port <port>', 'ingress https nodePort', String(DEFAULTS.httpsNodePort))
    .option('--host-port <port>', 'port on 127.0.0.1 mapped to the http2 nodePort (default: same as --node-port)')
    .option('--https-host-port <port>', 'port on 127.0.0.1 mapped to the https nodePort (default: same as --https-node-port)')
    .option('--kind-node-image <image>', 'kind node image (kind create cluster --image)')
    .option('--timeout <seconds>', 'how long to wait for the route to answer', String(DEFAULTS.verifyTimeoutSeconds))
    .option('--rollout-timeout <seconds>', 'how long to wait for the app rollout', String(DEFAULTS.rolloutTimeoutSeconds))
    .option('--dry-run', 'print every command and manifest without running anything', false)
    .option('--no-download', 'never download missing tools; fail naming them instead')
    .option('--bundle <file>', 'take every tool and image from this bundle (`mesh-lab bundle create`): no network needed')
    .option('--preload', "pull Istio's and the app's images on the host while the cluster is created, and load them into the node (cached by digest)", false)
    .option(...WAIT_LOCK_FLAG)
    .action(async (opts) => {
      const environment = f.environmentName();
      const result = await run({
        input: {
          provider: opts.provider,
          clusterName: opts.clusterName ?? environment,
          context: opts.context,
          kubeconfig: opts.kubeconfig,
          installIstio: opts.installIstio,
          driver: opts.driver,
          cpus: opts.cpus,
          memoryMb: opts.memory,
          kubernetesVersion: opts.kubernetesVersion,
          istioVersion: opts.istioVersion,
          profile: opts.profile,
          namespace: opts.namespace,
          useExistingNamespace: opts.useExistingNamespace,
          gatewayApi: opts.gatewayApi,
          image: opts.image,
          httpNodePort: opts.nodePort,
          httpsNodePort: opts.httpsNodePort,
          httpHostPort: opts.hostPort,
          httpsHostPort: opts.httpsHostPort,
          kindNodeImage: opts.kindNodeImage,
          verifyTimeoutSeconds: opts.timeout,
          rolloutTimeoutSeconds: opts.rolloutTimeout,
        },
        phases: { noDownload: !opts.download, ...(opts.bundle ? { bundle: opts.bundle } : {}), ...(opts.preload ? { preload: true } : {}) },
        dryRun: opts.dryRun,
        waitLockSeconds: parseWaitLock(opts.waitLock),
      });
      printUpResult(f, environment, result);
    });
}

function printUpResult(f: Factory, environment: string, result: UpResult): void {
  if (f.flags.json) return f.printJson(result);
  const p = f.printer();
  for (const note of result.notes) p.out(`note: ${note}`);
  if (result.dryRun) return void p.out('dry run: nothing was changed');
  const e = result.ingress!;
  p.out(`\nEnvironment ${result.environment} is ready: curl http://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}${'/helloworld'}`);
  p.out(`Next: eval "$(mesh-lab env${environment !== DEFAULTS.environment ? ` --environment ${environment}` : ''})"; curl "$GATEWAY_URL/helloworld"`);
}
