// Istio for the lab: kept when the requested version already runs with a gateway Service
// that fits, installed otherwise. On an existing cluster mesh-lab installs Istio only when
// it is absent and the user asked for it (--install-istio).
import { parse } from 'yaml';
import type { UpOptions } from '../../state/up-options.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { installedIstio } from '../../istio/installed-istio.js';
import { istioSystemSnapshot } from '../../istio/istio-system-read.js';
import type { Istioctl } from '../../istio/istioctl.js';
import { meshDifferences, runningMeshShape } from '../../istio/mesh-config.js';
import type { Kubectl } from '../../kube/kubectl.js';
import type { KubeReader } from '../../kube/namespace-snapshot.js';
import { toYaml } from '../../manifests/yaml.js';
import type { Session } from '../../session/session.js';
import type { ClusterProvider } from '../../providers/provider.js';
import { providers } from '../../providers/registry.js';

export interface IstioOutcome {
  action: 'installed' | 'kept';
  version: string;
}

/** Local clusters get a NodePort gateway with pinned nodePorts; an existing cluster keeps the profile's Service (a LoadBalancer). */
export function operatorFor(provider: ClusterProvider, rendered: string): string {
  if (providers.get(provider.name).local) return rendered;
  const iop = parse(rendered) as { spec: { components: { ingressGateways: Array<Record<string, unknown>> } } };
  for (const gw of iop.spec.components.ingressGateways) delete gw.k8s;
  return toYaml([iop]);
}

async function gatewayServiceFits(kubectl: KubeReader, o: UpOptions): Promise<boolean> {
  const services = await kubectl.list('services', { namespace: 'istio-system', selector: 'istio=ingressgateway', purpose: 'read the ingress gateway Service' });
  const ports = (services[0]?.spec as { ports?: Array<{ name?: string; nodePort?: number }> } | undefined)?.ports ?? [];
  return ports.some((p) => p.name === 'http2' && p.nodePort === o.httpNodePort) && ports.some((p) => p.name === 'https' && p.nodePort === o.httpsNodePort);
}

export async function ensureIstio(
  session: Session,
  o: UpOptions,
  provider: ClusterProvider,
  kubectl: Kubectl,
  istioctl: Istioctl,
  operatorYaml: string,
  progress: (text: string) => void,
): Promise<IstioOutcome> {
  const context = provider.access().context;
  const definition = providers.get(provider.name);
  // every check below reads istio-system from one snapshot: nothing is written before install
  const reads = istioSystemSnapshot(kubectl);
  const current = session.dryRun ? undefined : await installedIstio(reads);
  if (current && current.version !== o.istioVersion) {
    throw new MeshLabError(ExitCode.Conflict, `Istio ${current.version} already runs in ${context}, but this lab asks for ${o.istioVersion}`, {
      hint: definition.local ? `pass --istio-version ${current.version}, or use a fresh cluster (--cluster-name)` : `pass --istio-version ${current.version}`,
    });
  }
  const differences = current ? meshDifferences(await runningMeshShape(reads), o) : [];
  if (definition.needsIstioInstallFlag) {
    if (current && differences.length === 0) return { action: 'kept', version: current.version };
    if (current && !o.installIstio) {
      throw new MeshLabError(ExitCode.Conflict, `Istio in context ${context} does not fit: ${differences.join('; ')}`, {
        hint: 'reconfigure it yourself, or pass --install-istio to let mesh-lab run istioctl install with the lab settings',
      });
    }
    if (!o.installIstio && !session.dryRun) {
      throw new MeshLabError(ExitCode.Prerequisite, `Istio is not installed in context ${context}`, {
        hint: `pass --install-istio to let mesh-lab install Istio ${o.istioVersion} (profile ${o.profile}), or install it yourself (istioctl install --context ${context})`,
      });
    }
  } else if (current?.ready && differences.length === 0 && (await gatewayServiceFits(reads, o))) {
    return { action: 'kept', version: current.version };
  }
  // same version, other settings: `istioctl install` reconfigures in place
  if (differences.length > 0) progress(`reconfiguring Istio: ${differences.join('; ')}`);
  session.writeFile(session.paths.istioOperator, operatorYaml);
  progress('istioctl install (a minute or two on a laptop)');
  await istioctl.install(session.paths.istioOperator);
  return { action: 'installed', version: o.istioVersion };
}
