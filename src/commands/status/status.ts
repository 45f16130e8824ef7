// `mesh-lab status`: what the environment's state says, checked live: cluster, Istio, app,
// route, endpoint. Each line stands alone, so one broken part does not hide the others.
import { gatewayEnv } from '../../discovery/gateway-env.js';
import { portForwardHealth } from '../../discovery/port-forward-health.js';
import { installedIstio } from '../../istio/installed-istio.js';
import { Kubectl } from '../../kube/kubectl.js';
import type { DeploymentObject } from '../../kube/objects.js';
import { httpRequest, describeNetworkError } from '../../http/http-request.js';
import { requireEnvironment } from '../../session/require-environment.js';
import type { Session } from '../../session/session.js';
import { providerFromState } from '../../providers/create-provider.js';
import { describeResponse, matches } from '../../verify/wait-for-route.js';
import { gatewayApiStatus } from './gateway-api-status.js';

export interface StatusItem {
  name: 'cluster' | 'istio' | 'app' | 'gateway-api' | 'route' | 'endpoint';
  ok: boolean;
  summary: string;
}

export interface StatusResult {
  environment: string;
  provider: string;
  context: string;
  kubeconfig: string;
  healthy: boolean;
  items: StatusItem[];
  env?: Record<string, string>;
}

async function check(name: StatusItem['name'], fn: () => Promise<{ ok: boolean; summary: string }>): Promise<StatusItem> {
  try {
    return { name, ...(await fn()) };
  } catch (err) {
    return { name, ok: false, summary: (err as Error).message };
  }
}

export async function runStatus(session: Session): Promise<StatusResult> {
  const state = requireEnvironment(session);
  const provider = providerFromState(session, state);
  const kubectl = new Kubectl(session.runner, provider.access());
  const clusterItem = await check('cluster', async () => {
    const exists = await provider.exists();
    const owner = state.cluster.createdByMeshLab ? 'created by mesh-lab' : 'not created by mesh-lab; `down` keeps it';
    return { ok: exists, summary: exists ? `${state.provider} ${state.cluster.name}, context ${state.cluster.context} (${owner})` : `${state.provider} cluster ${state.cluster.name} not found` };
  });
  const items: StatusItem[] = [clusterItem];
  if (clusterItem.ok) {
    const [istio, app] = await Promise.all([
      check('istio', async () => {
        const i = await installedIstio(kubectl);
        if (!i) return { ok: false, summary: 'not installed' };
        return { ok: i.ready, summary: `${i.version}, istiod ${i.ready ? 'ready' : 'not ready'}` };
      }),
      check('app', async () => {
        if (!state.app) return { ok: false, summary: 'not deployed' };
        const [d] = (await kubectl.getNamed([`deployment.apps/${state.app.service}`], state.app.namespace, 'read the app')) as DeploymentObject[];
        if (!d) return { ok: false, summary: `${state.app.namespace}/${state.app.service} not found` };
        const avail = d.status?.availableReplicas ?? 0;
        const want = d.status?.replicas ?? 1;
        return { ok: avail > 0, summary: `${state.app.namespace}/${state.app.service} ${avail}/${want} available, port ${state.app.port}` };
      }),
    ]);
    items.push(istio, app);
    if (state.gatewayApi) items.push(await check('gateway-api', () => gatewayApiStatus(kubectl, state)));
  }
  if (state.ingress) {
    const e = state.ingress;
    // a port-forward endpoint is only as alive as its supervisor (port-forward-health.ts)
    const forward = e.source === 'port-forward' ? portForwardHealth(session.paths.dir, e) : undefined;
    items.push(forward ? { name: 'endpoint', ok: forward.ok, summary: forward.summary } : { name: 'endpoint', ok: true, summary: `${e.host}:${e.port} via ${e.source} (${e.reason})` });
    if (state.app) {
      const app = state.app;
      items.push(
        await check('route', async () => {
          const res = await httpRequest({ host: e.host, port: e.port, path: app.path, timeoutMs: 3000 }).catch((err: unknown) => {
            throw new Error(`GET ${app.path}: ${describeNetworkError(err)}`);
          });
          return { ok: matches(res, { status: 200, bodyIncludes: app.expectedBody }), summary: `GET ${app.path} → ${describeResponse(res)}` };
        }),
      );
    }
  } else {
    items.push({ name: 'endpoint', ok: false, summary: 'not discovered yet (run `mesh-lab up`)' });
  }
  const result: StatusResult = {
    environment: session.environment,
    provider: state.provider,
    context: state.cluster.context,
    kubeconfig: state.cluster.kubeconfig,
    healthy: items.every((i) => i.ok),
    items,
  };
  if (state.ingress) result.env = gatewayEnv(state.ingress);
  return result;
}

export function formatStatus(s: StatusResult): string {
  const pad = (t: string) => `${t}:`.padEnd(13);
  const lines = [`${pad('environment')}${s.environment} (${s.provider})`];
  for (const i of s.items) lines.push(`${pad(i.name)}${i.ok ? 'ok  ' : 'FAIL'} ${i.summary}`);
  lines.push(`${pad('kubectl')}kubectl --kubeconfig ${s.kubeconfig} --context ${s.context} get pods -A`);
  return lines.join('\n');
}
