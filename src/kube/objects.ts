// The few Kubernetes object shapes mesh-lab reads. Only the fields it uses are typed.
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

export interface K8sList {
  apiVersion: string;
  kind: 'List' | string;
  items: K8sObject[];
}

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

export interface ServiceObject extends K8sObject {
  spec: { type?: string; ports?: ServicePort[]; selector?: Record<string, string>; clusterIP?: string };
  status?: { loadBalancer?: { ingress?: Array<{ ip?: string; hostname?: string }> } };
}

export interface NodeObject extends K8sObject {
  status?: { addresses?: Array<{ type: string; address: string }>; conditions?: Array<{ type: string; status: string }> };
}

export interface DeploymentObject extends K8sObject {
  spec?: { template?: { spec?: { containers?: Array<{ name: string; image?: string }> } } };
  status?: { availableReplicas?: number; readyReplicas?: number; replicas?: number };
}

export function nodeInternalIP(node: NodeObject): string | undefined {
  return node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}
