// The API resources the simulated API server knows, with kubectl's names for them
// (plural, singular, short names as `kubectl api-resources` lists them on a kind cluster
// and, for the Istio kinds, as their CRDs declare them). A kind whose `crd` is set is
// only served once that CustomResourceDefinition exists in the cluster store.
import { gatewayApiSchemas } from '../schemas/gateway-api.js';
import { istioSchemas } from '../schemas/istio.js';

export interface ResourceType {
  group: string;
  /** versions served; the first is the preferred one */
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  /** name of the CRD that must exist before the kind is served */
  crd?: string;
  /** synthesized on read (pods from deployments, nodes from the cluster record) */
  virtual?: boolean;
}

const core: ResourceType[] = [
  { group: '', versions: ['v1'], kind: 'Namespace', plural: 'namespaces', singular: 'namespace', shortNames: ['ns'], namespaced: false },
  { group: '', versions: ['v1'], kind: 'Node', plural: 'nodes', singular: 'node', shortNames: ['no'], namespaced: false, virtual: true },
  { group: '', versions: ['v1'], kind: 'Pod', plural: 'pods', singular: 'pod', shortNames: ['po'], namespaced: true, virtual: true },
  { group: '', versions: ['v1'], kind: 'Service', plural: 'services', singular: 'service', shortNames: ['svc'], namespaced: true },
  { group: '', versions: ['v1'], kind: 'ConfigMap', plural: 'configmaps', singular: 'configmap', shortNames: ['cm'], namespaced: true },
  { group: '', versions: ['v1'], kind: 'Secret', plural: 'secrets', singular: 'secret', shortNames: [], namespaced: true },
  { group: '', versions: ['v1'], kind: 'ServiceAccount', plural: 'serviceaccounts', singular: 'serviceaccount', shortNames: ['sa'], namespaced: true },
  { group: 'apps', versions: ['v1'], kind: 'Deployment', plural: 'deployments', singular: 'deployment', shortNames: ['deploy'], namespaced: true },
  // RBAC (rbac.authorization.k8s.io/v1), enforced for ServiceAccount tokens by ../rbac/.
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], kind: 'Role', plural: 'roles', singular: 'role', shortNames: [], namespaced: true },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], kind: 'RoleBinding', plural: 'rolebindings', singular: 'rolebinding', shortNames: [], namespaced: true },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], kind: 'ClusterRole', plural: 'clusterroles', singular: 'clusterrole', shortNames: [], namespaced: false },
  { group: 'rbac.authorization.k8s.io', versions: ['v1'], kind: 'ClusterRoleBinding', plural: 'clusterrolebindings', singular: 'clusterrolebinding', shortNames: [], namespaced: false },
  {
    group: 'apiextensions.k8s.io', versions: ['v1'], kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition', shortNames: ['crd', 'crds'], namespaced: false,
  },
  // standard-install.yaml of gateway-api v1.5.1 carries the safe-upgrades policy and binding
  {
    group: 'admissionregistration.k8s.io', versions: ['v1'], kind: 'ValidatingAdmissionPolicy', plural: 'validatingadmissionpolicies',
    singular: 'validatingadmissionpolicy', shortNames: [], namespaced: false,
  },
  {
    group: 'admissionregistration.k8s.io', versions: ['v1'], kind: 'ValidatingAdmissionPolicyBinding', plural: 'validatingadmissionpolicybindings',
    singular: 'validatingadmissionpolicybinding', shortNames: [], namespaced: false,
  },
];

// Gateway API kinds (gateway-api v1.5.1 standard channel), listed before the Istio kinds:
// with both CRD sets installed, `kubectl get gateway` means gateways.gateway.networking.k8s.io
// (istio.io's Gateway API docs), so `gw` is Istio's and `gtw` the Gateway API's short name.
const gatewayApi: ResourceType[] = Object.entries(gatewayApiSchemas).map(([kind, s]) => ({
  group: s.group,
  versions: ['v1', 'v1beta1'].filter((v) => s.served.includes(v)),
  kind,
  plural: s.plural,
  singular: s.singular,
  shortNames: s.shortNames,
  namespaced: s.namespaced,
  crd: `${s.plural}.${s.group}`,
}));

const istio: ResourceType[] = Object.entries(istioSchemas).map(([kind, s]) => ({
  group: s.group,
  // kubectl prefers the storage/newest version; Istio 1.30 serves v1, v1beta1, v1alpha3
  versions: ['v1', 'v1beta1', 'v1alpha3'].filter((v) => s.served.includes(v)),
  kind,
  plural: s.plural,
  singular: s.singular,
  shortNames: s.shortNames,
  namespaced: true,
  crd: `${s.plural}.${s.group}`,
}));

export const resourceTypes: ResourceType[] = [...core, ...gatewayApi, ...istio];

export function apiVersionOf(t: ResourceType, version = t.versions[0]!): string {
  return t.group ? `${t.group}/${version}` : version;
}

/** "deployments.apps", "services", "gateways.networking.istio.io": the name used in NotFound errors */
export function qualifiedPlural(t: ResourceType): string {
  return t.group ? `${t.plural}.${t.group}` : t.plural;
}

/** "deployment.apps", "service": the prefix kubectl's name printer uses */
export function qualifiedKind(t: ResourceType): string {
  return t.group ? `${t.kind.toLowerCase()}.${t.group}` : t.kind.toLowerCase();
}

export function byKind(apiVersion: string, kind: string): ResourceType | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) as [string, string] : ['', apiVersion];
  return resourceTypes.find((t) => t.kind === kind && t.group === group && t.versions.includes(version));
}

/**
 * kubectl's resource argument: "svc", "services", "deployment.apps", "gw.networking.istio.io",
 * "Service" (kind names also match, case-insensitively, as the RESTMapper allows).
 */
export function byResourceArg(arg: string): ResourceType | undefined {
  return resourceArgCandidates(arg)[0];
}

/** Every type a resource argument can mean, in kubectl's order of preference. */
export function resourceArgCandidates(arg: string): ResourceType[] {
  const lower = arg.toLowerCase();
  const dot = lower.indexOf('.');
  const name = dot === -1 ? lower : lower.slice(0, dot);
  const group = dot === -1 ? undefined : lower.slice(dot + 1);
  return resourceTypes.filter(
    (t) =>
      (group === undefined || t.group === group) &&
      (t.plural === name || t.singular === name || t.shortNames.includes(name) || t.kind.toLowerCase() === name),
  );
}
