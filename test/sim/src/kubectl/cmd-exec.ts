// `kubectl exec (POD | TYPE/NAME) [-c CONTAINER] -- COMMAND [args...]`. Flags from
// `kubectl exec --help` (v1.32): -c/--container, -i/--stdin, -t/--tty, -q/--quiet,
// --pod-running-timeout, -f/--filename. Simulated pods run no processes, so the only
// command is `curl`, emulated in this process against the cluster store (mesh/client):
// the request goes through the pod's sidecar exactly as the mesh routes it, and its
// latency (fault delays, timeouts) is really waited for. Messages are kubectl's own:
// "exec [POD] [COMMAND] is not supported anymore…", "command terminated with exit code N".
import type { FlagSpec } from '../lib/flags.js';
import type { K8sObject } from '../lib/store.js';
import { readObjects, simHome } from '../lib/store.js';
import { notFound } from '../k8s/errors.js';
import { byResourceArg, qualifiedPlural } from '../k8s/registry.js';
import { podsFor, readyAt } from '../k8s/readiness.js';
import { connect, type Conn } from './context.js';
import { attrs, authorize } from '../rbac/guard.js';

const POD = { group: '', plural: 'pods', namespaced: true };
import { err, fail, out, UsageError } from './io.js';
import { served, ofType } from './resources.js';
import { selectorMatches } from '../mesh/objects.js';
import { optionsFromEnv } from '../mesh/knobs.js';
import { sidecarOutbound } from '../mesh/sidecar.js';
import { runCurl } from '../mesh/client/curl.js';
import { loadSpread, saveSpread } from '../mesh/client/spread-file.js';
import { hasCurl, podContainers, sidecarInjected } from '../mesh/client/pod-network.js';

export const execFlags: FlagSpec[] = [
  { name: 'container', short: 'c', type: 'string' },
  { name: 'stdin', short: 'i', type: 'bool' },
  { name: 'tty', short: 't', type: 'bool' },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'pod-running-timeout', type: 'duration', def: 60_000 },
  { name: 'filename', short: 'f', type: 'stringSlice' },
];

const usage = (msg: string) => new UsageError(`error: ${msg}\nSee 'kubectl exec -h' for help and examples`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** cobra's ArgsLenAtDash: everything after the first bare `--` of the command line. */
function commandAfterDash(): string[] | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--');
  return i === -1 ? undefined : argv.slice(i + 1);
}

function isRunning(p: K8sObject): boolean {
  return p.status?.phase === 'Running';
}

/** The pod `TYPE/NAME` stands for: the first running pod its selector picks (kubectl waits for one). */
async function podFor(conn: Conn, target: string, timeoutMs: number): Promise<K8sObject> {
  const slash = target.indexOf('/');
  const { all } = served(conn);
  const podType = byResourceArg('pods')!;
  if (slash === -1) {
    const pod = ofType(all, podType).find((p) => p.metadata.namespace === conn.namespace && p.metadata.name === target);
    if (!pod) throw notFound(qualifiedPlural(podType), target);
    return pod;
  }
  const type = byResourceArg(target.slice(0, slash));
  const name = target.slice(slash + 1);
  if (!type) throw new UsageError(`error: the server doesn't have a resource type "${target.slice(0, slash)}"`);
  if (type.kind === 'Pod') return podFor(conn, name, timeoutMs);
  const obj = ofType(all, type).find((o) => o.metadata.namespace === conn.namespace && o.metadata.name === name);
  if (!obj) throw notFound(qualifiedPlural(type), name);
  let selector: Record<string, string> | undefined;
  if (type.kind === 'Deployment') selector = obj.spec?.selector?.matchLabels;
  else if (type.kind === 'Service') selector = obj.spec?.selector;
  else throw new UsageError(`error: cannot attach to ${type.kind}: selector not implemented by the mesh-lab simulator`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pods = ofType(served(conn).all, podType).filter((p) => p.metadata.namespace === conn.namespace && selectorMatches(selector, p.metadata.labels));
    const running = pods.find(isRunning);
    if (running) return running;
    if (Date.now() >= deadline) throw new UsageError(pods.length === 0 ? `error: no pods found` : 'error: timed out waiting for the condition');
    // Deployment pods become Running at readyAt (k8s/readiness.ts); wait for that, in small steps.
    const stored = readObjects(conn.rec.key).filter((o) => o.kind === 'Deployment' && o.metadata.namespace === conn.namespace);
    const soonest = Math.min(...stored.filter((d) => podsFor(d).some((p) => selectorMatches(selector, p.metadata.labels))).map(readyAt), Infinity);
    await sleep(Math.min(200, Math.max(20, soonest - Date.now()), deadline - Date.now()));
  }
}

export async function runExec(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    const command = commandAfterDash();
    const before = command === undefined ? args : args.slice(0, args.length - command.length);
    if ((flags.filename as string[]).length > 0) throw new UsageError('error: kubectl exec -f is not implemented by the mesh-lab simulator');
    if (before.length === 0) throw usage('pod, type/name or --filename must be specified');
    if (command === undefined && before.length > 1) throw usage('exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead');
    if (!command || command.length === 0) throw usage('you must specify at least one command for the container');
    const conn = await connect(flags);
    const pod = await podFor(conn, before[0]!, flags['pod-running-timeout'] as number);
    // kubectl exec GETs the pod, then POSTs (verb create) to its exec subresource.
    authorize(conn.rec.key, conn.user, attrs('get', POD, conn.namespace, pod.metadata.name));
    authorize(conn.rec.key, conn.user, attrs('create', POD, conn.namespace, pod.metadata.name, 'exec'));
    const objects = readObjects(conn.rec.key);
    const injected = sidecarInjected(objects, pod);
    const { containers, init } = podContainers(pod, injected);
    const wanted = flags.container as string | undefined;
    const container = wanted ? containers.find((c) => c.name === wanted) : containers[0];
    if (wanted && !container) {
      if (init.includes(wanted)) throw new UsageError(`error: unable to upgrade connection: container not found ("${wanted}")`);
      throw new UsageError(`error: container ${wanted} not found in pod ${pod.metadata.name}`);
    }
    if (!wanted && containers.length > 1 && !flags.quiet) {
      err(`Defaulted container "${container!.name}" out of: ${[...containers.map((c) => c.name), ...init.map((n) => `${n} (init)`)].join(', ')}\n`);
    }
    if (!isRunning(pod)) throw new UsageError(`error: unable to upgrade connection: container not found ("${container!.name}")`);
    return await runInContainer(conn, objects, pod, container!, injected, command);
  } catch (e) {
    return fail(e);
  }
}

async function runInContainer(conn: Conn, objects: K8sObject[], pod: K8sObject, container: { name: string; image?: string }, injected: boolean, command: string[]): Promise<number> {
  const bin = command[0]!.split('/').pop();
  if (bin !== 'curl' || !hasCurl(container.image)) {
    err(
      `error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: ` +
        `OCI runtime exec failed: exec failed: unable to start container process: exec: "${command[0]}": executable file not found in $PATH: unknown` +
        (bin === 'curl' ? '' : ' (the mesh-lab simulator runs only curl in pods)') + '\n',
    );
    return 1;
  }
  const opts = optionsFromEnv();
  const home = simHome();
  opts.spread = loadSpread(home, conn.rec.key);
  // Traffic from the istio-proxy container itself (uid 1337) bypasses the sidecar.
  const viaSidecar = injected && container.name !== 'istio-proxy';
  const client = { name: pod.metadata.name, namespace: pod.metadata.namespace ?? 'default', injected: viaSidecar };
  const r = await runCurl(command.slice(1), {
    fetch: (req) => {
      const res = sidecarOutbound(objects, client, req, Date.now(), opts);
      saveSpread(home, conn.rec.key, opts.spread!);
      return res;
    },
    sleep,
    clock: () => Date.now(),
  });
  out(r.stdout);
  err(r.stderr);
  if (r.code !== 0) err(`command terminated with exit code ${r.code}\n`);
  return r.code;
}
