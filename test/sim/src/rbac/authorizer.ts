// RBAC evaluation as kube-apiserver's RBAC authorizer does it (kubernetes/kubernetes
// plugin/pkg/auth/authorizer/rbac/rbac.go and pkg/registry/rbac/validation/rule.go):
// a request is allowed when any rule of any role bound to the user covers it. Bindings:
// every ClusterRoleBinding (rules apply everywhere), and the RoleBindings of the request's
// namespace (a Role of that namespace or a ClusterRole, applied in that namespace only).
// A rule covers a request when verbs, apiGroups, resources (with "resource/subresource"
// and "*/subresource") and resourceNames all match (rbac/v1 helpers.go VerbMatches,
// APIGroupMatches, ResourceMatches, ResourceNameMatches). ClusterRoles with an
// aggregationRule get the union of the rules of every ClusterRole whose labels match one
// of its selectors, as the aggregation controller (pkg/controller/clusterroleaggregation)
// writes them.
import type { K8sObject } from '../lib/store.js';
import { parseSelector } from '../k8s/selector.js';
import { bootstrapRbac } from './bootstrap.js';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface RequestAttributes {
  verb: string;
  /** API group, "" for the core group */
  group: string;
  /** plural resource name */
  resource: string;
  subresource?: string;
  /** empty/undefined for cluster-scoped requests */
  namespace?: string;
  /** empty for list/create */
  name?: string;
}

interface PolicyRule {
  verbs?: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io/';

function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((o) => o.kind === kind && o.apiVersion.startsWith(RBAC_GROUP));
}

/** A selector object (matchLabels / matchExpressions) as a label predicate. */
function selectorMatches(sel: { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key: string; operator: string; values?: string[] }> }, labels: Record<string, string>): boolean {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  // An empty selector matches nothing for aggregation (the controller skips it).
  if (parts.length === 0) return false;
  return parseSelector(parts.join(','))(labels);
}

export class Rbac {
  private readonly clusterRoles: K8sObject[];
  private readonly clusterBindings: K8sObject[];
  private readonly roles: K8sObject[];
  private readonly bindings: K8sObject[];

  constructor(stored: K8sObject[]) {
    const all = [...stored, ...bootstrapRbac().filter((b) => !stored.some((s) => s.kind === b.kind && s.metadata.name === b.metadata.name))];
    this.clusterRoles = ofKind(all, 'ClusterRole');
    this.clusterBindings = ofKind(all, 'ClusterRoleBinding');
    this.roles = ofKind(all, 'Role');
    this.bindings = ofKind(all, 'RoleBinding');
  }

  /** The effective rules of ClusterRole `name`, aggregation included. */
  clusterRoleRules(name: string, seen = new Set<string>()): PolicyRule[] {
    const role = this.clusterRoles.find((r) => r.metadata.name === name);
    if (!role || seen.has(name)) return [];
    seen.add(name);
    const agg = role.aggregationRule as { clusterRoleSelectors?: Array<Parameters<typeof selectorMatches>[0]> } | undefined;
    if (!agg) return (role.rules as PolicyRule[] | null) ?? [];
    const rules: PolicyRule[] = [];
    for (const other of this.clusterRoles) {
      if (other === role) continue;
      const labels = other.metadata.labels ?? {};
      if ((agg.clusterRoleSelectors ?? []).some((s) => selectorMatches(s, labels))) rules.push(...this.clusterRoleRules(other.metadata.name, seen));
    }
    return rules;
  }

  private roleRefRules(ref: { kind: string; name: string }, namespace: string | undefined): PolicyRule[] {
    if (ref.kind === 'ClusterRole') return this.clusterRoleRules(ref.name);
    if (ref.kind === 'Role') return (this.roles.find((r) => r.metadata.name === ref.name && r.metadata.namespace === namespace)?.rules as PolicyRule[] | undefined) ?? [];
    return [];
  }

  allows(user: UserInfo, req: RequestAttributes): boolean {
    const applies = (b: K8sObject) => ((b.subjects as Subject[] | undefined) ?? []).some((s) => subjectMatches(s, user, b.metadata.namespace));
    for (const b of this.clusterBindings) {
      if (applies(b) && this.roleRefRules(b.roleRef as Subject, undefined).some((r) => ruleAllows(r, req))) return true;
    }
    if (!req.namespace) return false;
    for (const b of this.bindings) {
      if (b.metadata.namespace !== req.namespace || !applies(b)) continue;
      if (this.roleRefRules(b.roleRef as Subject, req.namespace).some((r) => ruleAllows(r, req))) return true;
    }
    return false;
  }
}

/** rbac.go appliesToUser: User by name, Group by membership, ServiceAccount by its username. */
function subjectMatches(s: Subject, user: UserInfo, bindingNamespace: string | undefined): boolean {
  switch (s.kind) {
    case 'User':
      return s.name === user.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      // A RoleBinding's ServiceAccount subject without a namespace means the binding's own.
      const ns = s.namespace || bindingNamespace;
      return ns !== undefined && user.name === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

function has(list: string[] | undefined, want: string): boolean {
  return (list ?? []).some((x) => x === '*' || x === want);
}

export function ruleAllows(rule: PolicyRule, req: RequestAttributes): boolean {
  if (!has(rule.verbs, req.verb) || !has(rule.apiGroups, req.group)) return false;
  const combined = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const resourceOk = (rule.resources ?? []).some(
    (r) => r === '*' || r === combined || (req.subresource !== undefined && r === `*/${req.subresource}`),
  );
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (req.name !== undefined && req.name !== '' && names.includes(req.name));
}
