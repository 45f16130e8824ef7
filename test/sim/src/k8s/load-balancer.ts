// Simulator knobs standing in for a load-balancer controller (MetalLB, cloud-provider-kind,
// a cloud): without one a LoadBalancer Service stays <pending> (status.loadBalancer: {}),
// exactly as Istio's default profile leaves istio-ingressgateway on kind or minikube.
//   MESHLAB_SIM_LB_IP=<ip>|node   status.loadBalancer.ingress[0].ip; `node` means the node's
//                                 InternalIP (the node container's IP), what MetalLB or
//                                 cloud-provider-kind hand out on a local Docker network.
//   MESHLAB_SIM_LB_HOSTNAME=<h>   status.loadBalancer.ingress[0].hostname (e.g. an AWS ELB
//                                 name); never reachable from the simulator.
// Applied when the API server stores a LoadBalancer Service (create/update), as a
// controller that answers instantly would.
import type { K8sObject } from '../lib/store.js';

export function loadBalancerIngress(objects: K8sObject[], env: NodeJS.ProcessEnv = process.env): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const ip = env.MESHLAB_SIM_LB_IP?.trim();
  if (ip) {
    const resolved = ip === 'node'
      ? (objects.find((o) => o.kind === 'Node')?.status?.addresses as Array<{ type: string; address: string }> | undefined)?.find((a) => a.type === 'InternalIP')?.address
      : ip;
    if (resolved) out.push({ ip: resolved, ipMode: 'VIP' });
  }
  const host = env.MESHLAB_SIM_LB_HOSTNAME?.trim();
  if (host) out.push({ hostname: host });
  return out;
}

/** Sets status.loadBalancer of a LoadBalancer Service from the knobs (no-op otherwise). */
export function assignLoadBalancer(svc: K8sObject, objects: K8sObject[]): void {
  if (svc.kind !== 'Service' || svc.spec?.type !== 'LoadBalancer') return;
  const ingress = loadBalancerIngress(objects);
  svc.status = ingress.length > 0 ? { loadBalancer: { ingress } } : { loadBalancer: {} };
}
