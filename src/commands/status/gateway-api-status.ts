// `status` of an `up --gateway-api` environment: the Gateway's and the HTTPRoute's
// conditions as istiod reports them, in one line (so a BackendNotFound is seen at once).
import type { Kubectl } from '../../kube/kubectl.js';
import { resourceType } from '../../kube/apply-if-changed.js';
import type { EnvironmentState } from '../../state/environment-state.js';

interface Condition { type: string; status: string; reason?: string }

const show = (c: Condition | undefined, type: string) => (c ? `${type}=${c.status}${c.status !== 'True' && c.reason ? ` (${c.reason})` : ''}` : `${type}=?`);

export async function gatewayApiStatus(kubectl: Kubectl, state: EnvironmentState): Promise<{ ok: boolean; summary: string }> {
  const crds = `CRDs ${state.gatewayApi!.version}, ${state.gatewayApi!.crds === 'installed' ? 'installed by mesh-lab' : 'found'}`;
  const refs = (state.applied ?? []).filter((r) => r.apiVersion.startsWith('gateway.networking.k8s.io/') && (r.kind === 'Gateway' || r.kind === 'HTTPRoute'));
  const parts: string[] = [];
  let ok = true;
  for (const ref of refs) {
    const [live] = await kubectl.getNamed([`${resourceType(ref.kind, ref.apiVersion)}/${ref.name}`], ref.namespace, `read ${ref.kind} ${ref.name}`);
    const name = `${ref.kind} ${ref.namespace}/${ref.name}`;
    if (!live) {
      ok = false;
      parts.push(`${name} not found`);
      continue;
    }
    const status = live.status as { conditions?: Condition[]; parents?: Array<{ conditions?: Condition[] }> } | undefined;
    if (ref.kind === 'Gateway') {
      const p = status?.conditions?.find((c) => c.type === 'Programmed');
      // a pending load balancer address is Istio's normal state without one (see up)
      ok &&= p?.status === 'True' || p?.reason === 'AddressNotAssigned';
      parts.push(`${name} ${show(p, 'Programmed')}`);
    } else {
      const conds = status?.parents?.[0]?.conditions ?? [];
      const a = conds.find((c) => c.type === 'Accepted');
      const r = conds.find((c) => c.type === 'ResolvedRefs');
      ok &&= a?.status === 'True' && r?.status === 'True';
      parts.push(`${name} ${show(a, 'Accepted')} ${show(r, 'ResolvedRefs')}`);
    }
  }
  return { ok, summary: `${parts.join('; ')} (${crds})` };
}
