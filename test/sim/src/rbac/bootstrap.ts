// The API server's default ClusterRoles and ClusterRoleBindings (RBAC bootstrap policy),
// read from test/fixtures/kubernetes/bootstrap-cluster-roles.yaml: a copy of
// kubernetes/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy/testdata/
// cluster-roles.yaml and cluster-role-bindings.yaml (see that file's header). Every real
// cluster has them; the simulator evaluates them alongside what was applied.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { K8sObject } from '../lib/store.js';

// Both test/sim/src/rbac/ (vitest) and test/sim/.build/rbac/ (the shims) sit three levels
// below test/.
const FIXTURE = fileURLToPath(new URL('../../../fixtures/kubernetes/bootstrap-cluster-roles.yaml', import.meta.url));

let cached: K8sObject[] | undefined;

export function bootstrapRbac(): K8sObject[] {
  cached ??= ((parse(readFileSync(FIXTURE, 'utf8')) as { items: K8sObject[] }).items ?? []).map((o) => ({ ...o, metadata: { ...o.metadata } }));
  return cached;
}
