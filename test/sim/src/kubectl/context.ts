// Global (persistent) flags and the connection to the simulated API server: context
// resolution through the kubeconfig, the cluster record in the store, and a TCP probe of
// the server address so an unreachable cluster fails exactly like real kubectl.
// Flag evidence: `kubectl options` (real kubectl v1.32) lists --kubeconfig, --context,
// -n/--namespace, --request-timeout, -v/--v.
import { existsSync } from 'node:fs';
import type { FlagSpec } from '../lib/flags.js';
import { loadMerged, type ResolvedContext } from '../lib/kubeconfig.js';
import { readCluster, type ClusterRecord } from '../lib/store.js';
import { ApiError } from '../k8s/errors.js';
import { apiServerAnswers } from '../lib/api-probe.js';
import { readObjects } from '../lib/store.js';
import type { UserInfo } from '../rbac/authorizer.js';
import { authenticateToken } from '../rbac/tokens.js';

export const globalFlags: FlagSpec[] = [
  { name: 'kubeconfig', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'request-timeout', type: 'string', def: '0' },
  { name: 'v', short: 'v', type: 'int', def: 0 },
];

export interface Conn {
  rec: ClusterRecord;
  ctx: ResolvedContext;
  /** the namespace in effect: -n, else the context's, else "default" */
  namespace: string;
  namespaceExplicit: boolean;
  /** who the API server authenticated: a ServiceAccount token's user; undefined = the admin
   * client certificate kind/minikube write (system:masters, never denied) */
  user?: UserInfo;
}

/** The API server answered 401: kubectl's discovery logs it, then CheckErr prints it. */
export class Unauthenticated extends Error {
  constructor() {
    super('the server has asked for the client to provide credentials');
  }
}

/** Raised when the API server cannot be reached; `klog` adds the memcache error lines. */
export class Unreachable extends Error {
  constructor(public hostPort: string, public url: string) {
    super(`The connection to the server ${hostPort} was refused - did you specify the right host or port?`);
  }
}


function hostPortOf(server: string): { host: string; port: number; hostPort: string } {
  const u = new URL(server);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : 80));
  return { host: u.hostname, port, hostPort: `${u.hostname}:${port}` };
}

export async function connect(flags: Record<string, unknown>): Promise<Conn> {
  const kubeconfig = flags.kubeconfig as string | undefined;
  if (kubeconfig && !existsSync(kubeconfig)) throw new ApiError('', `stat ${kubeconfig}: no such file or directory`);
  const kc = loadMerged(kubeconfig);
  const name = (flags.context as string | undefined) || kc['current-context'];
  if (!name) {
    // client-go falls back to http://localhost:8080 without a current context.
    throw new Unreachable('localhost:8080', 'http://localhost:8080');
  }
  const c = kc.contexts.find((x) => x.name === name);
  if (!c) throw new ApiError('', `Error in configuration: context was not found for specified context: ${name}`);
  const cl = kc.clusters.find((x) => x.name === c.context.cluster);
  if (!cl) throw new ApiError('', `Error in configuration: \n* cluster has no server defined`);
  const ctx: ResolvedContext = { context: name, clusterKey: cl.name, server: cl.cluster.server };
  if (c.context.namespace) ctx.namespace = c.context.namespace;
  const { host, port, hostPort } = hostPortOf(ctx.server);
  if (host !== '127.0.0.1' && host !== 'localhost' && !host.startsWith('127.')) {
    // The simulator never talks to anything off this machine.
    throw new Unreachable(hostPort, ctx.server);
  }
  const rec = readCluster(ctx.clusterKey);
  const reachable = rec !== undefined && (process.env.MESHLAB_SIM_SKIP_API_PROBE === '1' || (await apiServerAnswers(host, port)));
  if (!rec || !reachable) throw new Unreachable(hostPort, ctx.server);
  const explicit = typeof flags.namespace === 'string' && flags.namespace !== '';
  const conn: Conn = { rec, ctx, namespace: explicit ? (flags.namespace as string) : (ctx.namespace ?? 'default'), namespaceExplicit: explicit };
  const creds = kc.users.find((u) => u.name === c.context.user)?.user ?? {};
  if (typeof creds.token === 'string') {
    const user = authenticateToken(rec.key, creds.token, readObjects(rec.key));
    if (!user) throw new Unauthenticated();
    conn.user = user;
  }
  return conn;
}

/** The discovery errors kubectl logs when the API server answers 401 (the token expired or
 * is unknown), as real kubectl prints them before `error: You must be logged in to the
 * server (the server has asked for the client to provide credentials)` (kubectl
 * pkg/cmd/util/helpers.go StandardErrorMessage: "You must be logged in to the server (%s)"
 * with the Status message client-go sets for a 401; the full output is quoted in
 * SadServers/sadservers#81). */
export function unauthorizedKlogLines(n: number): string {
  const d = new Date();
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  const head = () =>
    `E${pad(d.getMonth() + 1)}${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} memcache.go:265]`;
  return `${head()} "Unhandled Error" err="couldn't get current server API group list: the server has asked for the client to provide credentials"\n`.repeat(n);
}

/** klog's header for the discovery errors real kubectl prints before giving up. */
export function klogLines(u: Unreachable, path: string, n: number): string {
  const d = new Date();
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  const head = () =>
    `E${pad(d.getMonth() + 1)}${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} memcache.go:265]`;
  const dial = u.hostPort.startsWith('localhost') ? `127.0.0.1:${u.hostPort.split(':')[1]}` : u.hostPort;
  const line = `${head()} "Unhandled Error" err="couldn't get current server API group list: Get \\"${u.url.replace(/\/$/, '')}${path}?timeout=32s\\": dial tcp ${dial}: connect: connection refused"\n`;
  return line.repeat(n);
}
