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
