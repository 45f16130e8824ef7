// Server-side defaulting and allocation, as the API server does it on create/update:
// Service clusterIP (kind's service CIDR 10.96.0.0/16), nodePorts (30000-32767) with the
// apiserver's collision error, port protocol/targetPort; Deployment and pod-template
// defaults; Namespace finalizers/phase. Returns Invalid causes instead of throwing.
import { createHash } from 'node:crypto';
import type { K8sObject } from '../lib/store.js';
import type { Cause } from './errors.js';
import { assignLoadBalancer } from './load-balancer.js';

const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

function usedNodePorts(objects: K8sObject[], except: K8sObject | undefined): Set<number> {
  const used = new Set<number>();
  for (const o of objects) {
    if (o.kind !== 'Service' || o === except) continue;
    for (const p of (o.spec?.ports ?? []) as Array<{ nodePort?: number }>) if (p.nodePort) used.add(p.nodePort);
  }
  return used;
}

function usedClusterIPs(objects: K8sObject[]): Set<string> {
  return new Set(objects.filter((o) => o.kind === 'Service' && o.spec?.clusterIP).map((o) => o.spec.clusterIP as string));
}

/** A stable pseudo-random pick, so that re-running a test gives the same allocations. */
function pick(seed: string, n: number): number {
  return createHash('sha256').update(seed).digest().readUInt32BE(0) % n;
}

function defaultService(obj: K8sObject, live: K8sObject | undefined, objects: K8sObject[]): Cause[] {
  const causes: Cause[] = [];
  const spec = (obj.spec ??= {});
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    if (!spec.clusterIP) {
      const prev = live?.spec?.clusterIP as string | undefined;
      if (prev) spec.clusterIP = prev;
      else {
        const used = usedClusterIPs(objects);
        let i = pick(`${obj.metadata.namespace}/${obj.metadata.name}`, 65000);
        let ip: string;
        do {
          i = (i + 1) % 65000;
          ip = `10.96.${Math.floor((i + 256) / 256) % 256}.${(i % 254) + 1}`;
        } while (used.has(ip) || ip === '10.96.0.1' || ip === '10.96.0.10');
        spec.clusterIP = ip;
      }
    }
    spec.clusterIPs ??= [spec.clusterIP];
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    spec.internalTrafficPolicy ??= 'Cluster';
  }
  const wantsNodePorts = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (wantsNodePorts) spec.externalTrafficPolicy ??= 'Cluster';
  if (spec.type === 'LoadBalancer') spec.allocateLoadBalancerNodePorts ??= true;
  const used = usedNodePorts(objects, live);
  const prevPorts = (live?.spec?.ports ?? []) as Array<{ port: number; protocol?: string; nodePort?: number }>;
  const ports = (spec.ports ?? []) as Array<Record<string, any>>;
  ports.forEach((p, n) => {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
    if (!wantsNodePorts) {
      if (p.nodePort !== undefined) {
        causes.push({ field: `spec.ports[${n}].nodePort`, message: `Forbidden: may not be used when \`type\` is '${spec.type}'` });
      }
      return;
    }
    if (p.nodePort !== undefined) {
      if (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX) {
        causes.push({ field: `spec.ports[${n}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}` });
      } else if (used.has(p.nodePort)) {
        causes.push({ field: `spec.ports[${n}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` });
      }
      used.add(p.nodePort);
      return;
    }
    // An update keeps the nodePort already allocated to the same port (strategic merge keeps it).
    const prev = prevPorts.find((q) => q.port === p.port && (q.protocol ?? 'TCP') === p.protocol)?.nodePort;
    if (prev && !used.has(prev)) {
      p.nodePort = prev;
    } else {
      let candidate = NODE_PORT_MIN + pick(`${obj.metadata.namespace}/${obj.metadata.name}/${p.port}`, NODE_PORT_MAX - NODE_PORT_MIN + 1);
      while (used.has(candidate)) candidate = candidate === NODE_PORT_MAX ? NODE_PORT_MIN : candidate + 1;
      p.nodePort = candidate;
    }
    used.add(p.nodePort);
  });
  obj.status = { loadBalancer: {} };
  assignLoadBalancer(obj, objects); // MESHLAB_SIM_LB_IP / _HOSTNAME (k8s/load-balancer.ts)
  return causes;
}

function defaultPodSpec(spec: Record<string, any>): void {
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])] as Array<Record<string, any>>) {
    const image = String(c.image ?? '');
    const tag = image.includes('@') ? 'digest' : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
    c.imagePullPolicy ??= tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
    for (const p of (c.ports ?? []) as Array<Record<string, any>>) p.protocol ??= 'TCP';
  }
}

function defaultDeployment(obj: K8sObject): Cause[] {
  const causes: Cause[] = [];
  const spec = (obj.spec ??= {});
  spec.replicas ??= 1;
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;
  spec.strategy ??= { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  const tmplLabels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
  const sel = (spec.selector?.matchLabels ?? {}) as Record<string, string>;
  if (Object.entries(sel).some(([k, v]) => tmplLabels[k] !== v)) {
    causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goMap(tmplLabels)}: \`selector\` does not match template \`labels\`` });
  }
  if (!spec.template?.spec?.containers?.length) {
    causes.push({ field: 'spec.template.spec.containers', message: 'Required value' });
  }
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.metadata.creationTimestamp ??= null;
  if (spec.template.spec) defaultPodSpec(spec.template.spec);
  return causes;
}

function goMap(m: Record<string, string>): string {
  return `map[string]string{${Object.entries(m).map(([k, v]) => `"${k}":"${v}"`).join(', ')}}`;
}

export function applyDefaults(obj: K8sObject, live: K8sObject | undefined, objects: K8sObject[]): Cause[] {
  switch (obj.kind) {
    case 'Service':
      return defaultService(obj, live, objects);
    case 'Deployment':
      return defaultDeployment(obj);
    case 'Namespace':
      obj.spec ??= { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
      return [];
    default:
      return [];
  }
}
