// Istio's automated deployment of a Gateway of class `istio` (istio/istio 1.30
// pilot/pkg/config/kube/gateway/deploymentcontroller.go extractServicePorts, and
// manifests/charts/istio-control/istio-discovery/files/kube-gateway.yaml):
// - names: NAME-istio for the ServiceAccount, Deployment and Service;
// - labels: gateway.networking.k8s.io/gateway-name: NAME and gateway-class-name;
// - Service ports: `status-port` 15021 (appProtocol tcp) first, then one per distinct
//   listener port, named after the listener, appProtocol = lower-cased protocol, no
//   targetPort (Envoy binds the listener ports itself);
// - type LoadBalancer unless the Gateway's networking.istio.io/service-type annotation says
//   otherwise; spec.infrastructure.parametersRef may name a ConfigMap in the Gateway's
//   namespace whose `service` / `deployment` keys are strategic-merge patches.
import { parse } from 'yaml';
import type { K8sObject } from '../lib/store.js';
import { applyDefaults } from '../k8s/defaults.js';
import { GATEWAY_NAME_LABEL, GW_GROUP, SERVICE_TYPE_ANNOTATION } from './facts.js';

/** Manual deployment: the Gateway names an existing Service through a Hostname address. */
export function isManual(gw: K8sObject): boolean {
  return ((gw.spec?.addresses ?? []) as Array<{ type?: string }>).some((a) => (a.type ?? 'IPAddress') === 'Hostname');
}

export function deploymentName(gw: K8sObject): string {
  return `${gw.metadata.name}-${gw.spec.gatewayClassName}`;
}

export function servicePorts(gw: K8sObject): Array<Record<string, unknown>> {
  const ports: Array<Record<string, unknown>> = [{ name: 'status-port', port: 15021, protocol: 'TCP', appProtocol: 'tcp' }];
  const seen = new Set<number>();
  ((gw.spec?.listeners ?? []) as Array<{ name: string; port: number; protocol: string }>).forEach((l, i) => {
    if (seen.has(l.port)) return;
    seen.add(l.port);
    ports.push({ name: l.name || `${l.protocol.toLowerCase()}-${i}`, port: l.port, protocol: 'TCP', appProtocol: l.protocol.toLowerCase() });
  });
  return ports;
}

/** A strategic merge patch, as far as Service and Deployment specs need it: lists of
 *  ports merge on `port` (containers on `name`), other lists are replaced, maps merge. */
export function strategicMerge(base: any, patch: any, key?: string): any {
  if (Array.isArray(patch) && Array.isArray(base) && (key === 'ports' || key === 'containers')) {
    const mergeKey = key === 'ports' ? 'port' : 'name';
    const out = base.map((b) => ({ ...b }));
    for (const p of patch) {
      const i = out.findIndex((b) => b[mergeKey] === p[mergeKey]);
      if (i === -1) out.push(p);
      else out[i] = strategicMerge(out[i], p);
    }
    return out;
  }
  if (patch && typeof patch === 'object' && !Array.isArray(patch) && base && typeof base === 'object' && !Array.isArray(base)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(patch)) out[k] = v === null ? undefined : strategicMerge(base[k], v, k);
    return out;
  }
  return patch;
}

function parametersPatch(gw: K8sObject, objects: K8sObject[], key: 'service' | 'deployment'): any {
  const ref = gw.spec?.infrastructure?.parametersRef as { group?: string; kind?: string; name?: string } | undefined;
  if (!ref || ref.kind !== 'ConfigMap' || (ref.group ?? '') !== '') return undefined;
  const cm = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.namespace === gw.metadata.namespace && o.metadata.name === ref.name);
  const text = cm?.data?.[key];
  if (!text) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** The objects Istio writes for `gw`, defaulted as the API server would store them. */
export function automatedObjects(gw: K8sObject, objects: K8sObject[]): K8sObject[] {
  const name = deploymentName(gw);
  const ns = gw.metadata.namespace!;
  const labels = { [GATEWAY_NAME_LABEL]: gw.metadata.name, 'gateway.networking.k8s.io/gateway-class-name': gw.spec.gatewayClassName };
  const ownerReferences = [{ apiVersion: `${GW_GROUP}/v1`, kind: 'Gateway', name: gw.metadata.name, uid: gw.metadata.uid }];
  const meta = (kind: string) => ({ name, namespace: ns, labels: kind === 'Deployment' ? { ...labels, 'istio.io/gateway-name': gw.metadata.name } : { ...labels }, ownerReferences });
  const sa: K8sObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('ServiceAccount') };
  let deploy: K8sObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('Deployment'),
    spec: {
      selector: { matchLabels: { [GATEWAY_NAME_LABEL]: gw.metadata.name } },
      template: {
        metadata: { annotations: { 'inject.istio.io/templates': 'gateway' }, labels: { ...labels, 'istio.io/gateway-name': gw.metadata.name, 'sidecar.istio.io/inject': 'false' } },
        spec: { serviceAccountName: name, containers: [{ name: 'istio-proxy', image: 'auto', ports: [{ containerPort: 15021, name: 'status-port', protocol: 'TCP' }] }] },
      },
    },
  };
  const type = gw.metadata.annotations?.[SERVICE_TYPE_ANNOTATION] ?? 'LoadBalancer';
  let svc: K8sObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('Service'),
    spec: { ipFamilyPolicy: 'PreferDualStack', ports: servicePorts(gw), selector: { [GATEWAY_NAME_LABEL]: gw.metadata.name }, type },
  };
  const svcPatch = parametersPatch(gw, objects, 'service');
  if (svcPatch) svc = strategicMerge(svc, svcPatch);
  const deployPatch = parametersPatch(gw, objects, 'deployment');
  if (deployPatch) deploy = strategicMerge(deploy, deployPatch);
  const live = objects.find((o) => o.kind === 'Service' && o.metadata.namespace === ns && o.metadata.name === name);
  // Envoy binds listener ports itself: the Service's targetPort stays the port.
  applyDefaults(svc, live, objects);
  applyDefaults(deploy, undefined, objects);
  return [sa, deploy, svc];
}
