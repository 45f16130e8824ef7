// End-to-end harness: runs the BUILT CLI (dist/cli/mesh-lab.js) as a user would, with the
// simulator's kind/kubectl/istioctl first on PATH, a private HOME (so the "user's"
// ~/.kube/config is ours to check), and unique Docker names so a run cleans up exactly
// what it made.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Docker from 'dockerode';
import { execa } from 'execa';
import { freeLoopbackPort } from '../../../src/discovery/free-port.js';
import { simNodeImage } from '../../support/docker-available.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const cliPath = join(repoRoot, 'dist/cli/mesh-lab.js');
export const simBin = join(repoRoot, 'test/sim/bin');

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface LabEnv {
  root: string;
  simHome: string;
  meshLabHome: string;
  userKubeconfig: string;
  network: string;
  env: Record<string, string>;
  run(args: string[], extraEnv?: Record<string, string | undefined>): Promise<RunResult>;
  invocations(): string[][];
  userKubeconfigText(): string;
  cleanup(): Promise<void>;
}

/**
 * Simulator knob: a Docker Desktop host, where node addresses (kind node IPs, `minikube ip`,
 * pods' hostIP) time out from the host and only ports published on 127.0.0.1 answer.
 */
export const DESKTOP_HOST_NETWORK = { MESHLAB_SIM_HOST_NETWORK: 'desktop' } as const;

/** Pids of live processes whose command line contains every one of `parts`. */
export function processesMentioning(...parts: string[]): number[] {
  if (!existsSync('/proc')) return [];
  const pids: number[] = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.replace(/^.*\) /s, '').charAt(0) === 'Z') continue; // exited, not yet reaped
      if (parts.every((p) => cmdline.includes(p))) pids.push(Number(pid));
    } catch {
      /* exited meanwhile */
    }
  }
  return pids;
}

/** A free port on 127.0.0.1 for a test's host-port mappings. */
export const freePort = freeLoopbackPort;

export const USER_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    server: https://127.0.0.1:1
  name: users-own-cluster
contexts:
- context:
    cluster: users-own-cluster
    user: users-own-user
  name: users-own-context
current-context: users-own-context
preferences: {}
users:
- name: users-own-user
  user:
    token: not-a-real-token
`;

export function simLabel(simHome: string): string {
  return createHash('sha256').update(simHome).digest('hex').slice(0, 12);
}

export async function createLabEnv(extra: Record<string, string> = {}): Promise<LabEnv> {
  const root = mkdtempSync(join(tmpdir(), 'mesh-lab-e2e-'));
  const simHome = join(root, 'sim');
  const meshLabHome = join(root, 'mesh-lab');
  const userHome = join(root, 'home');
  mkdirSync(join(userHome, '.kube'), { recursive: true });
  mkdirSync(simHome, { recursive: true });
  const userKubeconfig = join(userHome, '.kube', 'config');
  writeFileSync(userKubeconfig, USER_KUBECONFIG);
  const network = `mesh-lab-e2e-${simLabel(simHome)}`;
  const nodeImage = simNodeImage();
  if (!nodeImage) throw new Error('the vitest global setup did not provide the simulator node image');
  const env: Record<string, string> = {
    PATH: [simBin, dirname(process.execPath), ...(process.env.PATH ?? '').split(delimiter)].join(delimiter),
    HOME: userHome,
    MESH_LAB_HOME: meshLabHome,
    MESHLAB_SIM_HOME: simHome,
    MESHLAB_SIM_NODE_IMAGE: nodeImage,
    KIND_EXPERIMENTAL_DOCKER_NETWORK: network,
    MESHLAB_SIM_PROPAGATION_MS: '1200',
    MESHLAB_SIM_READY_MS: '500',
    NO_COLOR: '1',
    // every tool is on PATH; should mesh-lab ever try to download one, it must hit a
    // closed local port, never the internet
    MESH_LAB_TOOLS_BASE_URL: 'http://127.0.0.1:9/',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
    ...extra,
  };
  const lab: LabEnv = {
    root,
    simHome,
    meshLabHome,
    userKubeconfig,
    network,
    env,
    async run(args, extraEnv = {}) {
      const started = Date.now();
      const merged: Record<string, string> = { ...env };
      for (const [k, v] of Object.entries(extraEnv)) {
        if (v === undefined) delete merged[k];
        else merged[k] = v;
      }
      const r = await execa(process.execPath, [cliPath, ...args], { env: merged, extendEnv: false, reject: false, stdin: 'ignore', timeout: 220_000, stripFinalNewline: false });
      return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr), ms: Date.now() - started };
    },
    invocations() {
      const file = join(simHome, 'invocations.jsonl');
      if (!existsSync(file)) return [];
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as string[]);
    },
    userKubeconfigText: () => readFileSync(userKubeconfig, 'utf8'),
    async cleanup() {
      killProcessesMentioning(root);
      await removeSimDockerObjects(simHome, network);
      rmSync(root, { recursive: true, force: true });
    },
  };
  return lab;
}

/**
 * Stops background helpers a test left behind (a port-forward whose test failed before
 * `down`): every process whose command line names this test's temporary root.
 */
export function killProcessesMentioning(root: string): void {
  if (!existsSync('/proc')) return;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(root)) process.kill(Number(pid), 'SIGTERM');
    } catch {
      /* exited meanwhile, or not ours to read */
    }
  }
}

/** Removes every container and network this simulator home made. */
export async function removeSimDockerObjects(simHome: string, network?: string): Promise<void> {
  const docker = new Docker();
  const label = `dev.mesh-lab.sim.home=${simLabel(simHome)}`;
  const containers = await docker.listContainers({ all: true, filters: { label: [label] } });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  const networks = await docker.listNetworks({ filters: { label: [label] } });
  const named = network ? await docker.listNetworks({ filters: { name: [network] } }) : [];
  for (const n of [...networks, ...named.filter((x) => x.Name === network)]) {
    await docker.getNetwork(n.Id).remove().catch(() => undefined);
  }
}

/** A PATH directory holding only some of the simulated tools (a laptop missing the rest). */
export function partialToolBin(lab: LabEnv, tools: string[]): string {
  const bin = join(lab.root, `bin-${tools.join('-')}`);
  mkdirSync(bin, { recursive: true });
  for (const t of tools) symlinkSync(join(simBin, t), join(bin, t));
  return bin;
}

export async function simContainers(simHome: string): Promise<Docker.ContainerInfo[]> {
  return new Docker().listContainers({ all: true, filters: { label: [`dev.mesh-lab.sim.home=${simLabel(simHome)}`] } });
}
