// Which node ports the ingress gateway answers on, and what sits behind each one.
// A gateway Service is a NodePort/LoadBalancer Service whose selector matches the pod
// template of an ingress-gateway Deployment (label istio=ingressgateway, as istioctl's
// profiles install it, or istio=ingress, as the Helm gateway chart does).
import type { K8sObject } from './types.js';
import { nsOf, ofKind, podTemplateLabels, selectorMatches } from './objects.js';

export interface ServicePort {
  name?: string;
  port: number;
  nodePort?: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface IngressListener {
  service: K8sObject;
  port: ServicePort;
  /** the gateway Deployments behind the Service (usually exactly one) */
  deployments: K8sObject[];
  /** labels of the gateway pods: what Gateway.spec.selector is matched against */
  podLabels: Record<string, string>;
}

export function isIngressGatewayDeployment(d: K8sObject): boolean {
  const l = podTemplateLabels(d);
  // or the Gateway API: Istio's automated deployment of a Gateway (gateway-api/hop.ts)
  return l.istio === 'ingressgateway' || l.istio === 'ingress' || l['gateway.networking.k8s.io/gateway-name'] !== undefined;
}

/** Any Istio gateway (ingress or egress): the Envoy behind it routes by Gateway resources. */
export function isGatewayDeployment(d: K8sObject): boolean {
  const l = podTemplateLabels(d);
  return isIngressGatewayDeployment(d) || l.istio === 'egressgateway';
}

/** The gateway Deployments a Service fronts (empty when it is an ordinary Service). */
export function gatewayDeploymentsBehind(objects: K8sObject[], svc: K8sObject): K8sObject[] {
  return ofKind(objects, 'Deployment').filter((d) => isGatewayDeployment(d) && nsOf(d) === nsOf(svc) && selectorMatches(svc.spec?.selector, podTemplateLabels(d)));
}

function gatewayServices(objects: K8sObject[]): Array<{ service: K8sObject; deployments: K8sObject[] }> {
  const gws = ofKind(objects, 'Deployment').filter(isIngressGatewayDeployment);
  const out: Array<{ service: K8sObject; deployments: K8sObject[] }> = [];
  for (const svc of ofKind(objects, 'Service')) {
    const type = svc.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    const deployments = gws.filter((d) => nsOf(d) === nsOf(svc) && selectorMatches(svc.spec?.selector, podTemplateLabels(d)));
    if (deployments.length > 0) out.push({ service: svc, deployments });
  }
  return out;
}

/** Every node port some gateway Service exposes (the data plane opens a listener on each). */
export function ingressNodePorts(objects: K8sObject[]): number[] {
  const ports = new Set<number>();
  for (const { service } of gatewayServices(objects)) {
    for (const p of (service.spec?.ports ?? []) as ServicePort[]) if (typeof p.nodePort === 'number') ports.add(p.nodePort);
  }
  return [...ports].sort((a, b) => a - b);
}

export function listenerFor(objects: K8sObject[], nodePort: number): IngressListener | undefined {
  for (const { service, deployments } of gatewayServices(objects)) {
    const port = ((service.spec?.ports ?? []) as ServicePort[]).find((p) => p.nodePort === nodePort);
    if (port) return { service, port, deployments, podLabels: podTemplateLabels(deployments[0]!) };
  }
  return undefined;
}

/** The pod port a Service port forwards to (targetPort defaults to port). */
export function numericTargetPort(port: ServicePort, containers: Array<{ ports?: Array<{ name?: string; containerPort: number }> }>): number | undefined {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of containers) for (const p of c.ports ?? []) if (p.name === t) return p.containerPort;
  return undefined;
}
