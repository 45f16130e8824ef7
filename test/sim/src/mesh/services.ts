// Destination host → Kubernetes Service, as Istio resolves hosts: a short name lives
// in the referring object's namespace; an FQDN is <name>.<ns>.svc.cluster.local.
import type { K8sObject } from './types.js';
import { find } from './objects.js';

export function resolveService(objects: K8sObject[], host: string, refNs: string): K8sObject | undefined {
  const h = host.toLowerCase();
  if (!h.includes('.')) return find(objects, 'Service', refNs, h);
  const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(h);
  return m ? find(objects, 'Service', m[2]!, m[1]!) : undefined;
}

/** The Kubernetes Service a pod's DNS lookup of `name` finds (resolv.conf search path
 * `<ns>.svc.cluster.local svc.cluster.local cluster.local`): `svc`, `svc.ns`,
 * `svc.ns.svc`, `svc.ns.svc.cluster.local`. */
export function resolveDnsService(objects: K8sObject[], name: string, clientNs: string): K8sObject | undefined {
  const parts = name.toLowerCase().replace(/\.$/, '').split('.');
  if (parts.length === 1) return find(objects, 'Service', clientNs, parts[0]!);
  const tail = parts.slice(2).join('.');
  if ((parts.length === 2 || tail === 'svc' || tail === 'svc.cluster.local') && parts[0] && parts[1]) return find(objects, 'Service', parts[1], parts[0]);
  return undefined;
}

export function serviceFqdn(svc: K8sObject): string {
  return `${svc.metadata.name}.${svc.metadata.namespace ?? 'default'}.svc.cluster.local`;
}
