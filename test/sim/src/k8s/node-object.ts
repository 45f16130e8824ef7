// The one builder of Node objects: kind's and minikube's seeded nodes and the node the API
// view synthesizes when none was seeded are shaped like shared/upstream/kubectl/nodes-kind.json
// and nodes-minikube.json; only the facts below differ between them.
import type { K8sObject } from '../lib/store.js';
import { readyNodeConditions } from './node-status.js';

export interface NodeFacts {
  name: string;
  /** the InternalIP address */
  ip: string;
  /** labels besides the kubelet's own (kind config labels, minikube's minikube.k8s.io/*) */
  labels: Record<string, string>;
  /** kubeadm.alpha.kubernetes.io/cri-socket: containerd on kind, cri-dockerd on minikube */
  criSocket: string;
  containerRuntimeVersion: string;
  kubeletVersion: string;
  /** kind://docker/<cluster>/<node>; minikube sets none */
  providerID?: string;
  creationTimestamp: string;
  /** lastHeartbeatTime / lastTransitionTime of the node conditions */
  heartbeat: string;
  transition: string;
  resourceVersion: string;
  uid: string;
  bootID: string;
  machineID: string;
  systemUUID: string;
}

export function nodeObject(f: NodeFacts): K8sObject {
  // the node's allocatable resources as the shared fixtures report them
  const resources = { cpu: '8', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16273400Ki', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': f.criSocket,
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: f.creationTimestamp,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        ...f.labels,
        // the kubelet's own labels win over configured ones of the same name
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': f.name,
        'kubernetes.io/os': 'linux',
        'node-role.kubernetes.io/control-plane': '',
        'node.kubernetes.io/exclude-from-external-load-balancers': '',
      },
      name: f.name,
      resourceVersion: f.resourceVersion,
      uid: f.uid,
    },
    spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], ...(f.providerID ? { providerID: f.providerID } : {}) },
    status: {
      addresses: [
        { address: f.ip, type: 'InternalIP' },
        { address: f.name, type: 'Hostname' },
      ],
      allocatable: resources,
      capacity: resources,
      conditions: readyNodeConditions(f.heartbeat, f.transition),
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: f.bootID,
        containerRuntimeVersion: f.containerRuntimeVersion,
        kernelVersion: '6.8.0-60-generic',
        kubeProxyVersion: '',
        kubeletVersion: f.kubeletVersion,
        machineID: f.machineID,
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: f.systemUUID,
      },
    },
  };
}
