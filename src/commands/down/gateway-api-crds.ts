// `down` and the Gateway API CRDs of `up --gateway-api`: removed only when mesh-lab
// installed them and no Gateway API object remains that mesh-lab did not create (its own
// Gateway and HTTPRoute are gone by now). The GatewayClasses istiod writes (controllers
// istio.io/*) do not count: they belong to the installation, not to a user.
import type { Kubectl } from '../../kube/kubectl.js';
import type { K8sObject } from '../../kube/objects.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { GATEWAY_API_CRDS, GATEWAY_API_VAP } from '../../tools/gateway-api-release.js';

export async function removeGatewayApiCrds(kubectl: Kubectl, state: EnvironmentState, removed: string[], kept: string[]): Promise<void> {
  const g = state.gatewayApi;
  if (!g) return;
  if (g.crds === 'found') {
    kept.push(`Gateway API CRDs ${g.version} (they existed before mesh-lab)`);
    return;
  }
  const present = (await kubectl.getNamed(GATEWAY_API_CRDS.map((c) => `customresourcedefinition/${c}`), undefined, 'read the Gateway API CRDs')).map((c) => c.metadata.name);
  if (present.length === 0) return void kept.push(`Gateway API CRDs ${g.version} were already gone`);
  // plural.group of each CRD is its fully qualified resource type (never Istio's `gateways`)
  const r = await kubectl.run(['get', present.join(','), '-A', '-o', 'json'], { purpose: 'look for Gateway API objects mesh-lab did not create' });
  const objects = r.stdout.trim() ? ((JSON.parse(r.stdout) as { items?: K8sObject[] }).items ?? []) : [];
  const foreign = objects.filter((o) => !(o.kind === 'GatewayClass' && String((o.spec as { controllerName?: string } | undefined)?.controllerName ?? '').startsWith('istio.io/')));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 3).map((o) => `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`).join(', ');
    kept.push(`Gateway API CRDs ${g.version} (mesh-lab installed them, but ${shown}${foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''} still use them; remove the CRDs yourself once those are gone)`);
    return;
  }
  await kubectl.run(['delete', ...present.map((c) => `customresourcedefinition/${c}`), `validatingadmissionpolicybinding/${GATEWAY_API_VAP}`, `validatingadmissionpolicy/${GATEWAY_API_VAP}`, '--ignore-not-found'], {
    purpose: 'remove the Gateway API CRDs mesh-lab installed',
  });
  removed.push(`Gateway API CRDs ${g.version} (mesh-lab installed them)`);
}
