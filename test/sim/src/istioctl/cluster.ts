// istioctl's view of the cluster: the same kubeconfig resolution and store as kubectl
// (istioctl builds a client-go client from -c/--kubeconfig and --context), plus the
// probe of the API server address.
import { loadMerged } from '../lib/kubeconfig.js';
import { readCluster, type ClusterRecord } from '../lib/store.js';
import { IstioctlError } from './iop.js';
import { apiServerAnswers } from '../lib/api-probe.js';

export function clientVersion(): string {
  return process.env.MESHLAB_SIM_ISTIO_VERSION || '1.30.3';
}


export interface IstioConn {
  rec: ClusterRecord;
  server: string;
  contextNamespace?: string;
}

export async function connectCluster(flags: Record<string, unknown>): Promise<IstioConn> {
  const kc = loadMerged((flags.kubeconfig as string | undefined) || undefined);
  const name = (flags.context as string | undefined) || kc['current-context'];
  if (!name) throw new IstioctlError('failed to create kube client: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  const ctx = kc.contexts.find((c) => c.name === name);
  if (!ctx) throw new IstioctlError(`failed to create kube client: context "${name}" does not exist`);
  const cl = kc.clusters.find((c) => c.name === ctx.context.cluster);
  if (!cl) throw new IstioctlError(`failed to create kube client: cluster "${ctx.context.cluster}" does not exist`);
  const u = new URL(cl.cluster.server);
  const port = Number(u.port || 443);
  const rec = readCluster(cl.name);
  const local = u.hostname === 'localhost' || u.hostname.startsWith('127.');
  const ok = local && rec !== undefined && (process.env.MESHLAB_SIM_SKIP_API_PROBE === '1' || (await apiServerAnswers(u.hostname, port)));
  if (!rec || !ok) {
    throw new IstioctlError(`Get "${cl.cluster.server.replace(/\/$/, '')}/version?timeout=5s": dial tcp ${u.hostname}:${port}: connect: connection refused`);
  }
  const out: IstioConn = { rec, server: cl.cluster.server };
  if (ctx.context.namespace) out.contextNamespace = ctx.context.namespace;
  return out;
}

/** Go's time.Duration String(): 300000ms -> "5m0s", 1500ms -> "1.5s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
