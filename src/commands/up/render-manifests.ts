// Renders every manifest `up` needs from templates/, as plain objects and as YAML 1.1.
import { DEFAULTS } from '../../config/defaults.js';
import type { UpOptions } from '../../state/up-options.js';
import { networkingApiVersion } from '../../istio/networking-api.js';
import type { K8sObject } from '../../kube/objects.js';
import { renderTemplate } from '../../manifests/template.js';
import type { TemplateValue } from '../../manifests/template.js';
import { ingressGatewayPorts } from '../../manifests/ingress-gateway-ports.js';
import { toYaml } from '../../manifests/yaml.js';

export interface UpManifests {
  kindConfig: string;
  istioOperator: string;
  app: K8sObject[];
  routing: K8sObject[];
  /** --gateway-api: the Gateway (istio-system) and the HTTPRoute (also in routing) */
  gatewayApi?: { gateway: K8sObject; route: K8sObject };
}

export function appArgs(o: Pick<UpOptions, 'appPort' | 'responseText'>): string[] {
  // hashicorp/http-echo's flags: listen address and the text to answer with
  return [`-listen=:${o.appPort}`, `-text=${o.responseText}`];
}

export function renderUpManifests(o: UpOptions): UpManifests {
  return {
    kindConfig: toYaml(
      renderTemplate('kind-cluster.yaml', {
        clusterName: o.clusterName,
        listenAddress: DEFAULTS.listenAddress,
        httpNodePort: o.httpNodePort,
        httpHostPort: o.httpHostPort,
        httpsNodePort: o.httpsNodePort,
        httpsHostPort: o.httpsHostPort,
      }),
    ),
    istioOperator: toYaml(
      renderTemplate('istio-operator.yaml', {
        profile: o.profile,
        gatewayPorts: ingressGatewayPorts(o.profile, { http2: o.httpNodePort, https: o.httpsNodePort }) as unknown as TemplateValue,
        outboundTrafficPolicy: o.outboundTrafficPolicy,
      }),
    ),
    app: renderTemplate('helloworld-app.yaml', {
      namespace: o.namespace,
      image: o.image,
      args: appArgs(o),
      port: o.appPort,
    }) as K8sObject[],
    ...routingManifests(o),
  };
}

/** The routing objects: Istio's Gateway + VirtualService, or with --gateway-api an HTTPRoute (the Gateway is applied apart). */
function routingManifests(o: UpOptions): Pick<UpManifests, 'routing' | 'gatewayApi'> {
  const networking = networkingApiVersion(o.istioVersion);
  if (o.gatewayApi) {
    const [gateway, route] = renderTemplate('helloworld-gateway-api.yaml', { gatewayName: `helloworld-${o.namespace}`, namespace: o.namespace, path: o.path, port: o.appPort }) as [K8sObject, K8sObject];
    return { routing: [route], gatewayApi: { gateway, route } };
  }
  return {
    routing: [
      ...(renderTemplate('helloworld-gateway.yaml', { namespace: o.namespace, networkingApiVersion: networking }) as K8sObject[]),
      ...(renderTemplate('helloworld-virtualservice.yaml', {
        namespace: o.namespace,
        networkingApiVersion: networking,
        path: o.path,
        port: o.appPort,
      }) as K8sObject[]),
    ],
  };
}
