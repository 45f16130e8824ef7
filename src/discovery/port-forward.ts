// The last resort of discovery: `kubectl port-forward` to the gateway Service, started in
// the background on 127.0.0.1, recorded in the lab state and stopped by `down`. Used when
// neither a load balancer nor any node address is reachable (a pending load balancer,
// Docker Desktop on macOS where node IPs live inside a VM).
import { existsSync, readFileSync } from 'node:fs';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ClusterAccess } from '../kube/cluster-access.js';
import type { ServiceObject } from '../kube/objects.js';
import type { Runner } from '../process/runner.js';
import type { IngressEndpoint } from '../state/lab-state.js';
import { freeLoopbackPort } from './free-port.js';
import { gatewayPorts } from './gateway-service.js';
import type { Probe } from './probe.js';

export interface PortForwardDeps {
  runner: Runner;
  access: ClusterAccess;
  logFile: string;
  probe: Probe;
  timeoutMs?: number;
}

export async function startPortForward(service: ServiceObject, deps: PortForwardDeps, why: string): Promise<IngressEndpoint> {
  const ports = gatewayPorts(service);
  if (!ports.http) throw new MeshLabError(ExitCode.NotFound, `${service.metadata.name} has no http2 port to forward`);
  const local = await freeLoopbackPort();
  const localSecure = ports.https ? await freeLoopbackPort() : undefined;
  const args = [
    '--kubeconfig', deps.access.kubeconfig,
    '--context', deps.access.context,
    'port-forward', '-n', service.metadata.namespace!, `service/${service.metadata.name}`,
    '--address', '127.0.0.1',
    `${local}:${ports.http.port}`,
    ...(ports.https && localSecure ? [`${localSecure}:${ports.https.port}`] : []),
  ];
  const { pid } = await deps.runner.spawnBackground('kubectl', args, { logFile: deps.logFile });
  const deadline = Date.now() + (deps.timeoutMs ?? 15_000);
  while (Date.now() < deadline) {
    if ((await deps.probe('127.0.0.1', local)).ok) {
      return {
        host: '127.0.0.1',
        port: local,
        ...(localSecure ? { securePort: localSecure } : {}),
        source: 'port-forward',
        reason: `${why}; forwarding 127.0.0.1:${local} to ${service.metadata.namespace}/${service.metadata.name}:${ports.http.port} (kubectl port-forward, pid ${pid})`,
        portForwardPid: pid,
      };
    }
    if (!isAlive(pid)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  stopPortForward(pid);
  const log = existsSync(deps.logFile) ? readFileSync(deps.logFile, 'utf8').trim().split('\n').slice(-5).join('\n') : '';
  throw new MeshLabError(ExitCode.VerificationFailed, `kubectl port-forward to ${service.metadata.name} did not start`, {
    hint: 'rerun with --verbose; check that the gateway pod is running',
    detail: log,
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a port-forward mesh-lab started; refuses to signal a pid that is not one (pid reuse). */
export function stopPortForward(pid: number): boolean {
  if (!pid || !isAlive(pid)) return false;
  const cmdline = `/proc/${pid}/cmdline`;
  if (existsSync(cmdline) && !readFileSync(cmdline, 'utf8').includes('port-forward')) return false;
  try {
    // the helper was started detached as its own process group leader
    process.kill(-pid, 'SIGTERM');
  } catch {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return false;
    }
  }
  return true;
}
