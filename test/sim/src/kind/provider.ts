// kind's docker provider, reduced to what the simulator needs. Docker is the source of
// truth (as in real kind): clusters are containers labelled io.x-k8s.kind.cluster.
// Every query is additionally filtered by this simulator home's label, so concurrent
// test runs never see (or delete) each other's clusters.
import { simHomeLabel } from '../lib/store.js';
import { docker, dockerLines, dockerOrThrow } from './docker.js';
import { wrap } from './errors.js';

export const CLUSTER_LABEL = 'io.x-k8s.kind.cluster';
export const ROLE_LABEL = 'io.x-k8s.kind.role';
export const SIM_HOME_LABEL = 'dev.mesh-lab.sim.home';
export const SIM_RUN_LABEL = 'dev.mesh-lab.sim.run';
export const API_SERVER_INTERNAL_PORT = 6443;

/** Labels every Docker object the simulator creates carries. */
export function simLabels(): string[] {
  const out = [`${SIM_HOME_LABEL}=${simHomeLabel()}`];
  if (process.env.MESHLAB_SIM_RUN) out.push(`${SIM_RUN_LABEL}=${process.env.MESHLAB_SIM_RUN}`);
  return out;
}

function homeFilter(): string[] {
  return ['--filter', `label=${SIM_HOME_LABEL}=${simHomeLabel()}`];
}

export function listClusters(): string[] {
  try {
    const lines = dockerLines(['ps', '-a', '--filter', `label=${CLUSTER_LABEL}`, ...homeFilter(), '--format', `{{.Label "${CLUSTER_LABEL}"}}`]);
    return [...new Set(lines)].sort();
  } catch (err) {
    throw wrap(err, 'failed to list clusters');
  }
}

export function listNodes(cluster: string): string[] {
  try {
    return dockerLines(['ps', '-a', '--filter', `label=${CLUSTER_LABEL}=${cluster}`, ...homeFilter(), '--format', '{{.Names}}']).sort();
  } catch (err) {
    throw wrap(err, 'failed to list nodes');
  }
}

export function nodeRole(node: string): string {
  return dockerOrThrow(['inspect', '--format', `{{ index .Config.Labels "${ROLE_LABEL}" }}`, node]).trim();
}

export function controlPlaneNodes(cluster: string): string[] {
  return listNodes(cluster).filter((n) => nodeRole(n) === 'control-plane');
}

export function deleteNodes(nodes: string[]): void {
  if (nodes.length === 0) return;
  try {
    dockerOrThrow(['rm', '-f', '-v', ...nodes]);
  } catch (err) {
    throw wrap(err, 'failed to delete nodes');
  }
}

/** host:port of the published 6443, as kind reads it from NetworkSettings.Ports. */
export function apiServerEndpoint(node: string): string {
  const out = dockerOrThrow([
    'inspect',
    '--format',
    `{{ with (index (index .NetworkSettings.Ports "${API_SERVER_INTERNAL_PORT}/tcp") 0) }}{{ printf "%s\t%s" .HostIp .HostPort }}{{ end }}`,
    node,
  ]).trim();
  const [ip, port] = out.split('\t');
  if (!ip || !port) throw new Error(`network details should only be two parts, got ${out.split('\t').length}`);
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export function containerIP(node: string, network: string): string {
  return dockerOrThrow(['inspect', '--format', `{{ with index .NetworkSettings.Networks ${JSON.stringify(network)} }}{{ .IPAddress }}{{ end }}`, node]).trim();
}

function networkExists(name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return dockerLines(['network', 'ls', `--filter=name=^${escaped}$`, '--format={{.Name}}']).length > 0;
}

function defaultMTU(): number {
  const r = docker(['network', 'inspect', 'bridge', '--format', '{{ index .Options "com.docker.network.driver.mtu" }}']);
  const n = Number(r.stdout.trim());
  return r.code === 0 && Number.isInteger(n) ? n : 0;
}

/**
 * kind's ensureNetwork: create the bridge network if missing. Real kind first tries an
 * IPv6-enabled network with a ULA subnet; the simulator creates IPv4 only, and labels
 * the network so the run that created it can remove it.
 */
export function ensureNetwork(name: string): void {
  if (networkExists(name)) return;
  const args = ['network', 'create', '-d=bridge', '-o', 'com.docker.network.bridge.enable_ip_masquerade=true'];
  const mtu = defaultMTU();
  if (mtu > 0) args.push('-o', `com.docker.network.driver.mtu=${mtu}`);
  for (const l of simLabels()) args.push('--label', l);
  args.push(name);
  const r = docker(args);
  if (r.code !== 0 && !/already exists/.test(r.stderr)) dockerOrThrow(args);
}

/** provider.Info(): `docker info` must work (else kind fails here); cgroup v1 draws a warning. */
export function engineInfo(): { cgroup2: boolean } {
  let out: string;
  try {
    out = dockerOrThrow(['info', '--format', '{{json .}}']);
  } catch (err) {
    throw wrap(err, 'failed to get docker info');
  }
  const info = JSON.parse(out) as { CgroupVersion?: string };
  return { cgroup2: info.CgroupVersion === '2' };
}
