/**
 * One function per doctor check. Each returns a CheckResult and never throws for an
 * expected condition; runDoctor (doctor.ts) wraps them so an unexpected error becomes a
 * failed check rather than a crash.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { access, readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { CheckResult } from './types.js';
import type { DockerInfo, DockerInfoSource, DockerPortSource } from '../docker/docker-source.js';
import { MEMORY_SLACK, istioSupportsKubernetes, kubectlSkew } from '../tools/compatibility.js';
import type { PortHolder, PortProbe } from './port-holder.js';
import { describeHolder } from './port-holder.js';
import { providers, type LocalProviderName } from '../providers/registry.js';
import type { ToolPlan } from '../tools/resolve.js';
import { describeError } from '../tools/errors.js';
import { parseVersion } from '../tools/version.js';

const GiB = 1024 ** 3;
const gib = (bytes: number): string => `${(bytes / GiB).toFixed(1)} GiB`;

async function defaultExists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

export interface SocketContext {
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => Promise<boolean>;
  home?: string;
  platform?: string;
}

/** Well-known Docker sockets: engine, rootless, Docker Desktop, colima, Rancher Desktop, OrbStack, podman. */
export function candidateDockerSockets(env: NodeJS.ProcessEnv, home: string, uid: number | undefined): Array<{ path: string; what: string }> {
  const runtime = env['XDG_RUNTIME_DIR'] || (uid !== undefined ? `/run/user/${uid}` : undefined);
  return [
    { path: '/var/run/docker.sock', what: 'Docker Engine' },
    ...(runtime ? [{ path: join(runtime, 'docker.sock'), what: 'rootless Docker' }] : []),
    { path: join(home, '.docker', 'run', 'docker.sock'), what: 'Docker Desktop' },
    { path: join(home, '.docker', 'desktop', 'docker.sock'), what: 'Docker Desktop' },
    { path: join(home, '.colima', 'default', 'docker.sock'), what: 'colima' },
    { path: join(home, '.rd', 'docker.sock'), what: 'Rancher Desktop' },
    { path: join(home, '.orbstack', 'run', 'docker.sock'), what: 'OrbStack' },
    ...(runtime ? [{ path: join(runtime, 'podman', 'podman.sock'), what: 'podman (Docker API)' }] : []),
  ];
}

export async function checkDockerReachable(docker: DockerInfoSource, ctx: SocketContext = {}): Promise<CheckResult> {
  const env = ctx.env ?? process.env;
  const exists = ctx.exists ?? defaultExists;
  const dockerHost = env['DOCKER_HOST'];
  try {
    await docker.ping();
    return { id: 'docker.reachable', status: 'pass', summary: `Docker is reachable${dockerHost ? ` at DOCKER_HOST=${dockerHost}` : ''}`, details: { dockerHost: dockerHost ?? null } };
  } catch (e) {
    const err = describeError(e);
    const details: Record<string, unknown> = { dockerHost: dockerHost ?? null, error: err };
    if (dockerHost) {
      const unixPath = dockerHost.startsWith('unix://') ? dockerHost.slice('unix://'.length) : undefined;
      if (unixPath && !(await exists(unixPath))) {
        return { id: 'docker.reachable', status: 'fail', summary: `DOCKER_HOST=${dockerHost} points at a socket that does not exist`, fix: 'start Docker, or fix/unset DOCKER_HOST (e.g. `unset DOCKER_HOST` to use the default socket)', details };
      }
      return { id: 'docker.reachable', status: 'fail', summary: `Docker at DOCKER_HOST=${dockerHost} does not answer (${err})`, fix: 'start that Docker daemon, or unset DOCKER_HOST to use the default socket', details };
    }
    if (/EACCES|permission denied/i.test(err)) {
      return { id: 'docker.reachable', status: 'fail', summary: `no permission to use the Docker socket (${err})`, fix: 'add yourself to the docker group (`sudo usermod -aG docker $USER`, then log in again) or use rootless Docker', details };
    }
    const home = ctx.home ?? homedir();
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    const present: Array<{ path: string; what: string }> = [];
    for (const c of candidateDockerSockets(env, home, uid)) if (await exists(c.path)) present.push(c);
    details['socketsFound'] = present.map((p) => p.path);
    const alt = present.find((p) => p.path !== '/var/run/docker.sock');
    if (alt) {
      return { id: 'docker.reachable', status: 'fail', summary: `Docker does not answer on the default socket, but a ${alt.what} socket exists at ${alt.path}`, fix: `export DOCKER_HOST=unix://${alt.path}`, details };
    }
    const platform = ctx.platform ?? process.platform;
    return {
      id: 'docker.reachable',
      status: 'fail',
      summary: `Docker is not reachable (${err})`,
      fix: platform === 'darwin' ? 'start Docker Desktop (or colima/OrbStack) and wait until it is running' : 'start Docker (`sudo systemctl start docker`, or `systemctl --user start docker` for rootless)',
      details,
    };
  }
}

export function isRootless(info: DockerInfo): boolean {
  return (info.SecurityOptions ?? []).some((o) => /(^|,)name=rootless(,|$)/.test(o));
}

export function checkDockerVersion(info: DockerInfo): CheckResult {
  const v = parseVersion(info.ServerVersion);
  const rootless = isRootless(info);
  const details = { serverVersion: info.ServerVersion, operatingSystem: info.OperatingSystem ?? null, rootless };
  const label = `Docker ${info.ServerVersion}${info.OperatingSystem ? ` (${info.OperatingSystem})` : ''}${rootless ? ', rootless' : ''}`;
  if (!v) return { id: 'docker.version', status: 'warn', summary: `${label}: version not recognised`, fix: 'use Docker Engine 20.10 or newer', details };
  if (v.major < 20 || (v.major === 20 && v.minor < 10)) {
    return { id: 'docker.version', status: 'fail', summary: `${label} is older than 20.10, which kind needs`, fix: 'upgrade Docker to a current release', details };
  }
  return { id: 'docker.version', status: 'pass', summary: label, details };
}

/** Docker's CPUs and memory against what the provider needs (a provider may bring its own check). */
export function checkDockerResources(info: DockerInfo, provider: LocalProviderName): CheckResult {
  const definition = providers.get(provider);
  if (definition.checkResources) return definition.checkResources(info);
  const need = definition.resourceNeeds;
  if (!need) return { id: 'docker.resources', status: 'pass', summary: `Docker has ${info.NCPU} CPUs, ${gib(info.MemTotal)}; ${provider} states no resource needs` };
  const mem = info.MemTotal;
  const cpus = info.NCPU;
  // `profile` is the provider here: the key stays for `doctor --json` readers
  const details = { cpus, memoryBytes: mem, profile: provider, need };
  const have = `${cpus} CPUs, ${gib(mem)}`;
  const fix = `give Docker at least ${need.recommendedCpus} CPUs and ${need.recommendedMemoryGiB} GiB (Docker Desktop: Settings › Resources; colima: colima start --cpu ${need.recommendedCpus} --memory ${need.recommendedMemoryGiB})`;
  const memBelow = (g: number): boolean => mem < g * GiB * MEMORY_SLACK;
  if (cpus < need.minCpus || memBelow(need.minMemoryGiB)) {
    return { id: 'docker.resources', status: 'fail', summary: `Docker has ${have}; ${provider} with Istio needs at least ${need.minCpus} CPUs and ${need.minMemoryGiB} GiB`, fix, details };
  }
  if (cpus < need.recommendedCpus || memBelow(need.recommendedMemoryGiB)) {
    return { id: 'docker.resources', status: 'warn', summary: `Docker has ${have}; ${need.recommendedCpus} CPUs and ${need.recommendedMemoryGiB} GiB are recommended for ${provider} with Istio`, fix, details };
  }
  return { id: 'docker.resources', status: 'pass', summary: `Docker has ${have} (enough for ${provider} with Istio)`, details };
}

export interface PortCheckDeps {
  probe: (port: number, host: string) => Promise<PortProbe>;
  findHolders?: (port: number) => Promise<PortHolder[]>;
  docker?: DockerPortSource;
  /** Containers allowed to hold the port (this lab's own node), by name without "/". */
  ownContainers?: readonly string[];
}

export async function checkHostPort(port: number, host: string, deps: PortCheckDeps): Promise<CheckResult> {
  const id = `port.${port}`;
  const where = `${host}:${port}`;
  let publishers: string[] = [];
  if (deps.docker) {
    try {
      const cs = await deps.docker.listContainers();
      publishers = cs
        .filter((c) => (c.Ports ?? []).some((p) => p.PublicPort === port))
        .map((c) => (c.Names?.[0] ?? c.Id ?? 'unnamed').replace(/^\//, ''));
    } catch {
      publishers = [];
    }
  }
  const own = publishers.filter((n) => deps.ownContainers?.includes(n));
  const foreign = publishers.filter((n) => !deps.ownContainers?.includes(n));
  if (foreign.length > 0) {
    return {
      id,
      status: 'fail',
      summary: `port ${port} is published by container ${foreign.join(', ')}`,
      fix: `stop it (\`docker stop ${foreign[0]}\`) or choose another port with --host-port`,
      details: { port, host, containers: foreign },
    };
  }
  if (own.length > 0) {
    return { id, status: 'pass', summary: `port ${port} is served by this lab (${own.join(', ')})`, details: { port, host, containers: own } };
  }
  const probe = await deps.probe(port, host);
  if (probe.free) return { id, status: 'pass', summary: `port ${where} is free`, details: { port, host } };
  if (probe.code === 'EADDRINUSE') {
    const holders = deps.findHolders ? await deps.findHolders(port).catch(() => [] as PortHolder[]) : [];
    const who = holders.length > 0 ? holders.map(describeHolder).join('; ') : 'another program';
    const pid = holders.find((h) => h.pid !== undefined)?.pid;
    return {
      id,
      status: 'fail',
      summary: `port ${where} is in use by ${who}`,
      fix: `${pid !== undefined ? `stop pid ${pid}` : 'stop the program using it'} or choose another port with --host-port`,
      details: { port, host, holders },
    };
  }
  if (probe.code === 'EACCES') {
    return {
      id,
      status: 'warn',
      summary: `cannot test port ${where} without privileges (${probe.code}); rootful Docker can still publish it, rootless Docker cannot`,
      fix: 'choose a port above 1023 with --host-port, or allow it: `sudo sysctl net.ipv4.ip_unprivileged_port_start=80`',
      details: { port, host, error: probe.message },
    };
  }
  return { id, status: 'warn', summary: `could not test port ${where}: ${probe.message}`, fix: 'choose another port with --host-port if `up` fails to publish it', details: { port, host, error: probe.message } };
}

/**
 * Tool availability from a no-download plan (tools/resolve.ts planTool). A PATH tool of
 * the wrong version never fails: `up` passes it over for the pinned copy, so doctor warns
 * with the same one-line note `up` prints.
 */
export function checkToolPlan(plan: ToolPlan, downloadsAllowed: boolean): CheckResult {
  if (plan.kind === 'ready') {
    const r = plan.resolved;
    const details = { tool: r.tool, source: r.source, path: r.path, version: r.version ?? null, rejected: r.rejected ?? null };
    if (r.note) return { id: `tool.${r.tool}`, status: 'warn', summary: r.note, fix: `remove or upgrade ${r.rejected!.path} if you want mesh-lab to use it`, details };
    return {
      id: `tool.${r.tool}`,
      status: 'pass',
      summary: r.source === 'path' ? `${r.tool} ${r.version ?? ''} on PATH (${r.path})`.replace('  ', ' ') : `${r.tool} ${r.version ?? ''} in mesh-lab's cache`,
      details,
    };
  }
  const details = { tool: plan.tool, source: null, pinned: plan.version, reason: plan.reason, rejected: plan.rejected ?? null };
  if (!downloadsAllowed) {
    return {
      id: `tool.${plan.tool}`,
      status: 'fail',
      summary: `${plan.tool}: ${plan.reason}, and downloads are disabled`,
      fix: `run \`mesh-lab tools install ${plan.tool}\` or put ${plan.tool} ${plan.version} on PATH`,
      details,
    };
  }
  return {
    id: `tool.${plan.tool}`,
    status: 'warn',
    summary: plan.note ?? `${plan.tool}: ${plan.reason}; \`mesh-lab up\` will download the pinned ${plan.version}`,
    fix: `run \`mesh-lab tools install ${plan.tool}\` now to download it ahead of time`,
    details,
  };
}

export function checkIstioKubernetes(istioVersion: string, kubernetesVersion: string, kubernetesSource: string): CheckResult {
  const v = istioSupportsKubernetes(istioVersion, kubernetesVersion);
  const details: Record<string, unknown> = { istio: istioVersion, kubernetes: kubernetesVersion, kubernetesSource, verdict: v.status, ...('range' in v ? { supportedRange: v.range } : {}) };
  const base = `Istio ${istioVersion} with Kubernetes ${kubernetesVersion} (${kubernetesSource})`;
  switch (v.status) {
    case 'supported':
      return { id: 'compat.istio-kubernetes', status: 'pass', summary: `${base}: supported (${v.range.min}–${v.range.max})`, details };
    case 'too-old':
      return { id: 'compat.istio-kubernetes', status: 'fail', summary: `${base}: Kubernetes is older than Istio's supported ${v.range.min}–${v.range.max}`, fix: `use a node image / cluster with Kubernetes ${v.range.min}–${v.range.max}, or an older Istio`, details };
    case 'newer-than-tested':
      return { id: 'compat.istio-kubernetes', status: 'warn', summary: `${base}: Kubernetes is newer than Istio's tested ${v.range.min}–${v.range.max}`, fix: `use Kubernetes ${v.range.max} or a newer Istio if installation misbehaves`, details };
    case 'unknown-istio':
      return { id: 'compat.istio-kubernetes', status: 'warn', summary: `${base}: mesh-lab has no support data for this Istio version`, fix: 'use the pinned istioctl (`mesh-lab tools install istioctl`)', details };
    case 'unparseable':
      return { id: 'compat.istio-kubernetes', status: 'warn', summary: `${base}: versions not recognised`, details };
  }
}

export function checkKubectlSkew(kubectlVersion: string, kubernetesVersion: string, kubernetesSource: string): CheckResult {
  const s = kubectlSkew(kubectlVersion, kubernetesVersion);
  const details = { kubectl: kubectlVersion, kubernetes: kubernetesVersion, kubernetesSource, minorSkew: s?.diff ?? null };
  const base = `kubectl ${kubectlVersion} with Kubernetes ${kubernetesVersion} (${kubernetesSource})`;
  if (!s) return { id: 'compat.kubectl-skew', status: 'warn', summary: `${base}: versions not recognised`, details };
  if (s.ok) return { id: 'compat.kubectl-skew', status: 'pass', summary: `${base}: within ±1 minor`, details };
  return {
    id: 'compat.kubectl-skew',
    status: 'fail',
    summary: `${base}: ${Math.abs(s.diff)} minor versions apart, kubectl supports ±1`,
    fix: 'let mesh-lab use its pinned kubectl (`mesh-lab tools install kubectl`) or install a kubectl within one minor of the cluster',
    details,
  };
}

export interface KubeconfigCheckOptions {
  path: string;
  /** Missing is a failure (an existing cluster) rather than expected (before `up`). */
  required?: boolean;
  /** Context that must exist in it. */
  context?: string;
  readFileText?: (p: string) => Promise<string>;
}

export async function checkKubeconfig(opts: KubeconfigCheckOptions): Promise<CheckResult> {
  const read = opts.readFileText ?? ((p: string) => readFile(p, 'utf8'));
  const details: Record<string, unknown> = { path: opts.path };
  let text: string;
  try {
    text = await read(opts.path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return opts.required
        ? { id: 'kubeconfig', status: 'fail', summary: `kubeconfig ${opts.path} does not exist`, fix: 'run `mesh-lab up` to create the lab, or pass the right --kubeconfig', details }
        : { id: 'kubeconfig', status: 'pass', summary: `kubeconfig ${opts.path} not created yet (\`mesh-lab up\` writes it)`, details };
    }
    return { id: 'kubeconfig', status: 'fail', summary: `cannot read kubeconfig ${opts.path} (${describeError(e)})`, fix: `fix its permissions: \`chmod 600 ${opts.path}\` as its owner`, details };
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { id: 'kubeconfig', status: 'fail', summary: `kubeconfig ${opts.path} is not valid YAML (${describeError(e).split('\n')[0]})`, fix: 'delete it and run `mesh-lab up` again to rewrite it', details };
  }
  const cfg = (doc ?? {}) as { contexts?: Array<{ name?: string }> | null; clusters?: unknown[] | null };
  const contexts = (cfg.contexts ?? []).map((c) => c?.name).filter((n): n is string => typeof n === 'string');
  details['contexts'] = contexts;
  if (!Array.isArray(cfg.clusters) || cfg.clusters.length === 0 || contexts.length === 0) {
    return { id: 'kubeconfig', status: 'fail', summary: `kubeconfig ${opts.path} has no clusters or contexts`, fix: 'delete it and run `mesh-lab up` again to rewrite it', details };
  }
  if (opts.context && !contexts.includes(opts.context)) {
    return { id: 'kubeconfig', status: 'fail', summary: `kubeconfig ${opts.path} has no context "${opts.context}" (has ${contexts.join(', ')})`, fix: 'run `mesh-lab up` to recreate the lab context', details };
  }
  return { id: 'kubeconfig', status: 'pass', summary: `kubeconfig ${opts.path} readable (${contexts.length} context${contexts.length === 1 ? '' : 's'})`, details };
}
