// The container images an Istio install runs, as istioctl renders them: `<hub>/<image>:<tag>`
// with hub `docker.io/istio` and tag = the Istio version of a release build, `pilot` for
// istiod (values.pilot.image) and `proxyv2` for the gateways, the injected sidecar and its
// init container (values.global.proxy.image, values.global.proxy_init.image): istio/istio
// manifests/profiles/default.yaml. Which components each profile enables:
// manifests/profiles/{default,demo,minimal}.yaml (default: pilot + ingress gateway; demo
// adds the egress gateway; minimal: pilot only). mesh-lab's IstioOperator
// (templates/istio-operator.yaml) always enables the ingress gateway, and its app
// namespace is injected, so proxyv2 is needed under every profile.
export const ISTIO_HUB = 'docker.io/istio';

export type IstioProfile = 'default' | 'demo' | 'minimal';

/** components each profile enables (manifests/profiles/*.yaml) */
const PROFILE_COMPONENTS: Record<IstioProfile, readonly IstioComponent[]> = {
  default: ['pilot', 'ingressGateway'],
  demo: ['pilot', 'ingressGateway', 'egressGateway'],
  minimal: ['pilot'],
};

type IstioComponent = 'pilot' | 'ingressGateway' | 'egressGateway' | 'sidecar';

const COMPONENT_IMAGE: Record<IstioComponent, string> = {
  pilot: 'pilot',
  ingressGateway: 'proxyv2',
  egressGateway: 'proxyv2',
  sidecar: 'proxyv2',
};

export interface IstioImage {
  image: string;
  /** the components that run it */
  components: IstioComponent[];
}

/** Istio's images for mesh-lab's install of `version` with `profile` (ingress gateway and sidecars always on). */
export function istioImages(version: string, profile: IstioProfile, hub = ISTIO_HUB): IstioImage[] {
  const components = new Set<IstioComponent>([...PROFILE_COMPONENTS[profile], 'ingressGateway', 'sidecar']);
  const byImage = new Map<string, IstioComponent[]>();
  for (const c of components) {
    const image = `${hub}/${COMPONENT_IMAGE[c]}:${version}`;
    byImage.set(image, [...(byImage.get(image) ?? []), c]);
  }
  return [...byImage].map(([image, cs]) => ({ image, components: cs }));
}
