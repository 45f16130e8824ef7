// The parts of the mesh config (ConfigMap istio-system/istio, key `mesh`, written by
// istioctl install from IstioOperator.spec.meshConfig) the data plane acts on.
// Dependency-free on purpose: this module also runs inside the node container, which
// has no node_modules, so the YAML is read with a pattern rather than a parser.
import type { K8sObject, MeshOptions } from './types.js';
import { effectiveOfKind, find, ofKind } from './objects.js';

export type OutboundMode = 'ALLOW_ANY' | 'REGISTRY_ONLY';

/**
 * The outbound traffic policy a workload in `namespace` gets: its namespace's Sidecar (one
 * without a workloadSelector applies to every workload there) when that sets
 * `outboundTrafficPolicy.mode`, else the root namespace's (istio-system), else
 * meshConfig.outboundTrafficPolicy.mode; Istio's default is ALLOW_ANY (istio.io reference
 * "Sidecar": "If not specified, inherits the system detected defaults from the
 * namespace-wide or the global default Sidecar"). A Sidecar's `egress` host lists are not
 * modelled.
 */
export function outboundMode(objects: K8sObject[], namespace?: string, timing?: { now: number; opts: MeshOptions }): OutboundMode {
  // like every Istio resource, a Sidecar reaches the proxies after its propagation delay
  const sidecars = timing ? effectiveOfKind(objects, 'Sidecar', timing.now, timing.opts) : ofKind(objects, 'Sidecar');
  for (const ns of [namespace, 'istio-system']) {
    if (ns === undefined) continue;
    const sc = sidecars.find((o) => o.metadata.namespace === ns && !o.spec?.workloadSelector && o.spec?.outboundTrafficPolicy?.mode);
    const mode = sc?.spec?.outboundTrafficPolicy?.mode;
    if (mode === 'ALLOW_ANY' || mode === 'REGISTRY_ONLY') return mode;
  }
  return meshOutboundMode(objects);
}

/** meshConfig.outboundTrafficPolicy.mode; Istio's default is ALLOW_ANY. */
export function meshOutboundMode(objects: K8sObject[]): OutboundMode {
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
