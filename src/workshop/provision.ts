// Provisioning attendees in the shared cluster, batched so the number of kubectl calls does
// not grow with the cohort except for tokens (TokenRequest is per ServiceAccount):
//   1 `get … -A -l mesh-lab.io/workshop=<name>` reads every attendee object at once;
//   1 `apply` sends only the objects missing or different (none on a rerun);
//   1 `wait … -A -l …` waits for every attendee's app;
//   1 `create token` per attendee whose join file is missing, about to expire, or whose
//     ServiceAccount is not the one its token was issued for.
// A namespace `attendee-NN` that exists without this workshop's label is someone else's:
// mesh-lab refuses to touch it (exit 7) rather than take it over.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import { HASH_ANNOTATION, stampHash } from '../kube/apply-if-changed.js';
import type { Kubectl } from '../kube/kubectl.js';
import type { K8sObject } from '../kube/objects.js';
import { toYaml } from '../manifests/yaml.js';
import { attendeeHost, attendeeId, attendeeNamespace, type AttendeeRecord } from '../state/workshop-state.js';
import { attendeeObjects, WORKSHOP_LABEL } from './attendee-objects.js';
import { ATTENDEE_SERVICE_ACCOUNT } from './attendee-role.js';

/** The kinds an attendee has, as one `kubectl get` type list. */
export const ATTENDEE_TYPES = 'namespaces,serviceaccounts,roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io,services,deployments.apps,gateways.networking.istio.io,virtualservices.networking.istio.io';

/** A token is renewed when it has less than this left (an hour of workshop). */
const RENEW_BEFORE_MS = 60 * 60 * 1000;

export interface ProvisionInput {
  workshop: string;
  attendees: number;
  domain: string;
  istioVersion: string;
  /** attendees already recorded: kept, never removed by a smaller --attendees */
  recorded: readonly AttendeeRecord[];
  /** join files that exist on disk */
  joinFileExists: (id: string) => boolean;
}

export interface ProvisionPlan {
  /** every attendee id after this run, sorted */
  ids: string[];
  added: string[];
  applied: boolean;
  applyLines: string[];
  /** ids that need a (new) token */
  needToken: string[];
  /** ServiceAccount uid by attendee id, as read after apply */
  serviceAccountUids: Record<string, string>;
}

function keyOf(o: K8sObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

export async function provisionAttendees(kubectl: Kubectl, i: ProvisionInput): Promise<ProvisionPlan> {
  const ids = new Set(i.recorded.map((a) => a.id));
  const added: string[] = [];
  for (let n = 1; n <= i.attendees; n++) {
    const id = attendeeId(n);
    if (!ids.has(id)) added.push(id);
    ids.add(id);
  }
  const all = [...ids].sort();
  const wanted = all.flatMap((id) => attendeeObjects({ workshop: i.workshop, id, domain: i.domain, istioVersion: i.istioVersion })).map(stampHash);
  await refuseForeignNamespaces(kubectl, i.workshop, all);
  let live = await listAll(kubectl, i.workshop);
  const liveByKey = new Map(live.map((o) => [keyOf(o), o]));
  const changed = wanted.filter((w) => liveByKey.get(keyOf(w))?.metadata.annotations?.[HASH_ANNOTATION] !== w.metadata.annotations?.[HASH_ANNOTATION]);
  let applyLines: string[] = [];
  if (changed.length > 0) {
    applyLines = await kubectl.apply(toYaml(changed), `apply ${changed.length} attendee objects of workshop ${i.workshop}`);
    live = await listAll(kubectl, i.workshop);
  }
  const serviceAccountUids: Record<string, string> = {};
  for (const o of live) {
    const ns = o.metadata.namespace ?? '';
    if (o.kind === 'ServiceAccount' && o.metadata.name === ATTENDEE_SERVICE_ACCOUNT && ns.startsWith('attendee-')) {
      serviceAccountUids[ns.slice('attendee-'.length)] = String((o.metadata as { uid?: string }).uid ?? '');
    }
  }
  const now = Date.now();
  const needToken = all.filter((id) => {
    const rec = i.recorded.find((a) => a.id === id);
    if (!rec || !i.joinFileExists(id) || !rec.tokenExpiresAt) return true;
    if (Date.parse(rec.tokenExpiresAt) - now < RENEW_BEFORE_MS) return true;
    // a ServiceAccount deleted and recreated invalidates every token issued for the old one
    return rec.serviceAccountUid !== undefined && rec.serviceAccountUid !== serviceAccountUids[id];
  });
  return { ids: all, added, applied: changed.length > 0, applyLines, needToken, serviceAccountUids };
}

async function listAll(kubectl: Kubectl, workshop: string): Promise<K8sObject[]> {
  const r = await kubectl.run(['get', ATTENDEE_TYPES, '-A', '-l', `${WORKSHOP_LABEL}=${workshop}`, '-o', 'json'], { purpose: `read workshop ${workshop}'s attendee objects` });
  if (!r.stdout.trim()) return [];
  const parsed = JSON.parse(r.stdout) as { items?: K8sObject[] };
  return parsed.items ?? [];
}

/** One read of the attendee namespaces; any without this workshop's label is not ours. */
async function refuseForeignNamespaces(kubectl: Kubectl, workshop: string, ids: readonly string[]): Promise<void> {
  const found = await kubectl.getNamed(ids.map((id) => `namespace/${attendeeNamespace(id)}`), undefined, 'read the attendee namespaces');
  const foreign = found.filter((ns) => ns.metadata.labels?.[WORKSHOP_LABEL] !== workshop).map((ns) => ns.metadata.name);
  if (foreign.length > 0) {
    const owner = found.find((ns) => foreign.includes(ns.metadata.name))?.metadata.labels?.[WORKSHOP_LABEL];
    throw new MeshLabError(ExitCode.Conflict, `namespace ${foreign.join(', ')} already exists and is not workshop ${workshop}'s${owner ? ` (it belongs to workshop ${owner})` : ''}`, {
      hint: owner ? `use that workshop's name (--name ${owner}), or take it down first` : 'delete it, or run the workshop on another cluster',
    });
  }
}

/** One `create token` per attendee (TokenRequest has no batch form). */
export async function issueToken(kubectl: Kubectl, id: string, ttl: { seconds: number; text: string }): Promise<{ token: string; expiresAt: string }> {
  const issuedAt = Date.now();
  const r = await kubectl.run(['create', 'token', ATTENDEE_SERVICE_ACCOUNT, '-n', attendeeNamespace(id), '--duration', ttl.text], { purpose: `issue a token for ${attendeeNamespace(id)}` });
  return { token: r.stdout.trim(), expiresAt: new Date(issuedAt + ttl.seconds * 1000).toISOString() };
}

/** Waits for every attendee app of the workshop at once. */
export async function waitForAttendeeApps(kubectl: Kubectl, workshop: string, timeoutSeconds: number): Promise<void> {
  await kubectl.run(['wait', '--for=condition=Available', 'deployments.apps', '-A', '-l', `${WORKSHOP_LABEL}=${workshop}`, `--timeout=${timeoutSeconds}s`], {
    purpose: `wait for the attendee apps of workshop ${workshop}`,
    timeoutMs: (timeoutSeconds + 30) * 1000,
  });
}

export function attendeeRecord(id: string, domain: string, joinFile: string, tokenExpiresAt: string, serviceAccountUid: string | undefined): AttendeeRecord {
  return {
    id,
    namespace: attendeeNamespace(id),
    host: attendeeHost(id, domain),
    serviceAccount: ATTENDEE_SERVICE_ACCOUNT,
    joinFile,
    tokenExpiresAt,
    ...(serviceAccountUid ? { serviceAccountUid } : {}),
  };
}
