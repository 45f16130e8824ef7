// The minikube v1.38.1 commands mesh-lab runs, with the messages, order and exit codes of
// cmd/minikube/cmd/{start,start_flags,status,ip,delete,stop,update-context,version,image,
// service}.go, cmd/minikube/cmd/config/profile_list.go, pkg/minikube/mustload/mustload.go,
// pkg/minikube/machine/{fix,start,stop}.go and pkg/minikube/delete/delete.go.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterDir, simHomeLabel, readCluster, readObjects, removeCluster, updateObjects, writeCluster } from '../lib/store.js';
import { kubeconfigPaths, loadKubeconfig, removeEntry, saveKubeconfig, upsertEntry } from '../lib/kubeconfig.js';
import { docker } from '../kind/docker.js';
import { SIM_HOME_LABEL, simLabels } from '../kind/provider.js';
import { errT, Exit, exitMessage, exitTip, ln, setJSON, styled, warning } from './out.js';
import { daemonInfo, getMemorySize, validateCPUCount, validateRequestedMemorySize } from './resources.js';
import {
  API_SERVER_PORT, DEFAULT_K8S, KIC_VERSION, MINIKUBE_COMMIT, MINIKUBE_VERSION, NEWEST_K8S, OLDEST_K8S, PROFILE_LABEL, CREATED_BY_LABEL,
  apiHostPort, containerIPOn, containerLabels, hostState, listProfiles, loadConfig, machineDir, newConfig, profileNameValid, removeProfileFiles, saveConfig,
  type ClusterConfig, type HostState,
} from './profile.js';
import { seedMinikube } from './seed.js';
import { desktopHostNetwork, unassignedAddress } from '../lib/host-network.js';
import { apiServerReady } from '../lib/api-probe.js';

const SIM_BUILD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type Flags = Record<string, unknown>;

function faults(): Set<string> {
  return new Set((process.env.MESHLAB_SIM_FAIL ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** kubeconfig.PathFromEnv: the first non-empty $KUBECONFIG entry, else ~/.kube/config. */
function kubeconfigPath(): string {
  return kubeconfigPaths()[0]!;
}

/** mustload.Partial */
function partial(profile: string): ClusterConfig {
  const cc = loadConfig(profile);
  if (!cc) {
    styled('Shrug', `Profile "${profile}" not found. Run "minikube profile list" to view all profiles.`);
    exitTip('start', profile, 85);
  }
  return cc;
}

/** mustload.Running */
function running(profile: string): ClusterConfig {
  const cc = partial(profile);
  const st = hostState(profile);
  if (st === 'Nonexistent') {
    styled('Shrug', `The control-plane node ${profile} host does not exist`);
    exitTip('start', profile, 85);
  }
  if (st !== 'Running') {
    styled('Shrug', `The control-plane node ${profile} host is not running: state=${st}`);
    exitTip('start', profile, 83);
  }
  return cc;
}

function platform(): string {
  return 'Ubuntu 24.04';
}

// ---------------------------------------------------------------- start

function parseK8s(raw: string | undefined, existing: ClusterConfig | undefined): string {
  if (!raw) return (existing?.KubernetesConfig?.KubernetesVersion as string | undefined) ?? DEFAULT_K8S;
  const v = raw.toLowerCase().replace(/^v/, '');
  if (v === 'stable') return DEFAULT_K8S;
  if (v === 'latest') return NEWEST_K8S;
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(v)) {
    exitMessage('MK_USAGE', 14, `Unable to parse "${v}": No Major.Minor.Patch elements found`);
  }
  return `v${v}`;
}

function cmpVersion(a: string, b: string): number {
  const pa = a.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  const pb = b.replace(/^v/, '').split(/[.-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return 0;
}

function validateK8s(v: string, force: boolean): void {
  const bare = v.replace(/^v/, '');
  if (cmpVersion(v, NEWEST_K8S) > 0) {
    warning(`Specified Kubernetes version ${bare} is newer than the newest supported version: ${NEWEST_K8S}. Use \`minikube config defaults kubernetes-version\` for details.`);
    warning(`Specified Kubernetes version ${bare} not found in Kubernetes version list`);
    // Real minikube now searches GitHub's release list; the simulator never goes online.
    if (!force) exitMessage('K8S_NEW_UNSUPPORTED', 106, `Kubernetes version ${bare} is not supported by this release of minikube`);
  }
  if (cmpVersion(v, OLDEST_K8S) < 0) {
    warning(`Specified Kubernetes version ${bare} is less than the oldest supported version: ${OLDEST_K8S}. Use \`minikube config defaults kubernetes-version\` for details.`);
    if (!force) {
      warning('You can force an unsupported Kubernetes version via the --force flag');
      exitMessage('K8S_OLD_UNSUPPORTED', 106, `Kubernetes ${bare} is not supported by this release of minikube`);
    }
  }
}

/** start_flags.go getMemorySize: "8192", "8g", "8192mb"; max / no-limit are docker-only spellings. */
function memoryMB(raw: string): number {
  const m = /^(\d+)\s*([bkmg]?)b?$/i.exec(raw.trim());
  if (!m) exitMessage('MK_USAGE', 14, `Invalid memory value: "${raw}"`);
  const n = Number(m[1]);
  switch (m[2]!.toLowerCase()) {
    case 'g':
      return n * 1024;
    case 'k':
      return Math.floor(n / 1024);
    case 'b':
      return Math.floor(n / 1024 / 1024);
    default:
      return n;
  }
}

const KNOWN_DRIVERS = ['docker', 'podman', 'none', 'ssh', 'kvm2', 'qemu2', 'qemu', 'virtualbox', 'vfkit', 'krunkit', 'hyperkit', 'parallels', 'vmware', 'hyperv'];

async function waitForAPI(profile: string, timeoutMs: number): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const port = apiHostPort(profile);
    if (port && (await apiServerReady('127.0.0.1', port))) return port;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

function ensureNetwork(profile: string): void {
  const r = docker(['network', 'ls', '--filter', `label=${PROFILE_LABEL}=${profile}`, '--format', '{{.Name}}']);
  if (r.code === 0 && r.stdout.split('\n').map((s) => s.trim()).includes(profile)) return;
  // minikube picks 192.168.49.0/24 (then .58, .67 ...); the simulator lets Docker choose, so parallel runs never collide.
  const args = ['network', 'create', '--driver=bridge', '-o', '--ip-masq', '-o', '--icc', '--label', `${CREATED_BY_LABEL}=true`, '--label', `${PROFILE_LABEL}=${profile}`];
  for (const l of simLabels()) args.push('--label', l);
  args.push(profile);
  const c = docker(args);
  if (c.code !== 0 && !/already exists/.test(c.stderr)) {
    warning(`Unable to create dedicated network, this might result in cluster IP change after restart: ${c.stderr.trim()}`);
  }
}

function provisionFailure(profile: string, detail: string): never {
  exitMessage('GUEST_PROVISION', 80, `error provisioning guest: Failed to start host: creating host: create: creating: ${detail}`);
  void profile;
}

function createContainer(profile: string, cc: ClusterConfig): void {
  const image = process.env.MESHLAB_SIM_NODE_IMAGE;
  if (!image) {
    process.stderr.write('simulator: MESHLAB_SIM_NODE_IMAGE is not set (build it with test/support/node-image.ts)\n');
    throw new Exit(1);
  }
  ensureNetwork(profile);
  mkdirSync(clusterDir(profile), { recursive: true });
  updateObjects(profile, () => undefined);
  const env = ['MESHLAB_SIM_PROPAGATION_MS', 'MESHLAB_SIM_READY_MS', 'MESHLAB_SIM_FAIL', 'MESHLAB_SIM_SEED'].flatMap((k) => (process.env[k] !== undefined ? ['-e', `${k}=${process.env[k]}`] : []));
  const args = [
    'run', '-d', '-t',
    '--hostname', profile, '--name', profile,
    ...containerLabels(profile).flatMap((l) => ['--label', l]),
    '--network', profile,
    `--memory=${cc.Memory}mb`,
    '--volume', `${SIM_BUILD_DIR}:/sim/.build:ro`,
    '--volume', `${clusterDir(profile)}:/store:ro`,
    '-e', `MESHLAB_SIM_API_PORT=${API_SERVER_PORT}`,
    ...env,
    '--expose', String(API_SERVER_PORT),
    `--publish=127.0.0.1::${API_SERVER_PORT}`,
    image,
  ];
  const r = docker(args);
  if (r.code !== 0) provisionFailure(profile, `create kic node: create container: docker ${args.join(' ')}: exit status ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

export async function start(profile: string, flags: Flags, set: Set<string>): Promise<void> {
  styled('Happy', `${profile !== 'minikube' ? `[${profile}] ` : ''}minikube ${MINIKUBE_VERSION} on ${platform()}`);
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && (k.startsWith('MINIKUBE_') || k === 'KUBECONFIG')) styled('Option', `${k}=${v}`);
  }
  const force = flags.force === true;
  if (force) warning('minikube skips various validations when --force is supplied; this may lead to unexpected behavior');
  if (!profileNameValid(profile)) {
    warning(`Profile name '${profile}' is not valid`);
    exitMessage('MK_USAGE', 14, "Only alphanumeric and dashes '-' are permitted. Minimum 2 characters, starting with alphanumeric.");
  }
  const existing = loadConfig(profile);
  const requested = (set.has('driver') ? String(flags.driver) : set.has('vm-driver') ? String(flags['vm-driver']) : '') || '';
  const drv = existing?.Driver ?? (requested || 'docker');
  if (requested && !KNOWN_DRIVERS.includes(requested)) {
    exitMessage('DRV_UNSUPPORTED_OS', 56, `The driver '${requested}' is not supported on linux/amd64`);
  }
  if (existing && requested && requested !== existing.Driver) {
    exitMessage('GUEST_DRVIER_MISMATCH', 14, `The existing "${profile}" cluster was created using the "${existing.Driver}" driver, which is incompatible with requested "${requested}" driver.`);
  }
  if (drv !== 'docker') {
    process.stderr.write(`simulator: only the docker driver is simulated (got "${drv}")\n`);
    throw new Exit(1);
  }
  const k8s = parseK8s(set.has('kubernetes-version') ? String(flags['kubernetes-version']) : undefined, existing);
  validateK8s(k8s, force);
  styled('Sparkle', `Using the docker driver based on ${existing ? 'existing profile' : 'user configuration'}`);

  // provisionWithDriver: validateFlags (CPUs, a changed --memory) comes before validateUser
  if (set.has('cpus') && !/^(\d+|max|no-limit)$/.test(String(flags.cpus))) exitMessage('MK_USAGE', 14, `Invalid cpus value: "${String(flags.cpus)}"`);
  const info = daemonInfo();
  const cpus = validateCPUCount(set.has('cpus') ? String(flags.cpus) : undefined, info, force);
  const requestedMemory = set.has('memory') ? memoryMB(String(flags.memory)) : undefined;
  if (requestedMemory !== undefined) validateRequestedMemorySize(requestedMemory, info, force);

  // start.go validateUser: the docker driver refuses root unless --force.
  const root = (process.getuid?.() ?? 1000) === 0 && process.env.MESHLAB_SIM_MINIKUBE_NONROOT !== '1';
  if (root) {
    errT('Stopped', 'The "docker" driver should not be used with root privileges. If you wish to continue as root, use --force.');
    errT('Tip', 'If you are running minikube within a VM, consider using --driver=none:');
    errT('Documentation', '  https://minikube.sigs.k8s.io/docs/reference/drivers/none/');
    if (existing) errT('Tip', `Tip: To remove this root owned cluster, run: sudo minikube delete${profile !== 'minikube' ? ` -p ${profile}` : ''}`);
    if (!force) exitMessage('DRV_AS_ROOT', 57, 'The "docker" driver should not be used with root privileges.');
  }

  let cc: ClusterConfig;
  if (existing) {
    // updateExistingConfigFromFlags: a changed --memory still goes through getMemorySize
    const memory = requestedMemory === undefined ? existing.Memory : getMemorySize(requestedMemory, info, force);
    if (set.has('memory') && memory !== existing.Memory) warning('You cannot change the memory size for an existing minikube cluster. Please first delete the cluster.');
    if (set.has('cpus') && cpus !== existing.CPUs) warning('You cannot change the CPUs for an existing minikube cluster. Please first delete the cluster.');
    cc = existing;
    if (set.has('kubernetes-version') && cmpVersion(k8s, existing.KubernetesConfig.KubernetesVersion) < 0) {
      exitMessage('K8S_DOWNGRADE_UNSUPPORTED', 106, `Unable to safely downgrade existing Kubernetes ${existing.KubernetesConfig.KubernetesVersion} cluster to ${k8s}`);
    }
    cc.KubernetesConfig.KubernetesVersion = k8s;
    cc.Nodes[0].KubernetesVersion = k8s;
  } else {
    styled('Notice', 'Using Docker driver with root privileges');
    cc = newConfig(profile, { cpus, memory: getMemorySize(requestedMemory, info, force), k8s });
  }
  if (set.has('keep-context')) cc.KeepContext = flags['keep-context'] === true;
  saveConfig(cc);

  styled('ThumbsUp', `Starting "${profile}" primary control-plane node in "${profile}" cluster`);
  styled('Pulling', `Pulling base image ${KIC_VERSION} ...`);
  const state: HostState = hostState(profile);
  if (state === 'Nonexistent') {
    styled('StartingVM', `Creating docker container (CPUs=${cc.CPUs}, Memory=${cc.Memory}MB) ...`);
    if (faults().has('minikube-start')) provisionFailure(profile, `create kic node: container ${profile} status is  but expect it to be exited`);
    createContainer(profile, cc);
  } else if (state === 'Running') {
    styled('Running', `Updating the running docker "${profile}" container ...`);
  } else {
    styled('Restarting', `Restarting existing docker container for "${profile}" ...`);
    if (faults().has('minikube-start')) exitMessage('GUEST_PROVISION', 80, `error provisioning guest: Failed to start host: driver start: start: docker start ${profile}: exit status 1`);
    const r = docker(['start', profile]);
    if (r.code !== 0) exitMessage('GUEST_PROVISION', 80, `error provisioning guest: Failed to start host: driver start: start: docker start ${profile}: exit status ${r.code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
  }
  const port = await waitForAPI(profile, 30_000);
  if (!port) exitMessage('GUEST_START', 80, 'failed to start node: wait 6m0s for node: wait for healthy API server: apiserver healthz never reported healthy: context deadline exceeded');
  const ip = containerIPOn(profile, profile);
  // desktop host network: the node reports an address the host cannot reach (lib/host-network.ts)
  const reported = desktopHostNetwork() ? unassignedAddress(profile) : undefined;
  cc.Nodes[0].IP = reported ?? ip;
  saveConfig(cc);
  styled('Docker', `Preparing Kubernetes ${k8s} on Docker 29.1.3 ...`);
  if (!existing) styled('CNI', 'Configuring bridge CNI (Container Networking Interface) ...');

  const prev = readCluster(profile);
  const server = `https://127.0.0.1:${port}`;
  writeCluster({
    key: profile, provider: 'minikube', name: profile, context: profile, server, nodeContainer: profile, network: profile,
    createdAt: prev?.createdAt ?? new Date().toISOString(), nodeIP: ip, apiServerEndpoint: `127.0.0.1:${port}`, hostPorts: [], nodeImage: cc.KicBaseImage,
    ...(prev?.loadedImages ? { loadedImages: prev.loadedImages } : {}),
    ...(reported ? { reportedNodeIP: reported } : {}),
  });
  seedMinikube(profile, profile, reported ?? ip, k8s);
  upsertEntry(kubeconfigPath(), { name: profile, server, setCurrent: !cc.KeepContext });

  styled('HealthCheck', 'Verifying Kubernetes components...');
  styled('Option', 'Using image gcr.io/k8s-minikube/storage-provisioner:v5');
  styled('AddonEnable', 'Enabled addons: storage-provisioner, default-storageclass');
  if (cc.KeepContext) styled('Kubectl', `To connect to this cluster, use:  --context=${profile}`);
  else styled('Ready', `Done! kubectl is now configured to use "${profile}" cluster and "default" namespace by default`);
}

// ---------------------------------------------------------------- stop

export function stop(profile: string, flags: Flags): void {
  setJSON(flags.output === 'json');
  partial(profile);
  let stopped = 0;
  const st = hostState(profile);
  if (st === 'Nonexistent') {
    styled('Meh', `"${profile}" does not exist, nothing to stop`);
  } else {
    styled('Stopping', `Stopping node "${profile}"  ...`);
    if (st === 'Running') styled('Shutdown', `Powering off "${profile}" via SSH ...`);
    docker(['stop', '-t', '2', profile]);
    stopped++;
  }
  if (flags['keep-context-active'] !== true) removeEntry(kubeconfigPath(), profile);
  styled('Stopped', `${stopped} node${stopped > 1 ? 's' : ''} stopped.`);
}

// ---------------------------------------------------------------- status

export interface Status {
  Name: string;
  Host: string;
  Kubelet: string;
  APIServer: string;
  Kubeconfig: string;
  Worker: boolean;
}

function kubeconfigConfigured(profile: string, port: number | undefined): boolean {
  const kc = loadKubeconfig(kubeconfigPath());
  const c = kc.clusters.find((x) => x.name === profile);
  return !!port && !!c && c.cluster.server === `https://127.0.0.1:${port}` && kc.contexts.some((x) => x.name === profile);
}

export function nodeStatus(profile: string): Status {
  const st: Status = { Name: profile, Host: 'Nonexistent', Kubelet: 'Nonexistent', APIServer: 'Nonexistent', Kubeconfig: 'Nonexistent', Worker: false };
  const hs = hostState(profile);
  if (hs === 'Nonexistent') return st;
  st.Host = hs;
  if (hs !== 'Running') {
    st.APIServer = st.Kubelet = st.Kubeconfig = hs;
    return st;
  }
  st.Kubelet = 'Running';
  st.APIServer = 'Running';
  st.Kubeconfig = kubeconfigConfigured(profile, apiHostPort(profile)) ? 'Configured' : 'Misconfigured';
  return st;
}

/** status.go exitCode */
export function statusExitCode(st: Status): number {
  let c = 0;
  if (st.Host !== 'Running') c |= 1;
  if ((st.APIServer !== 'Running' && st.APIServer !== 'Irrelevant') || st.Kubelet !== 'Running') c |= 2;
  if (st.Kubeconfig !== 'Configured' && st.Kubeconfig !== 'Irrelevant') c |= 4;
  return c;
}

export const DEFAULT_STATUS_FORMAT = '{{.Name}}\ntype: Control Plane\nhost: {{.Host}}\nkubelet: {{.Kubelet}}\napiserver: {{.APIServer}}\nkubeconfig: {{.Kubeconfig}}\n\n';

function template(fmt: string, st: Status): string {
  return fmt.replace(/\{\{-?\s*\.(\w+)\s*-?\}\}/g, (_, k: string) => String((st as unknown as Record<string, unknown>)[k] ?? '<no value>'));
}

export function status(profile: string, flags: Flags): number {
  const output = String(flags.output ?? 'text').toLowerCase();
  const format = String(flags.format ?? DEFAULT_STATUS_FORMAT);
  if (output !== 'text' && format !== DEFAULT_STATUS_FORMAT) exitMessage('MK_USAGE', 14, 'Cannot use both --output and --format options');
  setJSON(output === 'json');
  partial(profile);
  const st = nodeStatus(profile);
  if (output === 'text') {
    process.stdout.write(template(format, st));
    if (st.Kubeconfig === 'Misconfigured') process.stdout.write('\nWARNING: Your kubectl is pointing to stale minikube-vm.\nTo fix the kubectl context, run `minikube update-context`\n');
  } else if (output === 'json') {
    process.stdout.write(JSON.stringify(st)); // json.Marshal: no trailing newline
  } else {
    setJSON(false);
    exitMessage('MK_USAGE', 14, `invalid output format: ${output}. Valid values: 'text', 'json'`);
  }
  return statusExitCode(st);
}

// ---------------------------------------------------------------- ip, update-context

export function ip(profile: string): void {
  const cc = running(profile);
  const reported = readCluster(profile)?.reportedNodeIP;
  ln((typeof reported === 'string' && reported) || containerIPOn(profile, profile) || String(cc.Nodes?.[0]?.IP ?? ''));
}

export function updateContext(profile: string): void {
  running(profile);
  const port = apiHostPort(profile)!;
  const path = kubeconfigPath();
  if (!kubeconfigConfigured(profile, port)) {
    upsertEntry(path, { name: profile, server: `https://127.0.0.1:${port}`, setCurrent: false });
    styled('Celebrate', `"${profile}" context has been updated to point to 127.0.0.1:${port}`);
  } else {
    styled('Meh', `No changes required for the "${profile}" context`);
  }
  const kc = loadKubeconfig(path);
  kc['current-context'] = profile;
  saveKubeconfig(path, kc);
  styled('Kubectl', `Current context is "${profile}"`);
}

// ---------------------------------------------------------------- delete

function removeDockerObjects(profile: string): boolean {
  // Only this simulator home's objects: hostState and the network filter carry its label.
  const found = hostState(profile) !== 'Nonexistent';
  if (found) {
    styled('DeletingHost', `Deleting container "${profile}" ...`);
    docker(['rm', '-f', '-v', profile]);
  }
  const nets = docker(['network', 'ls', '--filter', `label=${PROFILE_LABEL}=${profile}`, '--filter', `label=${CREATED_BY_LABEL}=true`, '--filter', `label=${SIM_HOME_LABEL}=${simHomeLabel()}`, '--format', '{{.Name}}']);
  for (const n of nets.code === 0 ? nets.stdout.split('\n').map((s) => s.trim()).filter(Boolean) : []) docker(['network', 'rm', n]);
  return found;
}

export function deleteProfile(profile: string, flags: Flags, args: string[]): void {
  if (args.length > 0) exitMessage('MK_USAGE', 14, 'Usage: minikube delete');
  setJSON(flags.output === 'json');
  if (flags.all === true) {
    for (const cc of listProfiles().valid) deleteOne(cc.Name, cc);
    styled('DeletingHost', 'Successfully deleted all profiles');
    return;
  }
  const cc = loadConfig(profile);
  if (!cc) {
    errT('Meh', `"${profile}" profile does not exist, trying anyways.`);
    removeKubeconfigAndStore(profile);
    styled('Deleted', `Removed all traces of the "${profile}" cluster.`);
    removeDockerObjects(profile);
    return;
  }
  deleteOne(profile, cc);
}

function removeKubeconfigAndStore(profile: string): void {
  removeEntry(kubeconfigPath(), profile);
  removeCluster(profile);
}

function deleteOne(profile: string, cc: ClusterConfig): void {
  styled('DeletingHost', `Deleting "${profile}" in ${cc.Driver} ...`);
  removeDockerObjects(profile);
  if (existsSync(machineDir(profile))) styled('DeletingHost', `Removing ${machineDir(profile)} ...`);
  removeProfileFiles(profile);
  removeKubeconfigAndStore(profile);
  styled('Deleted', `Removed all traces of the "${profile}" cluster.`);
}

// ---------------------------------------------------------------- profile list

export function profileList(flags: Flags): void {
  const output = String(flags.output ?? 'table').toLowerCase();
  setJSON(output === 'json');
  if (output !== 'json' && output !== 'table') {
    setJSON(false);
    exitMessage('MK_USAGE', 14, `invalid output format: ${String(flags.output)}. Valid values: 'table', 'json'`);
  }
  const { valid, invalid } = listProfiles();
  const current = loadKubeconfig(kubeconfigPath())['current-context'];
  const profiles = valid.map((cc) => {
    let statusName: string;
    if (flags.light === true) statusName = 'Skipped';
    else {
      const st = nodeStatus(cc.Name);
      statusName = st.Host === 'Nonexistent' ? 'Unknown' : st.Host === 'Running' ? (statusExitCode(st) === 0 ? 'OK' : st.APIServer) : st.APIServer;
    }
    return { Name: cc.Name, Status: statusName, Config: cc, Active: false, ActiveKubeContext: current === cc.Name };
  });
  if (output === 'json') {
    process.stdout.write(JSON.stringify({ invalid: invalid.map((n) => ({ Name: n, Status: '', Config: null, Active: false, ActiveKubeContext: false })), valid: profiles }));
    return;
  }
  if (profiles.length === 0) exitMessage('MK_USAGE_NO_PROFILE', 14, 'No minikube profile was found.');
  const rows = [['Profile', 'Driver', 'Runtime', 'IP', 'Version', 'Status', 'Nodes', 'Active Profile', 'Active Kubecontext'],
    ...profiles.map((p) => [p.Name, p.Config.Driver, p.Config.KubernetesConfig.ContainerRuntime, p.Config.Nodes[0].IP, p.Config.KubernetesConfig.KubernetesVersion, p.Status, String(p.Config.Nodes.length), p.Name === 'minikube' ? '*' : '', p.ActiveKubeContext ? '*' : ''])];
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const sep = `├${w.map((n) => '─'.repeat(n + 2)).join('┼')}┤`;
  const line = (r: string[]) => `│${r.map((c, i) => ` ${c.padEnd(w[i]!)} `).join('│')}│`;
  process.stdout.write([`┌${w.map((n) => '─'.repeat(n + 2)).join('┬')}┐`, line(rows[0]!), sep, ...rows.slice(1).map(line), `└${w.map((n) => '─'.repeat(n + 2)).join('┴')}┘`].join('\n') + '\n');
}

// ---------------------------------------------------------------- service

export function service(profile: string, args: string[], flags: Flags): void {
  if (args.length === 0 && flags.all !== true) exitMessage('MK_USAGE', 14, 'You must specify service name(s) or --all');
  running(profile);
  const ns = String(flags.namespace ?? 'default');
  const objects = readObjects(profile);
  const svcs = objects.filter((o) => o.kind === 'Service' && o.metadata.namespace === ns && (flags.all === true || o.metadata.name === args[0]));
  if (svcs.length === 0) {
    if (flags.all === true) exitMessage('SVC_NOT_FOUND', 115, `No services were found in the '${ns}' namespace.\nYou may select another namespace by using 'minikube service --all -n <namespace>'`);
    exitMessage('SVC_NOT_FOUND', 115, `Service '${args[0]}' was not found in '${ns}' namespace.\nYou may select another namespace by using 'minikube service ${args[0]} -n <namespace>'. Or list out all the services using 'minikube service list'`);
  }
  const reportedIP = readCluster(profile)?.reportedNodeIP;
  const nodeIP = (typeof reportedIP === 'string' && reportedIP) || containerIPOn(profile, profile);
  const fmt = String(flags.format ?? 'http://{{.IP}}:{{.Port}}');
  for (const svc of svcs) {
    const urls = ((svc.spec?.ports ?? []) as Array<{ nodePort?: number }>).filter((p) => typeof p.nodePort === 'number').map((p) => {
      let u = fmt.replace(/\{\{\s*\.IP\s*\}\}/g, nodeIP).replace(/\{\{\s*\.Port\s*\}\}/g, String(p.nodePort));
      if (flags.https === true) u = u.replace(/^http:/, 'https:');
      return u;
    });
    if (flags.url === true) for (const u of urls) process.stdout.write(`${u}\n`);
    else styled('Celebrate', `Opening service ${ns}/${svc.metadata.name} in default browser...`);
  }
}

// ---------------------------------------------------------------- version

export function version(flags: Flags): void {
  const output = String(flags.output ?? '');
  const short = flags.short === true;
  if (output === '') {
    if (short) ln(MINIKUBE_VERSION);
    else {
      ln(`minikube version: ${MINIKUBE_VERSION}`);
      ln(`commit: ${MINIKUBE_COMMIT}`);
    }
  } else if (output === 'json') {
    ln(JSON.stringify({ commit: MINIKUBE_COMMIT, minikubeVersion: MINIKUBE_VERSION }));
  } else if (output === 'yaml') {
    ln(`commit: ${MINIKUBE_COMMIT}\nminikubeVersion: ${MINIKUBE_VERSION}\n`);
  } else {
    exitMessage('MK_OUTPUT_USAGE', 10, "error: --output must be 'yaml' or 'json'");
  }
}
