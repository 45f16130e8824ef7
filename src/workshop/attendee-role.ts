// What an attendee may do, in their own namespace only (a Role, never a ClusterRole).
// Upstream Istio installs no ClusterRole labelled rbac.authorization.k8s.io/aggregate-to-edit,
// so the bootstrap `edit`/`admin` roles do not cover networking.istio.io: its kinds are
// listed explicitly. Nothing in istio-system and nothing cluster-wide: the join file
// carries the ingress endpoint, so an attendee never needs to discover it.
import type { K8sObject } from '../kube/objects.js';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'update', 'patch', 'delete'];

/** Each rule with the reason it is there (the labs' needs, checked by test/unit/workshop). */
export const ATTENDEE_RULES: ReadonlyArray<{ why: string; apiGroups: string[]; resources: string[]; verbs: string[] }> = [
  { why: 'the labs deploy apps and read their pods and endpoints', apiGroups: [''], resources: ['services', 'pods', 'endpoints', 'serviceaccounts'], verbs: [...READ, ...WRITE] },
  { why: 'lab progress (mesh-lab-progress) and lab configuration', apiGroups: [''], resources: ['configmaps'], verbs: [...READ, ...WRITE] },
  { why: 'check-step logs, in-mesh requests (kubectl exec) and a port-forward when a lab needs one', apiGroups: [''], resources: ['pods/log', 'pods/exec', 'pods/portforward'], verbs: ['get', 'create'] },
  { why: 'lab events in `kubectl get events`', apiGroups: [''], resources: ['events'], verbs: READ },
  { why: 'the labs roll out versions of their apps', apiGroups: ['apps'], resources: ['deployments', 'replicasets'], verbs: [...READ, ...WRITE] },
  {
    why: 'Istio traffic management, namespace-scoped (Gateway, VirtualService, DestinationRule, ServiceEntry, Sidecar)',
    apiGroups: ['networking.istio.io'],
    resources: ['gateways', 'virtualservices', 'destinationrules', 'serviceentries', 'sidecars'],
    verbs: [...READ, ...WRITE],
  },
];

export const ATTENDEE_SERVICE_ACCOUNT = 'attendee';

export function attendeeRbac(namespace: string, labels: Record<string, string>): K8sObject[] {
  const meta = (name: string) => ({ name, namespace, labels });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(ATTENDEE_SERVICE_ACCOUNT) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta('mesh-lab-attendee'),
      rules: ATTENDEE_RULES.map(({ apiGroups, resources, verbs }) => ({ apiGroups, resources, verbs })),
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta('mesh-lab-attendee'),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'mesh-lab-attendee' },
      subjects: [{ kind: 'ServiceAccount', name: ATTENDEE_SERVICE_ACCOUNT, namespace }],
    },
  ] as K8sObject[];
}
