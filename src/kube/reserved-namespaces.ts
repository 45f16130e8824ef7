// Namespaces that belong to Kubernetes or Istio. mesh-lab never deploys into them: `down`
// of a lab there would remove (or relabel) what the cluster itself needs.
export const RESERVED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'istio-system'];

/** Why `ns` cannot be a lab's namespace, or undefined when it can. */
export function reservedNamespaceReason(ns: string): string | undefined {
  if (!RESERVED_NAMESPACES.includes(ns)) return undefined;
  return `namespace ${ns} belongs to ${ns === 'istio-system' ? 'Istio' : 'Kubernetes'}; mesh-lab deploys only into a namespace of its own (${RESERVED_NAMESPACES.join(', ')} are refused)`;
}
