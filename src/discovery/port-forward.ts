// The last resort of discovery: `kubectl port-forward` to the gateway Service on 127.0.0.1,
// kept alive by a small detached supervisor (port-forward-supervisor-main.ts) and stopped by
// `down`. Used when neither a load balancer nor any node address is reachable (a pending
// load balancer, Docker Desktop on macOS/Windows where node IPs live inside a VM).
// kubectl itself exits after the first connection the pod refuses (kubectl 1.23-1.36), so
// mesh-lab never relies on one kubectl process: the supervisor restarts it on the SAME local
// ports for the environment's whole life, and a rerun of `up`/`lab start` reuses a live
// supervisor (and its ports) instead of starting a second one.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ClusterAccess } from '../kube/cluster-access.js';
import type { ServiceObject } from '../kube/objects.js';
import type { Runner } from '../process/runner.js';
import { ToolPathRunner } from '../process/tool-path-runner.js';
import type { IngressEndpoint } from '../state/environment-state.js';
import { packageRoot } from '../util/package-root.js';
import { procStatFields } from '../util/proc-stat.js';
import { forwardStateFile, readForwardState, writeForwardState, type ForwardConfig, type ForwardState } from './forward-state.js';
import { freeLoopbackPort } from './free-port.js';
import { gatewayPorts } from './gateway-service.js';
import type { Probe } from './probe.js';

export interface PortForwardDeps {
  runner: Runner;
  access: ClusterAccess;
  /** <lab dir>/port-forward.log; the supervisor's state file sits next to it */
  logFile: string;
  /** kept for callers' signature; readiness comes from the supervisor's state, not a probe */
  probe?: Probe;
  timeoutMs?: number;
}

// the supervisor is a program of its own in the bundle (scripts/build.mjs ENTRIES), so its
// path is fixed relative to the package, wherever the chunk that runs this code lives
const supervisorScript = () => join(packageRoot(), 'dist', 'discovery', 'port-forward-supervisor.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startPortForward(service: ServiceObject, deps: PortForwardDeps, why: string): Promise<IngressEndpoint> {
  const ports = gatewayPorts(service);
  if (!ports.http) throw new MeshLabError(ExitCode.NotFound, `${service.metadata.name} has no http2 port to forward`);
  const file = forwardStateFile(dirname(deps.logFile));
  const previous = readForwardState(file);
  const target = {
    kubectl: deps.runner instanceof ToolPathRunner ? (deps.runner.paths.get('kubectl') ?? 'kubectl') : 'kubectl',
    kubeconfig: deps.access.kubeconfig,
    context: deps.access.context,
    namespace: service.metadata.namespace!,
    service: service.metadata.name,
    remotePort: ports.http.port,
    ...(ports.https ? { remoteSecurePort: ports.https.port } : {}),
  };
  const timeoutMs = deps.timeoutMs ?? 15_000;

  if (previous && supervisorAlive(previous)) {
    if (sameTarget(previous.config, target)) {
      const ready = await waitForwarding(file, timeoutMs);
      return endpointFor(ready ?? previous, why, 'reused the running');
    }
    await stopSupervised(previous);
  }

  // the ports an earlier run used stay, so a GATEWAY_URL exported then keeps working
  const localPort = previous && (await portFree(previous.config.localPort)) ? previous.config.localPort : await freeLoopbackPort();
  const prevSecure = previous?.config.localSecurePort;
  const localSecurePort = target.remoteSecurePort ? (prevSecure && (await portFree(prevSecure)) ? prevSecure : await freeLoopbackPort()) : undefined;
  const config: ForwardConfig = { ...target, localPort, ...(localSecurePort ? { localSecurePort } : {}) };
  writeForwardState(file, { schema: 1, config, forwarding: false, restarts: 0, startedAt: new Date().toISOString() });
  const { pid } = await deps.runner.spawnBackground(process.execPath, [supervisorScript(), file], { logFile: deps.logFile });
  const ready = await waitForwarding(file, timeoutMs, pid);
  if (ready) return endpointFor(ready, why, 'started a');

  const state = readForwardState(file);
  await stopSupervised(state ?? { supervisorPid: pid });
  const log = existsSync(deps.logFile) ? readFileSync(deps.logFile, 'utf8').trim().split('\n').slice(-6).join('\n') : '';
  throw new MeshLabError(ExitCode.VerificationFailed, `kubectl port-forward to ${service.metadata.name} did not start${state?.lastError ? `: ${state.lastError}` : ''}`, {
    hint: 'rerun with --verbose; check that the gateway pod is running',
    detail: log,
  });
}

function sameTarget(a: ForwardConfig, b: Omit<ForwardConfig, 'localPort'>): boolean {
  return a.kubeconfig === b.kubeconfig && a.context === b.context && a.namespace === b.namespace && a.service === b.service && a.remotePort === b.remotePort && a.remoteSecurePort === b.remoteSecurePort;
}

function endpointFor(s: ForwardState, why: string, how: string): IngressEndpoint {
  const c = s.config;
  return {
    host: '127.0.0.1',
    port: c.localPort,
    ...(c.localSecurePort ? { securePort: c.localSecurePort } : {}),
    source: 'port-forward',
    reason: `${why}; forwarding 127.0.0.1:${c.localPort} to ${c.namespace}/${c.service}:${c.remotePort} (${how} port-forward supervisor, pid ${s.supervisorPid}, which restarts kubectl port-forward on these ports)`,
    ...(s.supervisorPid ? { portForwardPid: s.supervisorPid } : {}),
  };
}

/** Waits until the supervisor's kubectl says "Forwarding from"; undefined if the supervisor died or time ran out. */
async function waitForwarding(file: string, timeoutMs: number, pid?: number): Promise<ForwardState | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = readForwardState(file);
    if (s?.forwarding && s.kubectlPid && isAlive(s.kubectlPid) && s.supervisorPid && isAlive(s.supervisorPid)) return s;
    const sup = s?.supervisorPid ?? pid;
    if (sup && !isAlive(sup)) return undefined;
    await sleep(100);
  }
  return undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Alive and not a zombie (an orphan whose reaper has not run yet counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // without /proc (or when it exited meanwhile) the signal's answer stands
  return procStatFields(pid)?.[0] !== 'Z';
}

/** Refuses to signal a pid that is no longer one of ours (pid reuse): its argv must name port-forward. */
function isOurs(pid: number): boolean {
  if (!pid || !isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  try {
    return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('port-forward');
  } catch {
    return false;
  }
}

function signal(pid: number, sig: NodeJS.Signals, group = false): void {
  try {
    process.kill(group ? -pid : pid, sig);
  } catch {
    /* already gone */
  }
}

export function supervisorAlive(s: Pick<ForwardState, 'supervisorPid'>): boolean {
  return Boolean(s.supervisorPid && isOurs(s.supervisorPid));
}

/**
 * Supervisor first (SIGTERM: it stops restarting, ends kubectl, exits), then waits for both;
 * anything still there after 5 s gets SIGKILL (the supervisor leads its own process group,
 * which kubectl shares). Returns what was stopped.
 */
async function stopSupervised(s: Partial<Pick<ForwardState, 'supervisorPid' | 'kubectlPid'>>): Promise<string[]> {
  const stopped: string[] = [];
  const sup = s.supervisorPid && isOurs(s.supervisorPid) ? s.supervisorPid : undefined;
  const kube = s.kubectlPid && isOurs(s.kubectlPid) ? s.kubectlPid : undefined;
  if (sup) {
    signal(sup, 'SIGTERM');
    stopped.push(`port-forward supervisor (pid ${sup})`);
  } else if (kube) {
    signal(kube, 'SIGTERM');
  }
  if (kube) stopped.push(`kubectl port-forward (pid ${kube})`);
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline && ((sup && isAlive(sup)) || (kube && isAlive(kube)))) await sleep(50);
  if (sup && isAlive(sup)) signal(sup, 'SIGKILL', true);
  if (kube && isAlive(kube) && isOurs(kube)) signal(kube, 'SIGKILL');
  return stopped;
}

/**
 * Stops the lab's port-forward (`down`, or `up` finding a direct path again): the supervisor
 * recorded in <lab dir>/port-forward.json, and a plain kubectl port-forward an older mesh-lab
 * recorded as `legacyPid`. Returns a line for `down`'s report, or undefined if nothing ran.
 */
export async function stopPortForward(environmentDir: string, legacyPid?: number): Promise<string | undefined> {
  const s = readForwardState(forwardStateFile(environmentDir));
  const stopped = s ? await stopSupervised(s) : [];
  if (legacyPid && legacyPid !== s?.supervisorPid && isOurs(legacyPid)) {
    signal(legacyPid, 'SIGTERM', true);
    signal(legacyPid, 'SIGTERM');
    stopped.push(`kubectl port-forward (pid ${legacyPid})`);
  }
  return stopped.length > 0 ? stopped.join(' and ') : undefined;
}
