// `kubectl port-forward TYPE/NAME [LOCAL:]REMOTE ...`. Flags from `kubectl port-forward
// --help` (v1.32): --address (StringSlice, default localhost), --pod-running-timeout (1m0s).
// Flow of kubernetes/kubectl pkg/cmd/portforward/portforward.go: resolve the object (NotFound
// as usual), pick a pod through its selector (no pod: wait --pod-running-timeout, then "timed
// out waiting for the condition"), translate a Service port to the pod's targetPort, refuse a
// pod that is not Running, then print "Forwarding from ADDR:LOCAL -> REMOTE" per listener and
// "Handling connection for LOCAL" per connection, until killed.
// Simulator: the pod's port is served by the node container's data plane on the node port of
// the Service port that targets it, so each connection is piped to <nodeIP>:<nodePort>; the
// data plane then decides exactly as for traffic reaching the pod (resets while not ready).
//
// A connection the pod refuses ENDS the command, as in kubectl 1.23 through 1.36
// (kubernetes/kubernetes#103526; kubernetes/kubectl#1169, #1363): client-go
// tools/portforward/portforward.go handleConnection gets the kubelet's message on the error
// stream, wraps it as "an error occurred forwarding L -> R: <msg>", calls
// runtime.HandleError (apimachinery util/runtime: klog `"Unhandled Error" err=...`, from
// portforward.go:424 in the 1.32-1.36 file) and closes the stream connection; forward()
// then returns ErrLostConnectionToPod ("lost connection to pod") and kubectl's CheckErr
// prints `error: lost connection to pod`, exit 1. The kubelet's message (kubelet
// cri/streaming/portforward/httpstream.go "error forwarding port %d to pod %s, uid %v: %v",
// with containerd's sandbox id and an empty uid) wraps containerd's "failed to execute
// portforward in network namespace %q: failed to connect to localhost:%d inside namespace
// %q, IPv4: %w IPv6 %w " (trailing space included), as captured from real runs in
// helixml/helix#589 and cilium/tetragon#3595. The contextual-logging rewrite of that file
// (kubernetes/kubernetes#129331, "An error occurred forwarding" localPort=… remotePort=…)
// merged after 1.36 and is not simulated.
import { createConnection, createServer, type Server } from 'node:net';
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, type K8sObject } from '../lib/store.js';
import { ApiError, notFound } from '../k8s/errors.js';
import { findObject } from '../k8s/objects.js';
import { qualifiedPlural, type ResourceType } from '../k8s/registry.js';
import { podsFor } from '../k8s/readiness.js';
import { connect } from './context.js';
import { attrs, authorize, denial } from '../rbac/guard.js';
import { err, fail, out } from './io.js';
import { goQuote, klogHeader } from './klog.js';
import { connectionDecision } from '../mesh/route.js';
import { optionsFromEnv } from '../mesh/knobs.js';
import { createHash } from 'node:crypto';
import { parseTargets } from './resources.js';

export const portForwardFlags: FlagSpec[] = [
  { name: 'address', type: 'stringSlice', def: ['localhost'] },
  { name: 'pod-running-timeout', type: 'duration', def: 60_000 },
];

interface PortPair {
  local: number;
  remote: number;
}

function splitPort(p: string): [string, string] {
  const parts = p.split(':');
  return parts.length === 2 ? [parts[0]!, parts[1]!] : [parts[0]!, parts[0]!];
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function selectorOf(obj: K8sObject): Record<string, string> | undefined {
  if (obj.kind === 'Service') return obj.spec?.selector as Record<string, string> | undefined;
  return obj.spec?.selector?.matchLabels as Record<string, string> | undefined;
}

/** The pods of every Deployment in the namespace, as `kubectl get pods` shows them. */
function podsIn(objects: K8sObject[], ns: string): K8sObject[] {
  return objects.filter((o) => o.kind === 'Deployment' && o.metadata.namespace === ns).flatMap((d) => podsFor(d));
}

/** sort.Reverse(ActivePods): ready and running pods first. */
function pickPod(pods: K8sObject[]): K8sObject | undefined {
  const score = (p: K8sObject) => (p.status?.phase === 'Running' ? 2 : 0) + (p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True') ? 1 : 0);
  return [...pods].sort((a, b) => score(b) - score(a))[0];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function serviceTarget(svc: K8sObject, port: number, pod: K8sObject): number {
  for (const p of (svc.spec?.ports ?? []) as Array<{ port: number; targetPort?: number | string }>) {
    if (p.port !== port) continue;
    if (svc.spec?.clusterIP === 'None') return port;
    if (p.targetPort === undefined || p.targetPort === 0) return p.port;
    if (typeof p.targetPort === 'number' || /^\d+$/.test(String(p.targetPort))) return Number(p.targetPort);
    for (const c of pod.spec?.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === p.targetPort) return cp.containerPort;
    throw new ApiError('', `Pod '${pod.metadata.name}' does not have a named port '${String(p.targetPort)}'`);
  }
  throw new ApiError('', `Service ${svc.metadata.name} does not have a service port ${port}`);
}

/** The node port behind a pod port: a NodePort/LoadBalancer Service selecting the pod whose port targets it. */
function nodePortFor(objects: K8sObject[], pod: K8sObject, containerPort: number): number | undefined {
  const labels = (pod.metadata.labels ?? {}) as Record<string, string>;
  for (const s of objects) {
    if (s.kind !== 'Service' || s.metadata.namespace !== pod.metadata.namespace || !matches(s.spec?.selector, labels)) continue;
    for (const p of (s.spec?.ports ?? []) as Array<{ port: number; targetPort?: number | string; nodePort?: number }>) {
      if (typeof p.nodePort !== 'number') continue;
      try {
        if (serviceTarget(s, p.port, pod) === containerPort) return p.nodePort;
      } catch {
        /* a named port the pod lacks */
      }
    }
  }
  return undefined;
}

function listen(addr: string, port: number, onConn: Parameters<typeof createServer>[1]): Promise<Server> {
  return new Promise((res, rej) => {
    const s = createServer(onConn);
    s.once('error', rej);
    s.listen(port, addr, () => res(s));
  });
}

/** The klog line kubectl prints when the pod refuses a forwarded connection (see the header). */
export function refusedMessage(pp: PortPair, pod: K8sObject): string {
  const sandbox = createHash('sha256').update(`${pod.metadata.namespace}/${pod.metadata.name}`).digest('hex');
  const h = createHash('sha256').update(sandbox).digest('hex');
  const netns = `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  const inPod = `failed to execute portforward in network namespace ${goQuote(netns)}: failed to connect to localhost:${pp.remote} inside namespace ${goQuote(sandbox)}, IPv4: dial tcp4 127.0.0.1:${pp.remote}: connect: connection refused IPv6 dial tcp6 [::1]:${pp.remote}: connect: connection refused `;
  const e = `an error occurred forwarding ${pp.local} -> ${pp.remote}: error forwarding port ${pp.remote} to pod ${sandbox}, uid : ${inPod}`;
  return `${klogHeader('E', 'portforward.go:424')}"Unhandled Error" err=${goQuote(e)}\n`;
}

export async function runPortForward(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length < 2) {
      err("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
      return 1;
    }
    const conn = await connect(flags);
    const objects = readObjects(conn.rec.key);
    const ref = args[0]!.includes('/') ? args[0]! : `pods/${args[0]}`;
    const targets = parseTargets([ref], objects);
    const t: ResourceType = targets[0]!.type;
    const name = targets[0]!.names[0]!;
    authorize(conn.rec.key, conn.user, attrs('get', t, conn.namespace, name));
    const obj = t.kind === 'Pod' ? podsIn(objects, conn.namespace).find((p) => p.metadata.name === name) : findObject(objects, t, conn.namespace, name);
    if (!obj) throw notFound(qualifiedPlural(t), name);

    let pod: K8sObject | undefined;
    if (obj.kind === 'Pod') pod = obj;
    else {
      const sel = selectorOf(obj);
      if (obj.kind === 'Service' && (!sel || Object.keys(sel).length === 0)) {
        throw new ApiError('', `cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector`);
      }
      // GetPodList: list, else watch until a pod appears or --pod-running-timeout passes.
      const deadline = Date.now() + (flags['pod-running-timeout'] as number);
      for (;;) {
        pod = pickPod(podsIn(readObjects(conn.rec.key), conn.namespace).filter((p) => matches(sel, (p.metadata.labels ?? {}) as Record<string, string>)));
        if (pod) break;
        if (Date.now() >= deadline) throw new ApiError('', 'timed out waiting for the condition');
        await sleep(200);
      }
    }
    const pairs: PortPair[] = args.slice(1).map((p) => {
      const [l, r] = splitPort(p);
      let remote = Number(r);
      if (!/^\d+$/.test(r)) {
        if (obj.kind !== 'Service') throw new ApiError('', `Pod '${pod!.metadata.name}' does not have a named port '${r}'`);
        const sp = ((obj.spec?.ports ?? []) as Array<{ name?: string; port: number }>).find((x) => x.name === r);
        if (!sp) throw new ApiError('', `Service '${name}' does not have a named port '${r}'`);
        remote = sp.port;
      }
      const container = obj.kind === 'Service' ? serviceTarget(obj, remote, pod!) : remote;
      const local = l === '' ? 0 : l === r ? (obj.kind === 'Service' && !/^\d+$/.test(r) ? remote : Number(l)) : Number(l);
      if (!Number.isInteger(local) || local < 0 || local > 65535) throw new ApiError('', `Error parsing local port '${l}': strconv.ParseUint: parsing "${l}": invalid syntax`);
      return { local, remote: container };
    });
    if (pod.status?.phase !== 'Running') {
      throw new ApiError('', `unable to forward port because pod is not running. Current status=${String(pod.status?.phase ?? 'Pending')}`);
    }
    // The stream upgrade is a POST (verb create) on pods/portforward; client-go's SPDY
    // dialer reports a refusal as "error upgrading connection: <status message>".
    const denied = denial(conn.rec.key, conn.user, attrs('create', { group: '', plural: 'pods', namespaced: true }, conn.namespace, pod.metadata.name, 'portforward'));
    if (denied) throw new ApiError('', `error upgrading connection: ${denied.message}`);
    const addrs = (flags.address as string[]).flatMap((a) => (a === 'localhost' ? ['127.0.0.1', '::1'] : [a]));
    const bad = addrs.find((a) => !a.startsWith('127.') && a !== '::1');
    if (bad && process.env.MESHLAB_SIM_ALLOW_PUBLIC_BIND !== '1') throw new ApiError('', `simulator: refusing to listen on ${bad}: tests bind loopback only`);
    const nodeIP = String(conn.rec.nodeIP ?? '');
    const meshOpts = optionsFromEnv();
    let lostConnection: (line: string) => void = () => undefined;
    const podName = pod.metadata.name;
    const servers: Server[] = [];
    for (const pp of pairs) {
      let bound = 0;
      for (const addr of addrs) {
        try {
          const s = await listen(addr, pp.local, (client) => {
            out(`Handling connection for ${pp.local}\n`);
            const objects = readObjects(conn.rec.key);
            const nodePort = nodePortFor(objects, pod!, pp.remote);
            const refused = () => {
              client.destroy();
              lostConnection(refusedMessage(pp, pod!));
            };
            // Envoy listens on the pod port only while a Gateway server opens it: decided by
            // the same mesh logic as the node's data plane, so both agree.
            if (!nodePort || !nodeIP || !connectionDecision(objects, nodePort, Date.now(), meshOpts).accept) return refused();
            const up = createConnection({ host: nodeIP, port: nodePort });
            up.once('error', (e: NodeJS.ErrnoException) => (e.code === 'ECONNREFUSED' ? refused() : client.destroy()));
            client.on('error', () => up.destroy());
            up.on('connect', () => {
              client.pipe(up);
              up.pipe(client);
            });
            up.on('close', () => client.destroy());
            client.on('close', () => up.destroy());
          });
          if (pp.local === 0) pp.local = (s.address() as { port: number }).port;
          const a = s.address() as { address: string; port: number };
          out(`Forwarding from ${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port} -> ${pp.remote}\n`);
          servers.push(s);
          bound++;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (addrs.length === 1 || addr !== '::1') {
            err(`Unable to listen on port ${pp.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 ${addr}:${pp.local}: bind: ${code === 'EADDRINUSE' ? 'address already in use' : String(code)}]\n`);
          }
        }
      }
      if (bound === 0) {
        for (const s of servers) s.close();
        err(`error: unable to listen on any of the requested ports: [{${pp.local} ${pp.remote}}]\n`);
        return 1;
      }
    }
    // Runs until a signal ends it (SIGINT closes the listeners, kubectl's handler; SIGTERM
    // kills) or until the pod refuses a forwarded connection (exit 1, see the header).
    const ended = await new Promise<'signal' | 'lost'>((res) => {
      process.once('SIGINT', () => res('signal'));
      lostConnection = (line: string) => {
        err(line);
        res('lost');
      };
    });
    for (const s of servers) s.close();
    if (ended === 'lost') {
      err('error: lost connection to pod\n');
      // open client sockets must not keep the process alive past kubectl's exit
      process.exit(1);
    }
    return 0;
  } catch (e) {
    return fail(e);
  }
}
