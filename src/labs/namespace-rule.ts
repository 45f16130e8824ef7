// A lab's `namespace` follows `up --namespace`'s rule: never a namespace of Kubernetes or
// Istio, whose objects `lab reset` or `down` could remove. Checked where a lab file is
// validated, so `lab validate`, `lab start` and `lab run` all refuse such a lab (exit 2).
import { reservedNamespaceReason } from '../kube/reserved-namespaces.js';

export function checkLabNamespace(lab: Record<string, unknown>, report: (path: ['namespace'], message: string) => void): void {
  const why = typeof lab.namespace === 'string' ? reservedNamespaceReason(lab.namespace) : undefined;
  if (why) report(['namespace'], why);
}
