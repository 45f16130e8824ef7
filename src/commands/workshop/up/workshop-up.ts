// `mesh-lab workshop up`: the shared cluster through up's own run function (cluster from the
// provider registry, Istio once, the shared ingress and its discovery; the seed route is
// left out), then the attendees in batched kubectl calls (src/workshop/provision.ts), one
// token and one join file per attendee that needs one, and a check that each attendee's
// route answers on their host through the shared gateway. The workshop's cluster is the
// environment of the same name, so `mesh-lab status -e <name>` shows it.
import { existsSync } from 'node:fs';
import { DEFAULTS } from '../../../config/defaults.js';
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import { Kubectl } from '../../../kube/kubectl.js';
import { providerFromState } from '../../../providers/create-provider.js';
import type { Session } from '../../../session/session.js';
import type { IngressEndpoint } from '../../../state/environment-state.js';
import { workshopPaths } from '../../../state/paths.js';
import { WorkshopStore, type AttendeeRecord, type WorkshopState } from '../../../state/workshop-state.js';
import { waitForRoute } from '../../../verify/wait-for-route.js';
import { attendeeGreeting } from '../../../workshop/attendee-objects.js';
import { attendeeKubeconfig, clusterEntry } from '../../../workshop/attendee-kubeconfig.js';
import { JOIN_FILE_KIND, joinFilePath, writeJoinFile } from '../../../workshop/join-file.js';
import { attendeeRecord, issueToken, provisionAttendees, waitForAttendeeApps } from '../../../workshop/provision.js';
import { parseTokenTtl } from '../../../workshop/token-ttl.js';
import { runUp } from '../../up/up.js';
import { selectLabs } from '../../images/images.js';
import type { UpInput } from '../../up/up-input.js';
import { checkAttendees } from './workshop-up.command.js';

export interface WorkshopUpInput {
  name: string;
  attendees: number;
  domain?: string;
  tokenTtl: string;
  /** how attendees reach the API server, when not as the instructor's kubeconfig says */
  apiServer?: string;
  /** how attendees reach the shared ingress (host:port), when not as discovered */
  ingress?: string;
  up: UpInput;
  noDownload: boolean;
  /** `--bundle FILE`: tools and images (Istio, the app, every shared lab's) from the bundle, as `up --bundle` */
  bundle?: string;
  /** `--preload`, as `up --preload` */
  preload?: boolean;
}

export interface WorkshopUpResult {
  ok: true;
  workshop: string;
  environment: string;
  domain: string;
  ingress: { host: string; port: number };
  added: string[];
  tokensIssued: string[];
  attendees: Array<{ id: string; namespace: string; host: string; joinFile: string; tokenExpiresAt?: string }>;
}

export function defaultDomain(name: string): string {
  // .test is reserved for testing (RFC 2606): never someone's real name
  return `${name}.test`;
}

function parseEndpoint(raw: string): { host: string; port: number } {
  const m = raw.match(/^(\[[^\]]+\]|[^:]+):(\d{1,5})$/);
  const port = Number(m?.[2]);
  if (!m || port < 1 || port > 65535) throw new MeshLabError(ExitCode.Usage, `--ingress "${raw}" is not host:port`, { hint: 'e.g. --ingress 203.0.113.10:80' });
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

export async function runWorkshopUp(session: Session, i: WorkshopUpInput): Promise<WorkshopUpResult> {
  checkAttendees(i.attendees);
  const ttl = parseTokenTtl(i.tokenTtl);
  const override = i.ingress ? parseEndpoint(i.ingress) : undefined;
  const paths = workshopPaths(i.name, session.env);
  const store = new WorkshopStore(paths.state);
  const previous = store.read();
  const domain = i.domain ?? previous?.domain ?? defaultDomain(i.name);
  if (previous && previous.domain !== domain) {
    throw new MeshLabError(ExitCode.Conflict, `workshop ${i.name} serves attendees on *.${previous.domain}, not *.${domain}`, { hint: 'the join files name those hosts: keep --domain, or `workshop down` first' });
  }

  // with a bundle, the images of every lab attendees may run in the shared cluster must be in it too
  const images = i.bundle ? { bundle: i.bundle, labs: sharedLabs(session.env) } : {};
  await runUp(session, { ...i.up, clusterName: i.up.clusterName ?? i.name, installIstio: true }, { routing: false, noDownload: i.noDownload, ...images, ...(i.preload ? { preload: true } : {}) });
  if (session.dryRun) throw new MeshLabError(ExitCode.Usage, 'workshop up has no dry run beyond the cluster and Istio shown above');
  const state = session.store.read()!;
  const ingress: IngressEndpoint = state.ingress!;
  const provider = providerFromState(session, state);
  const access = provider.access();
  const kubectl = new Kubectl(session.runner, access);
  const istioVersion = state.istio?.version ?? DEFAULTS.istioVersion;
  const p = session.printer;

  const recorded: AttendeeRecord[] = previous?.attendees ?? [];
  const plan = await provisionAttendees(kubectl, {
    workshop: i.name,
    attendees: i.attendees,
    domain,
    istioVersion,
    recorded,
    joinFileExists: (id) => existsSync(joinFilePath(paths.attendeesDir, id)),
  });
  p.out(`Attendees ${plan.ids[0]}…${plan.ids.at(-1)}: ${plan.applied ? `${plan.applyLines.filter((l) => !l.endsWith(' unchanged')).length} objects created or updated` : 'unchanged'}${plan.added.length ? ` (added ${plan.added.join(', ')})` : ''}`);

  const reach = override ?? { host: ingress.host, port: ingress.port };
  const cluster = clusterEntry(access);
  const byId = new Map(recorded.map((a) => [a.id, a]));
  const base: Omit<WorkshopState, 'updatedAt'> = {
    schema: 1,
    workshop: i.name,
    provider: state.provider,
    cluster: { name: state.cluster.name, context: access.context, kubeconfig: access.kubeconfig, createdByMeshLab: state.cluster.createdByMeshLab },
    domain,
    ...(state.istio ? { istio: state.istio } : {}),
    ingress,
    attendees: [],
  };
  for (const id of plan.needToken) {
    const { token, expiresAt } = await issueToken(kubectl, id, ttl);
    const rec = attendeeRecord(id, domain, joinFilePath(paths.attendeesDir, id), expiresAt, plan.serviceAccountUids[id]);
    writeJoinFile(rec.joinFile, {
      apiVersion: 'mesh-lab.io/v1',
      kind: JOIN_FILE_KIND,
      workshop: i.name,
      attendee: id,
      namespace: rec.namespace,
      host: rec.host,
      ingress: reach,
      tokenExpiresAt: expiresAt,
      kubeconfig: attendeeKubeconfig({ workshop: i.name, namespace: rec.namespace, cluster, token, ...(i.apiServer ? { server: i.apiServer } : {}) }) as never,
    });
    byId.set(id, rec);
    // recorded as soon as its join file exists: an interrupted run resumes from here
    store.write({ ...base, attendees: [...byId.values()].sort((a, b) => a.id.localeCompare(b.id)) });
  }
  for (const id of plan.ids) if (!byId.has(id)) byId.set(id, attendeeRecord(id, domain, joinFilePath(paths.attendeesDir, id), '', plan.serviceAccountUids[id]));
  const attendees = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  store.write({ ...base, attendees });
  if (plan.needToken.length) p.out(`Join files: ${plan.needToken.length} written under ${paths.attendeesDir} (tokens valid ${ttl.text})`);

  const timeout = Number(i.up.verifyTimeoutSeconds ?? DEFAULTS.verifyTimeoutSeconds);
  await waitForAttendeeApps(kubectl, i.name, Number(i.up.rolloutTimeoutSeconds ?? DEFAULTS.rolloutTimeoutSeconds));
  await verifyAttendeeRoutes(ingress, attendees, i.name, timeout);
  p.out(`Verified GET ${DEFAULTS.path} on ${attendees.length} attendee host${attendees.length === 1 ? '' : 's'} through ${ingress.host}:${ingress.port}`);
  return {
    ok: true,
    workshop: i.name,
    environment: session.environment,
    domain,
    ingress: reach,
    added: plan.added,
    tokensIssued: plan.needToken,
    attendees: attendees.map((a) => ({ id: a.id, namespace: a.namespace, host: a.host, joinFile: a.joinFile, ...(a.tokenExpiresAt ? { tokenExpiresAt: a.tokenExpiresAt } : {}) })),
  };
}

/** Every attendee's route answers 200 with their own greeting on their host (concurrently). */
async function verifyAttendeeRoutes(ingress: IngressEndpoint, attendees: readonly AttendeeRecord[], workshop: string, timeoutSeconds: number): Promise<void> {
  const results = await Promise.all(
    attendees.map(async (a) => ({
      a,
      r: await waitForRoute(
        { host: ingress.host, port: ingress.port, path: DEFAULTS.path, headers: { host: a.host } },
        { status: 200, bodyIncludes: attendeeGreeting(workshop, a.id) },
        { timeoutMs: timeoutSeconds * 1000, consecutive: 1 },
      ),
    })),
  );
  const failed = results.filter((x) => !x.r.ok);
  if (failed.length > 0) {
    throw new MeshLabError(
      ExitCode.VerificationFailed,
      `GET ${DEFAULTS.path} with Host ${failed[0]!.a.host} did not answer 200 from ${failed[0]!.a.namespace} within ${timeoutSeconds}s (last: ${failed[0]!.r.lastObservation})${failed.length > 1 ? `; ${failed.length - 1} more attendees too` : ''}`,
      { hint: `rerun \`mesh-lab workshop up --name ${workshop}\`; \`mesh-lab status -e ${workshop}\` shows the shared ingress` },
    );
  }
}

/** The labs that run in a joined environment (`shared: true`): what a workshop bundle must carry. */
function sharedLabs(env: NodeJS.ProcessEnv) {
  return selectLabs({ all: true }, env).filter((l) => l.lab.shared);
}
