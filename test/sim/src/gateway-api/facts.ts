// Shared facts of the simulated Gateway API: its group, CRD presence, object lookups.
import type { K8sObject } from '../lib/store.js';

export const GW_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';
/** Istio's annotation that changes the automated Service's type (default LoadBalancer). */
export const SERVICE_TYPE_ANNOTATION = 'networking.istio.io/service-type';

export function hasCrd(objects: K8sObject[], plural: string): boolean {
  return objects.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === `${plural}.${GW_GROUP}`);
}

/** Stored Gateway API objects of one kind (never Istio's networking.istio.io Gateway). */
export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind && o.apiVersion.startsWith(`${GW_GROUP}/`));
}

export function serviceHost(name: string, ns: string): string {
  return `${name}.${ns}.svc.cluster.local`;
}
