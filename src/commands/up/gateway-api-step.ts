// `up --gateway-api`: the Gateway API CRDs, the Gateway, and the waits on their status.
// - CRDs: installed only when absent, as istio.io's Gateway API docs do
//   (`kubectl get crd gateways.gateway.networking.k8s.io || ... kubectl apply`): whatever
//   version is there (bundle-version annotation) is kept, never up- or downgraded, and said.
//   When absent, the pinned release's standard-install.yaml (src/tools/gateway-api-release.ts)
//   is applied with `kubectl apply --server-side=true -f` (the release notes' command).
// - Gateway: a manual deployment onto istio-ingressgateway, in istio-system (see
//   templates/helloworld-gateway-api.yaml); refused when one of that name exists that
//   mesh-lab did not create, recorded for `down` otherwise.
// - Waits: the Gateway's Programmed condition, then the HTTPRoute's Accepted and
//   ResolvedRefs conditions (a typo'd backend shows as BackendNotFound).
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { HASH_ANNOTATION, applyIfChanged, resourceRef, stampHash, type ApplyOutcome } from '../../kube/apply-if-changed.js';
import type { Kubectl } from '../../kube/kubectl.js';
import type { K8sObject } from '../../kube/objects.js';
import type { AppliedRef } from '../../kube/ownership.js';
import { GATEWAY_API_CRDS, fetchGatewayApiRelease } from '../../tools/gateway-api-release.js';
import { PINNED_GATEWAY_API_VERSION } from '../../tools/pins.js';

export interface GatewayApiCrds {
  crds: 'installed' | 'found';
  /** bundle-version of what is installed */
  version: string;
  note: string;
}

const GATEWAYS_CRD = 'gateways.gateway.networking.k8s.io';

export async function ensureGatewayApiCrds(kubectl: Kubectl, opts: { dryRun: boolean; allowDownload: boolean; previous?: GatewayApiCrds }): Promise<GatewayApiCrds> {
  const [found] = await kubectl.getNamed([`customresourcedefinition/${GATEWAYS_CRD}`], undefined, 'check whether the Gateway API CRDs are installed');
  if (found) {
    const a = found.metadata.annotations ?? {};
    const version = a['gateway.networking.k8s.io/bundle-version'] ?? 'of unknown version';
    const channel = a['gateway.networking.k8s.io/channel'] ?? 'unknown';
    // an earlier `up` of this environment installed them: still mesh-lab's
    if (opts.previous?.crds === 'installed') return { ...opts.previous, note: `Gateway API CRDs ${version} (installed by mesh-lab) in place` };
    return { crds: 'found', version, note: `Gateway API CRDs ${version} (${channel} channel) were already installed: used as they are, never upgraded, downgraded or removed by mesh-lab` };
  }
  if (opts.dryRun) return { crds: 'installed', version: PINNED_GATEWAY_API_VERSION, note: `dry run: would install the Gateway API ${PINNED_GATEWAY_API_VERSION} standard CRDs` };
  const release = await fetchGatewayApiRelease({ allowDownload: opts.allowDownload });
  await kubectl.run(['apply', '--server-side=true', '-f', release.path], { purpose: `install the Gateway API ${release.version} CRDs` });
  await kubectl.run(['wait', '--for=condition=established', '--timeout=60s', ...GATEWAY_API_CRDS.map((c) => `customresourcedefinition/${c}`)], {
    purpose: 'wait for the Gateway API CRDs to be established',
  });
  return {
    crds: 'installed',
    version: release.version,
    note: `Gateway API ${release.version} standard CRDs installed (${release.fromCache ? "from mesh-lab's cache" : `fetched from ${release.url}`}, content-checked); \`down\` removes them when no other Gateway API object remains`,
  };
}

/** The Gateway lives in istio-system, outside the app namespace: its own ownership check. */
export async function applyGateway(kubectl: Kubectl, gateway: K8sObject, previous: readonly AppliedRef[]): Promise<{ outcome: ApplyOutcome; ref: AppliedRef }> {
  const ns = gateway.metadata.namespace!;
  const [live] = await kubectl.getNamed([resourceRef(gateway)], ns, `read Gateway ${ns}/${gateway.metadata.name}`);
  const ours = previous.some((p) => p.kind === 'Gateway' && p.apiVersion === gateway.apiVersion && p.name === gateway.metadata.name && p.namespace === ns && p.ownership !== 'found');
  const ref: AppliedRef = { apiVersion: gateway.apiVersion, kind: gateway.kind, name: gateway.metadata.name, namespace: ns, ownership: 'created' };
  if (live && !ours && live.metadata.annotations?.[HASH_ANNOTATION] !== stampHash(gateway).metadata.annotations?.[HASH_ANNOTATION]) {
    throw new MeshLabError(ExitCode.Conflict, `Gateway ${ns}/${gateway.metadata.name} (gateway.networking.k8s.io) already exists and mesh-lab did not create it`, {
      hint: `choose another --namespace (the Gateway is named after it), or remove it yourself if it is not needed (kubectl delete ${resourceRef(gateway)} -n ${ns})`,
    });
  }
  if (live && !ours) ref.ownership = 'found';
  return { outcome: await applyIfChanged(kubectl, [gateway], `Gateway ${ns}/${gateway.metadata.name}`), ref };
}

interface Condition { type: string; status: string; reason?: string; message?: string }

/**
 * Waits for the Gateway's Programmed condition, then the route's Accepted and ResolvedRefs;
 * fails naming the condition. Programmed=False with AddressNotAssigned for an address still
 * pending (a LoadBalancer Service nobody serves) is Istio's normal state on such a cluster:
 * its listeners are programmed and discovery reaches them by nodePort or port-forward, so
 * that is said, not waited out.
 */
export async function waitForGatewayApiStatus(kubectl: Kubectl, gateway: K8sObject, route: K8sObject, timeoutSeconds: number, say: (s: string) => void): Promise<string> {
  const gwNs = gateway.metadata.namespace!;
  const deadline = Date.now() + timeoutSeconds * 1000;
  let gwNote = '';
  for (;;) {
    const [gw] = await kubectl.getNamed([resourceRef(gateway)], gwNs, 'read the Gateway status');
    const c = ((gw?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []).find((x) => x.type === 'Programmed');
    if (c?.status === 'True') break;
    if (c?.reason === 'AddressNotAssigned' && /address pending/.test(c.message ?? '')) {
      gwNote = ` (Gateway Programmed=False AddressNotAssigned: its load balancer address is pending; reached by nodePort or port-forward instead)`;
      break;
    }
    if (Date.now() > deadline) {
      throw new MeshLabError(ExitCode.VerificationFailed, `Gateway ${gwNs}/${gateway.metadata.name} is not Programmed after ${timeoutSeconds}s (${c ? `Programmed=${c.status} ${c.reason ?? ''}: ${c.message ?? ''}` : 'no status from istiod'})`, {
        hint: 'check that istiod runs (`kubectl get pods -n istio-system`) and the Gateway (`kubectl describe gateways.gateway.networking.k8s.io -n istio-system`)',
      });
    }
    say(c ? `Gateway Programmed=${c.status} ${c.reason ?? ''}` : 'waiting for istiod to report the Gateway status');
    await new Promise((r) => setTimeout(r, 1000));
  }
  say(`Gateway ${gateway.metadata.name} Programmed${gwNote}`);
  const ns = route.metadata.namespace!;
  let last = 'no status yet';
  for (;;) {
    const [live] = await kubectl.getNamed([resourceRef(route)], ns, 'read the HTTPRoute status');
    const parents = ((live?.status as { parents?: Array<{ conditions?: Condition[] }> } | undefined)?.parents ?? []);
    const conds = parents[0]?.conditions ?? [];
    const bad = ['Accepted', 'ResolvedRefs'].map((t) => conds.find((c) => c.type === t) ?? { type: t, status: 'Unknown', reason: 'Pending', message: 'not reported yet' }).find((c) => c.status !== 'True');
    if (!bad && conds.length > 0) return `HTTPRoute ${ns}/${route.metadata.name} Accepted and ResolvedRefs${gwNote}`;
    last = bad ? `${bad.type}=${bad.status} ${bad.reason ?? ''}: ${bad.message ?? ''}` : last;
    if (Date.now() > deadline) {
      throw new MeshLabError(ExitCode.VerificationFailed, `HTTPRoute ${ns}/${route.metadata.name} is not ready after ${timeoutSeconds}s (${last})`, {
        hint: `see \`kubectl get httproutes.gateway.networking.k8s.io ${route.metadata.name} -n ${ns} -o yaml\``,
      });
    }
    say(last);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
