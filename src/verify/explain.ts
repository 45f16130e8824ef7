// Why an HTTP check failed, read from the answer the way one reads Envoy's: its local
// replies are distinct (Envoy source, source/common/router/router.cc):
//   - no route or virtual host matched ("NR"): 404, empty body;
//   - no cluster for the destination ("NC"): 503, empty body (clusterNotFoundResponseCode);
//   - the upstream refused or reset ("UF"/"URX"): 503 "upstream connect error or
//     disconnect/reset before headers. reset reason: …", or "no healthy upstream" ("UH");
//   - the route timeout ("UT"): 504 "upstream request timeout";
//   - no listener for the port: the connection is reset or refused, no HTTP at all.
// A gateway's answers carry `server: istio-envoy`; a sidecar's local replies `server: envoy`.
// classifyAnswer is pure; gatherEvidence reads the objects to look at (best effort, via
// kubectl with the environment's --kubeconfig/--context) and a missing sidecar.
import type { Kubectl } from '../kube/kubectl.js';
import type { K8sObject } from '../kube/objects.js';

/** An answer as seen by a check: an HTTP response, or a transport failure. */
export interface AnswerSeen {
  status?: number;
  headers?: Readonly<Record<string, string | readonly string[]>>;
  body?: string;
  /** e.g. "connection reset", "timed out", "curl: (56) Recv failure: Connection reset by peer" */
  error?: string;
}

export type FailureKind = 'no-route' | 'backend-unreachable' | 'no-cluster' | 'no-listener' | 'timeout' | 'no-sidecar';

export interface Explanation {
  kind: FailureKind;
  /** what the answer means */
  why: string;
  /** what to look at */
  lookAt: string;
  /** the live objects that matter (Gateway hosts, VirtualService matches, pods), when read */
  evidence?: string[];
}

function header(a: AnswerSeen, name: string): string | undefined {
  for (const [k, v] of Object.entries(a.headers ?? {})) if (k.toLowerCase() === name) return typeof v === 'string' ? v : v.join(', ');
  return undefined;
}

const fromEnvoy = (a: AnswerSeen): boolean => /^(istio-)?envoy$/.test(header(a, 'server') ?? '');

/** What the answer says, or undefined when it is an ordinary answer of the app (a wrong body, say). */
export function classifyAnswer(a: AnswerSeen): Explanation | undefined {
  if (a.status === undefined) {
    const e = a.error ?? '';
    // curl exit 28, node:http's ETIMEDOUT ("timed out")
    if (/timed out|timeout|\(28\)/i.test(e))
      return { kind: 'timeout', why: 'no answer within the request’s time limit', lookAt: 'a delay fault (VirtualService http[].fault.delay) or a route timeout longer than the check waits; a backend that answers slowly' };
    // curl exits 7 (refused) and 56/52 (reset, empty reply); node:http's ECONNRESET/ECONNREFUSED
    if (/reset|refused|couldn.t connect|empty reply|\((7|52|56)\)/i.test(e))
      return { kind: 'no-listener', why: `the connection was ${/refused|couldn.t connect|\(7\)/i.test(e) ? 'refused' : 'reset'}: no Envoy listener for that port`, lookAt: 'the Gateway: is there one selecting this gateway, with a server on this port (spec.servers[].port.number)?' };
    return undefined;
  }
  const body = (a.body ?? '').trim();
  if (a.status === 404 && body === '' && fromEnvoy(a))
    return { kind: 'no-route', why: 'Envoy answered 404 with an empty body: no virtual host or route matched the request (NR)', lookAt: 'the request’s Host against the Gateway’s and VirtualService’s hosts, and its path against the VirtualService’s http[].match' };
  if (a.status === 503 && /^upstream connect error or disconnect\/reset before headers|^no healthy upstream/.test(body))
    return { kind: 'backend-unreachable', why: `Envoy could not reach the backend (${body.startsWith('no healthy') ? 'no ready endpoint, UH' : 'connection failure, UF/URX'})`, lookAt: 'the backend pods: Ready? listening on the port the Service’s targetPort names?' };
  if (a.status === 503 && body === '')
    return { kind: 'no-cluster', why: 'Envoy answered 503 with an empty body: it has no cluster for the destination (NC)', lookAt: 'the VirtualService’s destination: an unknown host, a port the Service does not have, or a subset no DestinationRule defines' };
  if (a.status === 504 && body === 'upstream request timeout')
    return { kind: 'timeout', why: 'Envoy’s route timeout fired before the backend answered (UT)', lookAt: 'the VirtualService’s http[].timeout, and any delay the backend or a fault adds' };
  return undefined;
}

type Spec = Record<string, unknown>;
const arr = (v: unknown): Spec[] => (Array.isArray(v) ? (v as Spec[]) : []);
const name = (o: K8sObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function describeGateway(g: K8sObject): string {
  const servers = arr(g.spec?.servers).map((s) => {
    const port = (s.port ?? {}) as Spec;
    return `port ${String(port.number)} ${String(port.protocol ?? '')} hosts ${arr(s.hosts).join(', ') || '(none)'}`;
  });
  return `Gateway ${name(g)}: ${servers.join('; ') || 'no servers'}`;
}

export function describeVirtualService(vs: K8sObject): string {
  const routes = arr(vs.spec?.http).map((r) => {
    const match = arr(r.match).map((m) => Object.entries(m).map(([k, v]) => `${k} ${JSON.stringify(v)}`).join(' ')).join(' or ') || 'any request';
    const to = arr(r.route).map((d) => {
      const dest = (d.destination ?? {}) as Spec;
      const port = (dest.port ?? {}) as Spec;
      return `${String(dest.host)}${port.number ? `:${String(port.number)}` : ''}${dest.subset ? ` subset ${String(dest.subset)}` : ''}${d.weight !== undefined ? ` ${String(d.weight)}%` : ''}`;
    });
    return `${match} → ${to.join(', ') || '(no destination)'}${r.timeout ? ` timeout ${String(r.timeout)}` : ''}${r.fault ? ` fault ${JSON.stringify(r.fault)}` : ''}`;
  });
  const gateways = arr(vs.spec?.gateways).join(', ') || 'mesh';
  return `VirtualService ${name(vs)} hosts ${arr(vs.spec?.hosts).join(', ')} gateways ${gateways}: ${routes.join('; ')}`;
}

/** Pods of the namespace that run without the istio-proxy sidecar (as a container, or a native sidecar init container). */
export function podsWithoutSidecar(pods: K8sObject[]): K8sObject[] {
  const names = (v: unknown) => arr(v).map((c) => String(c.name));
  return pods.filter((p) => ![...names(p.spec?.containers), ...names(p.spec?.initContainers)].includes('istio-proxy'));
}

export function explainNoSidecar(pods: K8sObject[], namespace: K8sObject | undefined): Explanation {
  const labels = namespace?.metadata.labels ?? {};
  const injected = labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
  const list = pods.map((p) => `${name(p)}: ${arr(p.spec?.containers).length} container(s), no istio-proxy`);
  return {
    kind: 'no-sidecar',
    why: `${pods.length} pod(s) run without the Envoy sidecar, so the mesh does not route their traffic`,
    lookAt: injected
      ? 'the pods started before the namespace got its injection label: restart them (kubectl rollout restart deployment -n <namespace>)'
      : 'the namespace has no istio-injection=enabled label: label it (kubectl label namespace <namespace> istio-injection=enabled) and restart the pods',
    evidence: list,
  };
}

/** Best effort: a failure to read must never hide the failure being explained. */
async function read(kubectl: Kubectl, resource: string, namespace: string): Promise<K8sObject[]> {
  try {
    return await kubectl.list(resource, { namespace, purpose: `read ${resource} in ${namespace} to explain a failed check` });
  } catch {
    return [];
  }
}

/** The explanation with the objects it points at, plus a missing-sidecar explanation when the namespace's pods lack one. */
export async function gatherEvidence(kubectl: Kubectl, namespace: string, e: Explanation | undefined): Promise<Explanation[]> {
  const out: Explanation[] = [];
  if (e) {
    const evidence: string[] = [];
    if (e.kind === 'no-route' || e.kind === 'no-listener' || e.kind === 'timeout') {
      for (const g of await read(kubectl, 'gateways.networking.istio.io', namespace)) evidence.push(describeGateway(g));
      if (e.kind === 'no-listener' && evidence.length === 0) evidence.push(`no Gateway in namespace ${namespace}`);
    }
    if (e.kind !== 'no-listener') for (const vs of await read(kubectl, 'virtualservices.networking.istio.io', namespace)) evidence.push(describeVirtualService(vs));
    if (e.kind === 'no-cluster')
      for (const dr of await read(kubectl, 'destinationrules.networking.istio.io', namespace))
        evidence.push(`DestinationRule ${name(dr)} host ${String(dr.spec?.host)} subsets ${arr(dr.spec?.subsets).map((s) => String(s.name)).join(', ') || '(none)'}`);
    out.push({ ...e, evidence });
  }
  const bare = podsWithoutSidecar(await read(kubectl, 'pods', namespace));
  if (bare.length > 0) {
    let ns: K8sObject | undefined;
    try {
      [ns] = await kubectl.getNamed([`namespace/${namespace}`], undefined, `read namespace ${namespace}'s injection label`);
    } catch {
      ns = undefined;
    }
    out.push(explainNoSidecar(bare, ns));
  }
  return out;
}

/** The lines a failed check adds under its message. */
export function formatExplanations(es: readonly Explanation[]): string {
  return es
    .map((e) => [`why: ${e.why}`, `look at: ${e.lookAt}`, ...(e.evidence ?? []).map((l) => `  ${l}`)].join('\n'))
    .join('\n');
}
