// What `status` says about a port-forward endpoint: the supervisor's own record, checked
// against the live processes. The supervisor being gone is unhealthy (nothing will bring
// kubectl back); kubectl being between restarts is not, the supervisor is on it.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { IngressEndpoint } from '../state/environment-state.js';
import { forwardStateFile, readForwardState } from './forward-state.js';
import { isAlive } from './port-forward.js';

export interface ForwardHealth {
  ok: boolean;
  summary: string;
  supervisor?: { pid: number; alive: boolean };
  kubectl?: { pid: number; alive: boolean };
  restarts: number;
  lastError?: string;
}

export function portForwardHealth(environmentDir: string, e: IngressEndpoint): ForwardHealth {
  const s = readForwardState(forwardStateFile(environmentDir));
  const at = `${e.host}:${e.port} via port-forward`;
  if (!s?.supervisorPid) {
    const pid = e.portForwardPid;
    const alive = pid ? isAlive(pid) : false;
    return { ok: alive, restarts: 0, summary: `${at}: no supervisor recorded${pid ? `; kubectl port-forward pid ${pid} ${alive ? 'alive' : 'dead'}` : ''} (rerun \`mesh-lab up\`)` };
  }
  const sup = { pid: s.supervisorPid, alive: isAlive(s.supervisorPid) };
  const kube = s.kubectlPid ? { pid: s.kubectlPid, alive: isAlive(s.kubectlPid) } : undefined;
  const parts = [
    `supervisor pid ${sup.pid} ${sup.alive ? 'alive' : 'dead'}`,
    kube ? `kubectl pid ${kube.pid} ${kube.alive ? (s.forwarding ? 'forwarding' : 'starting') : 'dead'}` : 'kubectl restarting',
    `restarts ${s.restarts}`,
    ...(s.lastError ? [`last error: ${s.lastError}`] : []),
  ];
  const fix = sup.alive ? '' : ' (rerun `mesh-lab up` to restart it)';
  return {
    ok: sup.alive,
    summary: `${at} (${parts.join(', ')})${fix}`,
    supervisor: sup,
    ...(kube ? { kubectl: kube } : {}),
    restarts: s.restarts,
    ...(s.lastError ? { lastError: s.lastError } : {}),
  };
}

/** `curl`'s error when the forwarded port does not answer: what the supervisor says, and what to do. */
export function forwardNoAnswer(environmentDir: string, e: IngressEndpoint, error: string): MeshLabError {
  const h = portForwardHealth(environmentDir, e);
  return new MeshLabError(ExitCode.VerificationFailed, `no answer from the ingress at ${e.host}:${e.port} (${error}); ${h.summary.replace(/^[^(]*\(/, '(')}`, {
    hint: h.ok
      ? 'the port-forward supervisor restarts kubectl within 2 s; retry. kubectl exits when the gateway refuses a connection: is a Gateway open on port 80? (`mesh-lab status`)'
      : 'the port-forward supervisor is not running: `mesh-lab up` restarts it on the same port',
  });
}
