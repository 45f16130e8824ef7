// The parts of the mesh config (ConfigMap istio-system/istio, key `mesh`, written by
// istioctl install from IstioOperator.spec.meshConfig) the data plane acts on.
// Dependency-free on purpose: this module also runs inside the node container, which
// has no node_modules, so the YAML is read with a pattern rather than a parser.
import type { K8sObject } from './types.js';
import { find, ofKind } from './objects.js';

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/** meshConfig.outboundTrafficPolicy.mode; Istio's default is ALLOW_ANY. */
export function outboundMode(objects: K8sObject[]): OutboundMode {
  const cm = find(objects, 'ConfigMap', 'istio-system', 'istio');
  const mesh = cm?.data?.mesh ?? '';
  const m = /^([ \t]*)outboundTrafficPolicy:[ \t]*\r?\n(?:\1[ \t]+#.*\r?\n)*\1[ \t]+mode:[ \t]*["']?(ALLOW_ANY|REGISTRY_ONLY)["']?/m.exec(mesh);
  const inline = /outboundTrafficPolicy:[ \t]*\{[^}]*mode:[ \t]*["']?(ALLOW_ANY|REGISTRY_ONLY)/.exec(mesh);
  return ((m?.[2] ?? inline?.[1]) as OutboundMode | undefined) ?? 'ALLOW_ANY';
}

/** Istio is installed when istiod runs (its Deployment exists). */
export function istioInstalled(objects: K8sObject[]): boolean {
  return ofKind(objects, 'Deployment').some((d) => d.metadata.labels?.app === 'istiod' || d.metadata.name === 'istiod');
}
