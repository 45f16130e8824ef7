// Compact field schemas for the core kinds mesh-lab applies (Namespace, ServiceAccount,
// ConfigMap, Service, Deployment, Pod). Field names follow the Kubernetes API reference
// (k8s.io/api core/v1, apps/v1 types). Deep, rarely-used subtrees (probes, affinity,
// securityContext, volumes...) are marked `u` (accepted as-is): the point is that a typo
// at the levels users actually write (spec, ports, containers, template) is rejected the
// way the API server's strict field validation rejects it.
import type { FieldSchema } from './types.js';

const str: FieldSchema = { t: 'string' };
const int: FieldSchema = { t: 'integer' };
const bool: FieldSchema = { t: 'boolean' };
const strMap: FieldSchema = { t: 'object', m: str };
const strList: FieldSchema = { t: 'array', i: str };
const opaque: FieldSchema = { t: 'object', u: true };
const opaqueList: FieldSchema = { t: 'array', i: opaque };

export const objectMeta: FieldSchema = {
  t: 'object',
  p: {
    name: str, generateName: str, namespace: str, labels: strMap, annotations: strMap, uid: str,
    resourceVersion: str, generation: int, creationTimestamp: { t: 'string', f: 'date-time' },
    deletionTimestamp: str, deletionGracePeriodSeconds: int, ownerReferences: opaqueList,
    finalizers: strList, managedFields: opaqueList, selfLink: str,
  },
};

const labelSelector: FieldSchema = {
  t: 'object',
  p: { matchLabels: strMap, matchExpressions: { t: 'array', i: { t: 'object', p: { key: str, operator: str, values: strList }, r: ['key', 'operator'] } } },
};

const containerPort: FieldSchema = {
  t: 'object',
  p: { containerPort: int, hostIP: str, hostPort: int, name: str, protocol: { t: 'string', e: ['TCP', 'UDP', 'SCTP'] } },
  r: ['containerPort'],
};

const envVar: FieldSchema = { t: 'object', p: { name: str, value: str, valueFrom: opaque }, r: ['name'] };

const container: FieldSchema = {
  t: 'object',
  p: {
    name: str, image: str, command: strList, args: strList, workingDir: str, ports: { t: 'array', i: containerPort },
    envFrom: opaqueList, env: { t: 'array', i: envVar }, resources: opaque, resizePolicy: opaqueList, restartPolicy: str,
    volumeMounts: opaqueList, volumeDevices: opaqueList, livenessProbe: opaque, readinessProbe: opaque, startupProbe: opaque,
    lifecycle: opaque, terminationMessagePath: str, terminationMessagePolicy: str,
    imagePullPolicy: { t: 'string', e: ['Always', 'Never', 'IfNotPresent'] }, securityContext: opaque,
    stdin: bool, stdinOnce: bool, tty: bool,
  },
  r: ['name'],
};

export const podSpec: FieldSchema = {
  t: 'object',
  p: {
    volumes: opaqueList, initContainers: { t: 'array', i: container }, containers: { t: 'array', i: container },
    ephemeralContainers: opaqueList, restartPolicy: str, terminationGracePeriodSeconds: int, activeDeadlineSeconds: int,
    dnsPolicy: str, nodeSelector: strMap, serviceAccountName: str, serviceAccount: str, automountServiceAccountToken: bool,
    nodeName: str, hostNetwork: bool, hostPID: bool, hostIPC: bool, shareProcessNamespace: bool, securityContext: opaque,
    imagePullSecrets: opaqueList, hostname: str, subdomain: str, affinity: opaque, schedulerName: str,
    tolerations: opaqueList, hostAliases: opaqueList, priorityClassName: str, priority: int, dnsConfig: opaque,
    readinessGates: opaqueList, runtimeClassName: str, enableServiceLinks: bool, preemptionPolicy: str, overhead: opaque,
    topologySpreadConstraints: opaqueList, setHostnameAsFQDN: bool, os: opaque, hostUsers: bool, schedulingGates: opaqueList,
    resourceClaims: opaqueList, resources: opaque,
  },
  r: ['containers'],
};

const podTemplate: FieldSchema = { t: 'object', p: { metadata: objectMeta, spec: podSpec } };

const servicePort: FieldSchema = {
  t: 'object',
  p: {
    name: str, protocol: { t: 'string', e: ['TCP', 'UDP', 'SCTP'] }, appProtocol: str, port: int,
    targetPort: { t: 'int-or-string' }, nodePort: int,
  },
  r: ['port'],
};

export const serviceSpec: FieldSchema = {
  t: 'object',
  p: {
    ports: { t: 'array', i: servicePort }, selector: strMap, clusterIP: str, clusterIPs: strList,
    type: { t: 'string', e: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] }, externalIPs: strList,
    sessionAffinity: { t: 'string', e: ['ClientIP', 'None'] }, loadBalancerIP: str, loadBalancerSourceRanges: strList,
    externalName: str, externalTrafficPolicy: { t: 'string', e: ['Cluster', 'Local'] }, healthCheckNodePort: int,
    publishNotReadyAddresses: bool, sessionAffinityConfig: opaque, ipFamilies: strList, ipFamilyPolicy: str,
    allocateLoadBalancerNodePorts: bool, loadBalancerClass: str, internalTrafficPolicy: { t: 'string', e: ['Cluster', 'Local'] },
    trafficDistribution: str,
  },
};

const deploymentSpec: FieldSchema = {
  t: 'object',
  p: {
    replicas: int, selector: labelSelector, template: podTemplate, strategy: opaque, minReadySeconds: int,
    revisionHistoryLimit: int, paused: bool, progressDeadlineSeconds: int,
  },
  r: ['selector', 'template'],
};

// k8s.io/api rbac/v1 types.go: PolicyRule, RoleRef, Subject.
const policyRule: FieldSchema = { t: 'object', r: ['verbs'], p: { verbs: strList, apiGroups: strList, resources: strList, resourceNames: strList, nonResourceURLs: strList } };
const roleRef: FieldSchema = { t: 'object', r: ['apiGroup', 'kind', 'name'], p: { apiGroup: str, kind: str, name: str } };
const subject: FieldSchema = { t: 'object', r: ['kind', 'name'], p: { kind: str, apiGroup: str, name: str, namespace: str } };

function kind(fields: Record<string, FieldSchema>): FieldSchema {
  return { t: 'object', p: { apiVersion: str, kind: str, metadata: objectMeta, ...fields } };
}

/** keyed by "group/version/Kind" ("" group for core) */
export const coreSchemas: Record<string, FieldSchema> = {
  'v1/Namespace': kind({ spec: { t: 'object', p: { finalizers: strList } }, status: opaque }),
  'v1/ServiceAccount': kind({ secrets: opaqueList, imagePullSecrets: opaqueList, automountServiceAccountToken: bool }),
  'v1/ConfigMap': kind({ data: strMap, binaryData: strMap, immutable: bool }),
  'v1/Secret': kind({ data: strMap, stringData: strMap, type: str, immutable: bool }),
  'v1/Service': kind({ spec: serviceSpec, status: opaque }),
  'v1/Pod': kind({ spec: podSpec, status: opaque }),
  'apps/v1/Deployment': kind({ spec: deploymentSpec, status: opaque }),
  'rbac.authorization.k8s.io/v1/Role': kind({ rules: { t: 'array', i: policyRule } }),
  'rbac.authorization.k8s.io/v1/ClusterRole': kind({ rules: { t: 'array', i: policyRule }, aggregationRule: { t: 'object', p: { clusterRoleSelectors: opaqueList } } }),
  'rbac.authorization.k8s.io/v1/RoleBinding': kind({ roleRef, subjects: { t: 'array', i: subject } }),
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': kind({ roleRef, subjects: { t: 'array', i: subject } }),
  'apiextensions.k8s.io/v1/CustomResourceDefinition': kind({ spec: opaque, status: opaque }),
};
