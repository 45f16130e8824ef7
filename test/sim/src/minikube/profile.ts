// minikube profiles as the simulator keeps them. The profile config lives where minikube
// keeps it, under a MINIKUBE_HOME of the simulator's own ($MESHLAB_SIM_HOME/.minikube/
// profiles/<P>/config.json, the ClusterConfig fields of pkg/minikube/config/types.go);
// the machine is a real Docker container named after the profile (kic driver), labelled
// like minikube's and filtered by this simulator home's label, so Docker stays the source
// of truth for the host state (Running / Stopped / Nonexistent).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite, simHome } from '../lib/store.js';
import { docker } from '../kind/docker.js';
import { SIM_HOME_LABEL, simLabels } from '../kind/provider.js';
import { simHomeLabel } from '../lib/store.js';

export const MINIKUBE_VERSION = 'v1.38.1';
export const MINIKUBE_COMMIT = 'c93a4cb9311efc66b90d33ea03f75f2c4120e9b0';
export const KIC_VERSION = 'v0.0.50';
export const KIC_BASE_IMAGE = 'gcr.io/k8s-minikube/kicbase:v0.0.50@sha256:eb4fec00e8ad70adf8e6436f195cc429825ffb85f95afcdb5d8d9deb576f3e93';
export const DEFAULT_K8S = 'v1.35.1';
export const NEWEST_K8S = 'v1.35.1';
export const OLDEST_K8S = 'v1.28.0';
export const API_SERVER_PORT = 8443;

/** pkg/drivers/kic/oci/types.go */
export const CREATED_BY_LABEL = 'created_by.minikube.sigs.k8s.io';
export const PROFILE_LABEL = 'name.minikube.sigs.k8s.io';
export const ROLE_LABEL = 'role.minikube.sigs.k8s.io';
export const NODE_LABEL = 'mode.minikube.sigs.k8s.io';

export type ClusterConfig = Record<string, any>;

export function minikubeHome(): string {
  return join(simHome(), '.minikube');
}

export function profileDir(name: string): string {
  return join(minikubeHome(), 'profiles', name);
}

export function machineDir(name: string): string {
  return join(minikubeHome(), 'machines', name);
}

export function loadConfig(name: string): ClusterConfig | undefined {
  const f = join(profileDir(name), 'config.json');
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as ClusterConfig;
  } catch {
    return undefined;
  }
}

export function saveConfig(cc: ClusterConfig): void {
  mkdirSync(profileDir(cc.Name), { recursive: true });
  mkdirSync(machineDir(cc.Name), { recursive: true });
  atomicWrite(join(profileDir(cc.Name), 'config.json'), JSON.stringify(cc, null, '\t'));
}

export function removeProfileFiles(name: string): void {
  rmSync(profileDir(name), { recursive: true, force: true });
  rmSync(machineDir(name), { recursive: true, force: true });
}

/** config.ListProfiles: every profile directory; valid when its config loads with a control plane. */
export function listProfiles(): { valid: ClusterConfig[]; invalid: string[] } {
  const dir = join(minikubeHome(), 'profiles');
  if (!existsSync(dir)) return { valid: [], invalid: [] };
  const valid: ClusterConfig[] = [];
  const invalid: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const cc = loadConfig(n);
    if (cc && Array.isArray(cc.Nodes) && cc.Nodes.some((x: any) => x.ControlPlane)) valid.push(cc);
    else invalid.push(n);
  }
  return { valid, invalid };
}

/** config.ProfileNameValid */
export function profileNameValid(name: string): boolean {
  const label = '([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])';
  return new RegExp(`^(${label}\\.)*${label}$`).test(name) && name.length > 1;
}

export type HostState = 'Running' | 'Stopped' | 'Nonexistent';

/** machine.Status through `docker inspect`, restricted to this simulator home's containers. */
export function hostState(name: string): HostState {
  const r = docker(['ps', '-a', '--filter', `label=${PROFILE_LABEL}=${name}`, '--filter', `label=${SIM_HOME_LABEL}=${simHomeLabel()}`, '--format', '{{.Names}}\t{{.State}}']);
  if (r.code !== 0) return 'Nonexistent';
  const line = r.stdout.split('\n').map((l) => l.trim()).find((l) => l.split('\t')[0] === name);
  if (!line) return 'Nonexistent';
  return line.split('\t')[1] === 'running' ? 'Running' : 'Stopped';
}

export function containerLabels(name: string): string[] {
  return [`${CREATED_BY_LABEL}=true`, `${PROFILE_LABEL}=${name}`, `${ROLE_LABEL}=`, `${NODE_LABEL}=${name}`, ...simLabels()];
}

/** The host port Docker published for 8443 (kic: --publish=127.0.0.1::8443). */
export function apiHostPort(name: string): number | undefined {
  const r = docker(['inspect', '--format', `{{ with (index (index .NetworkSettings.Ports "${API_SERVER_PORT}/tcp") 0) }}{{ .HostPort }}{{ end }}`, name]);
  const n = Number(r.stdout.trim());
  return r.code === 0 && Number.isInteger(n) && n > 0 ? n : undefined;
}

export function containerIPOn(name: string, network: string): string {
  const r = docker(['inspect', '--format', `{{ with index .NetworkSettings.Networks ${JSON.stringify(network)} }}{{ .IPAddress }}{{ end }}`, name]);
  return r.code === 0 ? r.stdout.trim() : '';
}

/** The ClusterConfig a new profile gets (field order of config.ClusterConfig, as in `profile list -o json`). */
export function newConfig(name: string, o: { cpus: number; memory: number; k8s: string }): ClusterConfig {
  return {
    Name: name, KeepContext: false, EmbedCerts: false, MinikubeISO: '', KicBaseImage: KIC_BASE_IMAGE, Memory: o.memory, CPUs: o.cpus, DiskSize: 20000,
    Driver: 'docker', HyperkitVpnKitSock: '', HyperkitVSockPorts: [], DockerEnv: null, ContainerVolumeMounts: null, InsecureRegistry: null, RegistryMirror: [],
    HostOnlyCIDR: '192.168.59.1/24', HypervVirtualSwitch: '', HypervUseExternalSwitch: false, HypervExternalAdapter: '', KVMNetwork: 'default',
    KVMQemuURI: 'qemu:///system', KVMGPU: false, KVMHidden: false, KVMNUMACount: 1, APIServerPort: API_SERVER_PORT, DockerOpt: null, DisableDriverMounts: false,
    NFSShare: [], NFSSharesRoot: '/nfsshares', UUID: '', NoVTXCheck: false, DNSProxy: false, HostDNSResolver: true, HostOnlyNicType: 'virtio', NatNicType: 'virtio',
    SSHIPAddress: '', SSHUser: 'root', SSHKey: '', SSHPort: 22,
    KubernetesConfig: {
      KubernetesVersion: o.k8s, ClusterName: name, Namespace: 'default', APIServerHAVIP: '', APIServerName: 'minikubeCA', APIServerNames: null, APIServerIPs: null,
      DNSDomain: 'cluster.local', ContainerRuntime: 'docker', CRISocket: '', NetworkPlugin: 'cni', FeatureGates: '', ServiceCIDR: '10.96.0.0/12', ImageRepository: '',
      LoadBalancerStartIP: '', LoadBalancerEndIP: '', CustomIngressCert: '', RegistryAliases: '', ExtraOptions: null, ShouldLoadCachedImages: true, EnableDefaultCNI: false, CNI: '',
    },
    Nodes: [{ Name: '', IP: '', Port: API_SERVER_PORT, KubernetesVersion: o.k8s, ContainerRuntime: 'docker', ControlPlane: true, Worker: true }],
    Addons: { 'default-storageclass': true, 'storage-provisioner': true },
    CustomAddonImages: null, CustomAddonRegistries: null, VerifyComponents: { apiserver: true, system_pods: true }, StartHostTimeout: 360000000000, ScheduledStop: null,
    ExposedPorts: [], ListenAddress: '', Network: '', Subnet: '', MultiNodeRequested: false, ExtraDisks: 0, CertExpiration: 94608000000000000, MountString: '',
    Mount9PVersion: '9p2000.L', MountGID: 'docker', MountIP: '', MountMSize: 262144, MountOptions: [], MountPort: 0, MountType: '9p', MountUID: 'docker',
    BinaryMirror: '', DisableOptimizations: false, DisableMetrics: false, DisableCoreDNSLog: false, CustomQemuFirmwarePath: '', SocketVMnetClientPath: '',
    SocketVMnetPath: '', StaticIP: '', SSHAuthSock: '', SSHAgentPID: 0, GPUs: '', AutoPauseInterval: 60000000000, Rosetta: false,
  };
}
