// What to show when the route never answered: pods that are not ready, the gateway
// Service's ports, and `istioctl analyze`. Each part is best effort: diagnostics must
// never hide the original failure behind a new one.
import type { Istioctl } from '../istio/istioctl.js';
import type { Kubectl } from '../kube/kubectl.js';
import type { K8sObject, ServiceObject } from '../kube/objects.js';
import { classifyAnswer, formatExplanations, gatherEvidence, type AnswerSeen } from './explain.js';

interface PodStatus {
  phase?: string;
  conditions?: Array<{ type: string; status: string }>;
  containerStatuses?: Array<{ name: string; ready: boolean; state?: Record<string, { reason?: string; message?: string }> }>;
}

export function notReadyPods(pods: K8sObject[]): string[] {
  const out: string[] = [];
  for (const pod of pods) {
    const status = (pod.status ?? {}) as PodStatus;
    const ready = status.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (ready) continue;
    const waiting = status.containerStatuses
      ?.map((c) => Object.values(c.state ?? {})[0]?.reason)
      .filter(Boolean)
      .join(', ');
    out.push(`${pod.metadata.namespace}/${pod.metadata.name}: ${status.phase ?? 'Unknown'}${waiting ? ` (${waiting})` : ''}`);
  }
  return out;
}

export function describeServicePorts(svc: ServiceObject): string {
  const ports = (svc.spec.ports ?? []).map((p) => `${p.name ?? '?'} ${p.port}->${p.targetPort ?? p.port}${p.nodePort ? ` nodePort ${p.nodePort}` : ''}`);
  return `${svc.metadata.namespace}/${svc.metadata.name} type ${svc.spec.type ?? 'ClusterIP'}: ${ports.join(', ')}`;
}

export async function collectDiagnostics(kubectl: Kubectl, istioctl: Istioctl, namespace: string, service?: ServiceObject, answer?: AnswerSeen): Promise<string> {
  const parts: string[] = [];
  // first what the last answer means (Envoy's local replies), with the objects it points at
  if (answer) {
    const explained = await gatherEvidence(kubectl, namespace, classifyAnswer(answer));
    if (explained.length) parts.push(formatExplanations(explained));
  }
  for (const ns of [namespace, 'istio-system']) {
    try {
      const pods = await kubectl.list('pods', { namespace: ns, purpose: `list pods in ${ns}` });
      const bad = notReadyPods(pods);
      parts.push(bad.length ? `pods not ready in ${ns}:\n  ${bad.join('\n  ')}` : `all ${pods.length} pod(s) in ${ns} are ready`);
    } catch (err) {
      parts.push(`could not list pods in ${ns}: ${(err as Error).message}`);
    }
  }
  if (service) parts.push(`gateway service: ${describeServicePorts(service)}`);
  try {
    const analysis = await istioctl.analyze(namespace);
    parts.push(`istioctl analyze -n ${namespace}:\n  ${analysis.split('\n').join('\n  ')}`);
  } catch (err) {
    parts.push(`istioctl analyze failed: ${(err as Error).message}`);
  }
  return parts.join('\n');
}
