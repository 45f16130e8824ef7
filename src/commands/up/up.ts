// `mesh-lab up`: cluster, Istio, app, routing, discovery, verification. Each step reads
// first and writes only what is missing, so a rerun with everything in place only reads
// and verifies. Independent work runs concurrently.
import { join } from 'node:path';
import type { ListrTask } from 'listr2';
import { DEFAULTS } from '../../config/defaults.js';
import { parseUpOptions, type UpOptions } from '../../state/up-options.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { discoverIngress, type Discovery } from '../../discovery/discover-ingress.js';
import { gatewayEnv } from '../../discovery/gateway-env.js';
import { startPortForward, stopPortForward } from '../../discovery/port-forward.js';
import { tcpProbe } from '../../discovery/probe.js';
import { Istioctl } from '../../istio/istioctl.js';
import { istioSystemSnapshot } from '../../istio/istio-system-read.js';
import { applyIfChanged, type ApplyOutcome } from '../../kube/apply-if-changed.js';
import { Kubectl } from '../../kube/kubectl.js';
import { planOwnership, type OwnershipPlan } from '../../kube/ownership.js';
import { renderUpManifests, type UpManifests } from './render-manifests.js';
import type { Session } from '../../session/session.js';
import { providerForUp } from '../../providers/create-provider.js';
import type { ClusterProvider, EnsureResult } from '../../providers/provider.js';
import type { EnvironmentState } from '../../state/environment-state.js';
import { runTasks } from '../../ui/tasks.js';
import { collectDiagnostics } from '../../verify/diagnostics.js';
import { classifyAnswer } from '../../verify/explain.js';
import { deploymentRolledOut } from '../../verify/rollout-done.js';
import { waitForRoute, type WaitResult } from '../../verify/wait-for-route.js';
import { ensureIstio, operatorFor, type IstioOutcome } from './istio-step.js';
import { applyGateway, ensureGatewayApiCrds, waitForGatewayApiStatus, type GatewayApiCrds } from './gateway-api-step.js';
import { preflightTasks, type ToolVersions } from './preflight.js';
import { saveReadAhead, startReadAhead } from './read-ahead.js';
import type { UpInput } from './up-input.js';
import { bundleTask, inputForImages, loadImagesTask, operatorForImages, startPreload, type ImagePhases, type ImageStepContext } from './bundle-step.js';

interface UpContext extends ImageStepContext {
  versions: ToolVersions;
  cluster?: EnsureResult;
  /** what mesh-lab creates and what it found (decided before anything is written) */
  ownership?: OwnershipPlan;
  istio?: IstioOutcome;
  /** --gateway-api: the CRDs mesh-lab installed or found */
  gatewayApi?: GatewayApiCrds;
  app?: ApplyOutcome;
  routing?: ApplyOutcome;
  discovery?: Discovery;
  verification?: WaitResult;
}

export interface UpResult {
  ok: true;
  environment: string;
  dryRun: boolean;
  provider: string;
  context: string;
  kubeconfig: string;
  versions: ToolVersions;
  cluster?: EnsureResult;
  istio?: UpContext['istio'];
  changed: { app: boolean; routing: boolean };
  /** what mesh-lab uses that it did not create, and what that means */
  notes: string[];
  ingress?: EnvironmentState['ingress'];
  env?: Record<string, string>;
  verification?: { attempts: number; elapsedMs: number; last: string };
}

export interface UpPhases extends ImagePhases {
  noDownload?: boolean;
  /** apply the seed tutorial's Gateway/VirtualService and verify them (default true); labs that teach routing turn it off */
  routing?: boolean;
}

export async function runUp(session: Session, given: UpInput, phases: UpPhases = {}): Promise<UpResult> {
  const input = inputForImages(given, phases);
  const noDownload = phases.noDownload ?? false;
  const routing = phases.routing ?? true;
  const o = parseUpOptions({ ...input, dryRun: session.dryRun });
  const manifests = renderUpManifests(o);
  const provider = providerForUp(session, o, manifests.kindConfig);
  const access = provider.access();
  const kubectl = new Kubectl(session.runner, access);
  const istioctl = new Istioctl(session.runner, access);
  const previous = session.store.read();

  const warnings: string[] = [];
  // the ownership check and both applies read these with one shared argv (src/kube/live-objects.ts)
  const sharedRead = { objects: [...manifests.app, ...(routing ? manifests.routing : [])], namespace: o.namespace };
  const operatorYaml = operatorForImages(operatorFor(provider, manifests.istioOperator), phases);
  const tasks: ListrTask<UpContext>[] = [
    bundleTask(session, given, phases),
    {
      title: 'Check prerequisites',
      task: (_ctx, task) => task.newListr(preflightTasks<UpContext>(session, o, provider, { allowDownload: !noDownload, warn: (w) => warnings.push(w) }), { concurrent: false, exitOnError: true }),
    },
    {
      title: `Cluster: ${provider.name} ${provider.clusterName}`,
      task: async (ctx, task) => {
        for (const w of warnings) task.output = `warning: ${w}`;
        // once preflight passed, a rerun starts the reads of the last successful up all at once
        if (previous?.ingress) startReadAhead(session);
        startPreload(ctx, session, given, phases);
        ctx.cluster = await provider.ensure();
        task.title = `Cluster: ${ctx.cluster.summary} (context ${access.context})`;
        // before the first write: refuse a namespace (or object) that is not mesh-lab's
        if (!session.dryRun) ctx.ownership = await ownershipFor(kubectl, o, manifests, routing, previous, access);
        // remember what we created as soon as it exists, so `down` can clean up even if a later step fails
        if (!session.dryRun) saveState(session, o, manifests, provider, ctx, previous);
      },
    },
    loadImagesTask(session, provider, phases),
    {
      title: `Istio ${o.istioVersion} (profile ${o.profile})`,
      task: async (ctx, task) => {
        ctx.istio = await ensureIstio(session, o, provider, kubectl, istioctl, operatorYaml, (t) => void (task.output = t));
        task.title = ctx.istio.action === 'kept' ? `Istio ${ctx.istio.version} already installed` : `Istio ${o.istioVersion} installed (profile ${o.profile})`;
        if (!session.dryRun) saveState(session, o, manifests, provider, ctx, previous);
      },
    },
    {
      title: 'Gateway API CRDs',
      skip: () => !o.gatewayApi && 'the Istio API routes (no --gateway-api)',
      task: async (ctx, task) => {
        const prev = previous?.gatewayApi ? { ...previous.gatewayApi, note: '' } : undefined;
        ctx.gatewayApi = await ensureGatewayApiCrds(kubectl, { dryRun: session.dryRun, allowDownload: !noDownload, ...(prev ? { previous: prev } : {}) });
        task.title = ctx.gatewayApi.note;
        if (!session.dryRun) saveState(session, o, manifests, provider, ctx, previous);
      },
    },
    {
      // the app's manifests create the namespace, so they go first; the rollout wait and
      // the routing objects (which live in that namespace) then proceed side by side
      title: `helloworldservice:${o.appPort} in namespace ${o.namespace}`,
      task: async (ctx, task) => {
        const plan = ctx.ownership;
        const label = plan?.labelNamespace;
        if (label && Object.keys(label.labels).length > 0) {
          await kubectl.run(['label', 'namespace', label.name, ...Object.entries(label.labels).map(([k, v]) => `${k}=${v}`), '--overwrite'], { purpose: `label namespace ${label.name}` });
        }
        for (const note of plan?.notes ?? []) task.output = note;
        ctx.app = await applyIfChanged(kubectl, plan?.app ?? manifests.app, 'the helloworldservice app', sharedRead);
        task.title = `helloworldservice ${ctx.app.changed ? 'applied' : 'unchanged'} in namespace ${o.namespace}`;
        return task.newListr(
          [
            {
              title: 'rollout',
              task: async (c, t) => {
                // unchanged and already rolled out as read: `rollout status` would only say so
                const live = c.app?.live?.find((x) => x.kind === 'Deployment' && x.metadata.name === 'helloworldservice');
                if (c.app?.changed !== false || !deploymentRolledOut(live)) await kubectl.rolloutStatus('helloworldservice', o.namespace, o.rolloutTimeoutSeconds);
                t.title = `helloworldservice ${c.app?.changed ? 'deployed' : 'unchanged'} and available`;
              },
            },
            {
              title: `Gateway helloworld-gateway and VirtualService ${o.path}`,
              skip: () => !routing && 'the lab applies its own routing',
              task: async (c, t) => {
                c.routing = await applyIfChanged(kubectl, c.ownership?.routing ?? manifests.routing, o.gatewayApi ? 'the HTTPRoute' : 'the Gateway and VirtualService', sharedRead);
                t.title = `Gateway and VirtualService ${c.routing.changed ? 'applied' : 'unchanged'}`;
                const gw = manifests.gatewayApi;
                if (!gw) return;
                const applied = await applyGateway(kubectl, gw.gateway, previous?.applied ?? []);
                // deleted first on `down`, before the route and the app
                if (c.ownership && !session.dryRun) {
                  c.ownership.refs = [applied.ref, ...c.ownership.refs.filter((r) => !(r.kind === 'Gateway' && r.namespace === applied.ref.namespace && r.name === applied.ref.name))];
                  saveState(session, o, manifests, provider, c, previous);
                }
                c.routing.changed ||= applied.outcome.changed;
                t.title = `Gateway ${gw.gateway.metadata.name} and HTTPRoute ${o.path} ${c.routing.changed ? 'applied' : 'unchanged'}`;
                if (session.dryRun) return;
                t.title = await waitForGatewayApiStatus(kubectl, gw.gateway, gw.route, o.verifyTimeoutSeconds, (s) => void (t.output = s));
              },
            },
          ],
          { concurrent: true, exitOnError: true },
        );
      },
    },
    {
      title: 'Discover the ingress',
      skip: () => session.dryRun && 'dry run: the ingress is discovered after the cluster exists',
      task: async (ctx, task) => {
        // a live port-forward supervisor from an earlier run is reused (same ports) by
        // startPortForward; when a direct path answers now, it is stopped, never leaked
        // the gateway Service and pods from one read of istio-system, the same argv as the Istio step's
        ctx.discovery = await discoverIngress(istioSystemSnapshot(kubectl), provider, {
          portForward: (service, why) =>
            startPortForward(service, { runner: session.runner, access, logFile: join(session.paths.dir, 'port-forward.log'), probe: tcpProbe }, why),
        });
        const e = ctx.discovery.endpoint;
        if (e.source !== 'port-forward') await stopPortForward(session.paths.dir, session.store.read()?.ingress?.portForwardPid);
        task.title = `Ingress at ${e.host}:${e.port} (${e.reason})`;
        saveState(session, o, manifests, provider, ctx, previous);
      },
    },
    {
      title: `Verify GET ${o.path}`,
      skip: () => (session.dryRun && `dry run: would GET ${o.path} through the ingress until ${o.responseText} answers`) || (!routing && 'no route to verify yet: the lab builds it'),
      task: async (ctx, task) => {
        const e = ctx.discovery!.endpoint;
        const result = await waitForRoute(
          { host: e.host, port: e.port, path: o.path },
          { status: 200, bodyIncludes: o.responseText },
          {
            timeoutMs: o.verifyTimeoutSeconds * 1000,
            consecutive: DEFAULTS.consecutiveSuccesses,
            onAttempt: (n, seen) => void (task.output = `attempt ${n}: ${seen}`),
          },
        );
        ctx.verification = result;
        if (!result.ok) {
          const diagnostics = await collectDiagnostics(kubectl, istioctl, o.namespace, ctx.discovery!.service, result.lastAnswer);
          const why = result.lastAnswer && classifyAnswer(result.lastAnswer);
          throw new MeshLabError(
            ExitCode.VerificationFailed,
            `GET http://${e.host}:${e.port}${o.path} did not answer 200 "${o.responseText}" within ${o.verifyTimeoutSeconds}s (last: ${result.lastObservation})`,
            { hint: `${why ? `${why.why}; look at ${why.lookAt}; ` : ''}run \`mesh-lab status\`, or rerun with --verbose for pods, ports and \`istioctl analyze\``, detail: diagnostics },
          );
        }
        task.title = `Verified GET ${o.path}: ${result.lastObservation} (${result.attempts} requests, ${(result.elapsedMs / 1000).toFixed(1)}s)`;
      },
    },
  ];

  // a dry run prints the plan itself; progress lines would only interleave with it
  const ctx = await runTasks(tasks, { versions: {} }, session.printer.flags, session.dryRun ? 'silent' : undefined);
  saveReadAhead(session);
  const state = session.dryRun ? undefined : session.store.read();
  const result: UpResult = {
    ok: true,
    environment: session.environment,
    dryRun: session.dryRun,
    provider: o.provider,
    context: access.context,
    kubeconfig: access.kubeconfig,
    versions: ctx.versions,
    changed: { app: ctx.app?.changed ?? false, routing: ctx.routing?.changed ?? false },
    notes: ctx.ownership?.notes ?? [],
  };
  if (ctx.cluster) result.cluster = ctx.cluster;
  if (ctx.istio) result.istio = ctx.istio;
  if (state?.ingress) {
    result.ingress = state.ingress;
    result.env = gatewayEnv(state.ingress);
  }
  if (ctx.verification) result.verification = { attempts: ctx.verification.attempts, elapsedMs: ctx.verification.elapsedMs, last: ctx.verification.lastObservation };
  return result;
}

/** Reads what exists; an earlier `up` of this environment on the same cluster vouches for what it created. */
function ownershipFor(kubectl: Kubectl, o: UpOptions, m: UpManifests, routing: boolean, previous: EnvironmentState | undefined, access: { context: string; kubeconfig: string }): Promise<OwnershipPlan> {
  const sameCluster = previous && previous.cluster.context === access.context && previous.cluster.kubeconfig === access.kubeconfig;
  return planOwnership(kubectl, {
    app: m.app,
    routing: routing ? m.routing : [],
    namespace: o.namespace,
    useExistingNamespace: o.useExistingNamespace,
    previous: sameCluster ? (previous.applied ?? []) : [],
  });
}

function saveState(session: Session, o: UpOptions, manifests: UpManifests, provider: ClusterProvider, ctx: UpContext, previous: EnvironmentState | undefined): void {
  const access = provider.access();
  const current = session.store.read() ?? previous;
  // "created" sticks: a rerun that reuses the cluster mesh-lab made still owns it
  const created = Boolean(ctx.cluster?.created) || Boolean(current?.cluster.createdByMeshLab && current.cluster.name === provider.clusterName);
  const state: Omit<EnvironmentState, 'updatedAt'> = {
    schema: 2,
    environment: session.environment,
    provider: o.provider,
    cluster: { name: provider.clusterName, context: access.context, kubeconfig: access.kubeconfig, createdByMeshLab: created },
    app: { namespace: o.namespace, service: 'helloworldservice', port: o.appPort, path: o.path, expectedBody: o.responseText },
    applied: ctx.ownership?.refs ?? current?.applied ?? [],
    options: Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'dryRun')),
  };
  const istio = ctx.istio ?? current?.istio;
  if (istio) {
    state.istio = {
      version: istio.version,
      profile: o.profile,
      installedByMeshLab: ctx.istio?.action === 'installed' || Boolean(current?.istio?.installedByMeshLab),
    };
  }
  const gatewayApi = ctx.gatewayApi ?? current?.gatewayApi;
  if (gatewayApi) state.gatewayApi = { crds: gatewayApi.crds, version: gatewayApi.version };
  const ingress = ctx.discovery?.endpoint ?? current?.ingress;
  if (ingress) state.ingress = ingress;
  if (current?.labs) state.labs = current.labs;
  if (current?.currentLab) state.currentLab = current.currentLab;
  session.store.write(state);
}
