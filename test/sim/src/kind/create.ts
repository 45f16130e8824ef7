// `kind create cluster`: the order of checks, status lines and failure cleanup follow
// pkg/cluster/internal/create/create.go and the docker provider. Instead of kindest/node
// the node container runs the simulator's data plane (MESHLAB_SIM_NODE_IMAGE).
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync, spawn } from 'node:child_process';
import { clusterDir, removeCluster, updateObjects, writeCluster } from '../lib/store.js';
import { loadConfig, type ClusterConfig, type NodeConfig, type PortMapping } from './config.js';
import { validateCluster } from './validate.js';
import { KindError, RunError, wrap } from './errors.js';
import { Logger, Status } from './logger.js';
import { docker, dockerOrThrow } from './docker.js';
import { realDocker } from '../docker/real-docker.js';
import { offline, recordPull, registryHost } from '../lib/node-images.js';
import { API_SERVER_INTERNAL_PORT, CLUSTER_LABEL, ROLE_LABEL, apiServerEndpoint, containerIP, engineInfo, ensureNetwork, listNodes, simLabels } from './provider.js';
import { deleteCluster } from './delete.js';
import { contextFor, exportKubeconfig } from './kubeconfig.js';
import { goSeconds, shellQuote } from './gofmt.js';
import { seedNamespaces, seedNode, seedStorage } from './seed.js';
import { freePort } from './ports.js';
import { desktopHostNetwork, unassignedAddress } from '../lib/host-network.js';
import { apiServerReady } from '../lib/api-probe.js';

export interface CreateOptions {
  name: string;
  config: string | undefined;
  image: string;
  retain: boolean;
  waitMs: number;
  kubeconfig: string | undefined;
  stdin: () => string;
}

const NAME_MAX = 50;
const READY_LINE = 'sim-node: ready';
/** The sim's build output, bind-mounted into the node so the data plane can run. */
const SIM_BUILD_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

function faults(): Set<string> {
  return new Set((process.env.MESHLAB_SIM_FAIL ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** Simulator-only guard rails, checked before anything is created. */
function simPreflight(cfg: ClusterConfig): void {
  if (!process.env.MESHLAB_SIM_NODE_IMAGE) throw new KindError('simulator: MESHLAB_SIM_NODE_IMAGE is not set (build it with test/support/node-image.ts)');
  const cps = cfg.nodes.filter((n) => n.role === 'control-plane');
  if (cfg.nodes.length !== 1 || cps.length !== 1) throw new KindError('simulator: only single-node clusters (one control-plane node) are simulated');
  if (process.env.MESHLAB_SIM_ALLOW_PUBLIC_BIND === '1') return;
  const addrs = [cfg.networking.apiServerAddress, ...cfg.nodes.flatMap((n) => n.extraPortMappings.map((m) => m.listenAddress || '0.0.0.0'))];
  const bad = addrs.find((a) => a !== '127.0.0.1');
  if (bad) throw new KindError(`simulator: refusing to publish ports on ${bad}: tests bind 127.0.0.1 only (set listenAddress: "127.0.0.1", or MESHLAB_SIM_ALLOW_PUBLIC_BIND=1)`);
}

/** generatePortMappings: defaults, protocol check, kind-picked free ports for hostPort 0. */
async function publishArgs(mappings: PortMapping[]): Promise<string[]> {
  const out: string[] = [];
  for (const pm of mappings) {
    const addr = pm.listenAddress || '0.0.0.0';
    const protocol = pm.protocol || 'TCP';
    if (!['TCP', 'UDP', 'SCTP'].includes(protocol)) throw new KindError(`unknown port mapping protocol: ${protocol}`);
    let hostPort = pm.hostPort;
    if (hostPort === -1) hostPort = 0; // let docker pick
    else if (hostPort === 0) {
      try {
        hostPort = await freePort(addr);
      } catch (err) {
        throw wrap(err, 'failed to get random host port for port mapping');
      }
    }
    const host = addr.includes(':') ? `[${addr}]` : addr;
    out.push(`--publish=${host}:${hostPort}:${pm.containerPort}/${protocol}`);
  }
  return out;
}

function runArgs(cfg: ClusterConfig, node: NodeConfig, nodeName: string, network: string, key: string, publish: string[]): string[] {
  const env = ['MESHLAB_SIM_PROPAGATION_MS', 'MESHLAB_SIM_READY_MS', 'MESHLAB_SIM_FAIL', 'MESHLAB_SIM_SEED'].flatMap((k) => (process.env[k] !== undefined ? ['-e', `${k}=${process.env[k]}`] : []));
  return [
    'run', '--name', nodeName,
    '--hostname', nodeName,
    '--label', `${ROLE_LABEL}=${node.role}`,
    '--detach', '--tty',
    '--label', `${CLUSTER_LABEL}=${cfg.name}`,
    ...simLabels().flatMap((l) => ['--label', l]),
    '--net', network,
    '--restart=on-failure:1',
    '--init=false',
    '--volume', `${SIM_BUILD_DIR}:/sim/.build:ro`,
    '--volume', `${clusterDir(key)}:/store:ro`,
    ...env,
    ...publish,
    '-e', 'KUBECONFIG=/etc/kubernetes/admin.conf',
    process.env.MESHLAB_SIM_NODE_IMAGE!,
  ];
}

/** `docker logs -f` until the data plane reports ready (kind waits for systemd likewise). */
function waitForLogLine(container: string, timeoutMs: number): Promise<void> {
  return new Promise((res, rej) => {
    const p = spawn(realDocker(), ['logs', '-f', container], { stdio: ['ignore', 'pipe', 'pipe'] });
    let buf = '';
    const done = (err?: Error) => {
      clearTimeout(timer);
      p.kill();
      if (err) rej(err);
      else res();
    };
    const timer = setTimeout(() => done(new KindError(`could not find a log line that matches ${JSON.stringify(READY_LINE)}`)), timeoutMs);
    const onData = (c: Buffer) => {
      buf += c.toString();
      if (buf.includes(READY_LINE)) done();
    };
    p.stdout.on('data', onData);
    p.stderr.on('data', onData);
    p.on('close', () => (buf.includes(READY_LINE) ? done() : done(new KindError(`could not find a log line that matches ${JSON.stringify(READY_LINE)}`))));
  });
}

function tcpAnswers(hostPort: string): Promise<boolean> {
  const i = hostPort.lastIndexOf(':');
  return apiServerReady(hostPort.slice(0, i).replace(/^\[|\]$/g, ''), Number(hostPort.slice(i + 1)));
}

async function waitForAPI(endpoint: string, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (await tcpAnswers(endpoint)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function kubeadmInitFailure(node: string): RunError {
  const cmd = ['docker', 'exec', '--privileged', node, 'kubeadm', 'init', '--config=/kind/kubeadm.conf', '--skip-token-print', '--v=6'];
  const output = [
    '[init] Using Kubernetes version: v1.36.1',
    '[preflight] Running pre-flight checks',
    '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"',
    '[kubelet-check] The kubelet is not healthy after 4m0.000370214s',
    '',
    'Unfortunately, an error has occurred, likely caused by:',
    '\t- The kubelet is not running',
    '\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)',
    'error: error execution phase wait-control-plane: could not initialize a Kubernetes cluster',
    'To see the stack trace of this error execute with --v=5 or higher',
    '',
  ].join('\n');
  return new RunError(cmd, output, 1);
}

export async function createCluster(opts: CreateOptions, log: Logger): Promise<void> {
  const cfg = loadConfig(opts.config, opts.stdin);
  if (opts.name) cfg.name = opts.name;
  if (!cfg.name) cfg.name = 'kind';
  if (opts.image) for (const n of cfg.nodes) n.image = opts.image;

  if (!engineInfo().cgroup2) log.info('cgroup v1 is deprecated in Kubernetes and will not be supported in a future kind release, please upgrade to cgroup v2');
  if (listNodes(cfg.name).length > 0) throw new KindError(`node(s) already exist for a cluster with the name ${JSON.stringify(cfg.name)}`);
  if (cfg.name.length > NAME_MAX) log.info(`cluster name ${JSON.stringify(cfg.name)} is probably too long, this might not work properly on some systems`);
  const invalid = validateCluster(cfg);
  if (invalid) throw invalid;
  simPreflight(cfg);

  const cleanup = () => {
    if (!opts.retain) {
      try {
        deleteCluster(cfg.name, opts.kubeconfig, log);
      } catch {
        /* kind ignores cleanup errors here */
      }
      removeCluster(contextFor(cfg.name));
    }
  };

  log.info(`Creating cluster ${JSON.stringify(cfg.name)} ...\n`);
  const status = new Status(log);
  const node = cfg.nodes[0]!;
  const nodeName = `${cfg.name}-control-plane`;
  const key = contextFor(cfg.name);

  // ---- Provision ----
  const image = node.image;
  status.start(`Ensuring node image (${image.split('@sha256:')[0]}) 🖼`);
  const pullError = ensureNodeImage(image);
  if (pullError) {
    status.end(false);
    throw pullError;
  }
  let network = 'kind';
  if (process.env.KIND_EXPERIMENTAL_DOCKER_NETWORK) {
    log.info('WARNING: Overriding docker network due to KIND_EXPERIMENTAL_DOCKER_NETWORK');
    log.info('WARNING: Here be dragons! This is not supported currently.');
    network = process.env.KIND_EXPERIMENTAL_DOCKER_NETWORK;
  }
  try {
    ensureNetwork(network);
  } catch (err) {
    cleanup();
    throw wrap(err, 'failed to ensure docker network');
  }
  status.start(`Preparing nodes ${'📦 '.repeat(cfg.nodes.length)}`);
  try {
    mkdirSync(clusterDir(key), { recursive: true });
    updateObjects(key, () => undefined); // creates objects.json for the read-only mount
    const publish = await publishArgs([
      ...node.extraPortMappings,
      { listenAddress: cfg.networking.apiServerAddress, hostPort: cfg.networking.apiServerPort, containerPort: API_SERVER_INTERNAL_PORT, protocol: 'TCP' },
    ]);
    dockerOrThrow(runArgs(cfg, node, nodeName, network, key, publish));
    await waitForLogLine(nodeName, 30_000);
    status.end(true);
  } catch (err) {
    status.end(false);
    cleanup();
    throw err;
  }

  // ---- actions ----
  const endpoint = apiServerEndpoint(nodeName);
  const ip = containerIP(nodeName, network);
  // Test knob MESHLAB_SIM_NODE_ADDRESS=unassigned: the cluster *reports* (InternalIP, pod
  // hostIP) an address of its own Docker network that no container holds, so connections
  // to it go unanswered on the local bridge, as node IPs inside Docker Desktop's VM do
  // for the host. The sim itself keeps using the container's real IP.
  // MESHLAB_SIM_HOST_NETWORK=desktop does the same (lib/host-network.ts).
  const reportedAddress = process.env.MESHLAB_SIM_NODE_ADDRESS === 'unassigned' || desktopHostNetwork() ? unassignedAddress(network) : undefined;
  const hostPorts = node.extraPortMappings.map((m) => ({ containerPort: m.containerPort, hostPort: m.hostPort, listenAddress: m.listenAddress || '0.0.0.0', protocol: m.protocol || 'TCP' }));
  writeCluster({
    key, provider: 'kind', name: cfg.name, context: key, server: `https://${endpoint}`, nodeContainer: nodeName, network,
    createdAt: new Date().toISOString(), nodeIP: ip, apiServerEndpoint: endpoint, hostPorts, nodeImage: image,
    ...(reportedAddress ? { reportedNodeIP: reportedAddress } : {}),
  });

  const step = async (title: string, fn: () => Promise<void> | void) => {
    status.start(title);
    try {
      await fn();
      status.end(true);
    } catch (err) {
      status.end(false);
      cleanup();
      throw err;
    }
  };
  await step('Writing configuration 📜', () => undefined);
  await step('Starting control-plane 🕹️', async () => {
    if (faults().has('kind-create')) throw wrap(kubeadmInitFailure(nodeName), 'failed to init node with kubeadm');
    if (!(await waitForAPI(endpoint, Date.now() + 30_000))) throw wrap(kubeadmInitFailure(nodeName), 'failed to init node with kubeadm');
    seedNamespaces(key);
    seedNode(key, cfg.name, nodeName, node, reportedAddress ?? ip);
  });
  if (!cfg.networking.disableDefaultCNI) await step('Installing CNI 🔌', () => undefined);
  await step('Installing StorageClass 💾', () => seedStorage(key));

  if (opts.waitMs > 0) {
    status.start(`Waiting ≤ ${goSeconds(opts.waitMs)} for control-plane = Ready ⏳`);
    const started = Date.now();
    if (await waitForAPI(endpoint, started + opts.waitMs)) {
      status.end(true);
      log.info(` • Ready after ${goSeconds(Date.now() - started)} 💚`);
    } else {
      status.end(false);
      log.info(' • WARNING: Timed out waiting for Ready ⚠️');
    }
  }

  exportKubeconfig(cfg.name, `https://${endpoint}`, opts.kubeconfig);
  let sample = `kubectl cluster-info --context ${key}`;
  if (opts.kubeconfig) sample += ` --kubeconfig ${shellQuote(opts.kubeconfig)}`;
  log.info(`Set kubectl context to "${key}"`);
  log.info(`You can now use your cluster with:\n\n${sample}`);
  log.info('');
  log.info(SALUTATIONS[Math.floor(Math.random() * SALUTATIONS.length)]!);
}

/**
 * pullIfNotPresent (pkg/cluster/internal/providers/docker/images.go): `docker inspect
 * --type=image IMAGE`, else `docker pull IMAGE` (retried; the simulator does not wait out
 * kind's 1+2+3+4 s), wrapped as `failed to pull image "IMAGE"`. A reference with a digest
 * is only present when Docker knows that digest (RepoDigests), which an image restored with
 * `docker load` does not: pass such an image by its tag.
 */
function ensureNodeImage(image: string): KindError | undefined {
  if (docker(['inspect', '--type=image', image]).code === 0) return undefined;
  recordPull({ by: 'docker', image, ok: !offline() });
  if (!offline()) return undefined;
  const host = registryHost(image);
  const run = new RunError(['docker', 'pull', image], `Error response from daemon: Get "https://${host}/v2/": dial tcp: lookup ${host}: no such host\n`, 1);
  return wrap(run, `failed to pull image ${JSON.stringify(image)}`);
}
