// What each simulated node's container runtime holds, and what the kubelet pulls.
//
// A real node starts with only what its image preloads: kind's node image carries the
// images `kind build node-image` bakes in (Kubernetes' own control-plane images, pause,
// kindnetd and local-path-provisioner/helper: kubernetes-sigs/kind
// pkg/build/nodeimage/const_cni.go, const_storage.go and the kubeadm image list), minikube's
// the preloaded Kubernetes images plus storage-provisioner. None of Istio's or the app's
// images are there, so every `up` on a fresh node pulls them again.
//
// The kubelet pulls when a pod's container image is absent (imagePullPolicy IfNotPresent)
// or always (Always): each pull is appended to $MESHLAB_SIM_HOME/pulls.jsonl (the "pull
// count" the tests read). With MESHLAB_SIM_OFFLINE=1 a pull fails as it does without a
// network and the pod stays in ErrImagePull / ImagePullBackOff with the kubelet's texts
// (kubernetes/kubernetes pkg/kubelet/images/image_manager.go: `Failed to pull image %q: %v`,
// `Back-off pulling image %q`). Loading an image (`kind load`, `minikube image load`) adds it
// to the node and lets a waiting pod start, as the kubelet's next retry would.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCluster, simHome, writeCluster, type ClusterRecord, type K8sObject } from './store.js';

export function offline(): boolean {
  const v = process.env.MESHLAB_SIM_OFFLINE;
  return v !== undefined && v !== '' && v !== '0';
}

/**
 * Repositories a node image preloads (tags follow the node image's Kubernetes release;
 * the simulator matches on the repository because it never runs these pods).
 */
const PRELOADED: Record<ClusterRecord['provider'], string[]> = {
  kind: [
    'registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager', 'registry.k8s.io/kube-scheduler',
    'registry.k8s.io/kube-proxy', 'registry.k8s.io/etcd', 'registry.k8s.io/coredns/coredns', 'registry.k8s.io/pause',
    'docker.io/kindest/kindnetd', 'docker.io/kindest/local-path-provisioner', 'docker.io/kindest/local-path-helper',
  ],
  minikube: [
    'registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager', 'registry.k8s.io/kube-scheduler',
    'registry.k8s.io/kube-proxy', 'registry.k8s.io/etcd', 'registry.k8s.io/coredns/coredns', 'registry.k8s.io/pause',
    'gcr.io/k8s-minikube/storage-provisioner',
  ],
};

/**
 * The fully qualified reference containerd records (docker.io/library/ for short names),
 * as distribution/reference ParseNormalizedNamed does; a reference without tag or digest
 * gets `:latest` (kubelet applyDefaultImageTag).
 */
export function normalizeRef(ref: string): string {
  let name = ref;
  let suffix = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    suffix = name.slice(at);
    name = name.slice(0, at);
  }
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  if (colon > slash) {
    suffix = name.slice(colon) + suffix;
    name = name.slice(0, colon);
  } else if (suffix === '') {
    suffix = ':latest';
  }
  const first = name.split('/')[0]!;
  const hasHost = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!hasHost) name = name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return name + suffix;
}

function repository(ref: string): string {
  const n = normalizeRef(ref).split('@')[0]!;
  const slash = n.lastIndexOf('/');
  const colon = n.lastIndexOf(':');
  return colon > slash ? n.slice(0, colon) : n;
}

/** image reference (normalized) → image ID, for images loaded into or pulled onto the node */
export function nodeImages(rec: ClusterRecord): Record<string, string> {
  return { ...((rec.nodeImages as Record<string, string> | undefined) ?? {}) };
}

export function presentOnNode(rec: ClusterRecord, ref: string): boolean {
  if (PRELOADED[rec.provider].includes(repository(ref))) return true;
  return normalizeRef(ref) in nodeImages(rec);
}

export interface PullRecord {
  /** `kubelet` (a node pulled) or `docker` (the host's `docker pull`) */
  by: 'kubelet' | 'docker';
  image: string;
  cluster?: string;
  ok: boolean;
}

export function recordPull(p: PullRecord): void {
  mkdirSync(simHome(), { recursive: true });
  appendFileSync(join(simHome(), 'pulls.jsonl'), `${JSON.stringify(p)}\n`);
}

export function readPulls(home = simHome()): PullRecord[] {
  const file = join(home, 'pulls.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PullRecord);
}

/** The registry host a reference is pulled from (docker.io is served by registry-1.docker.io). */
export function registryHost(ref: string): string {
  const host = normalizeRef(ref).split('/')[0]!;
  return host === 'docker.io' ? 'registry-1.docker.io' : host;
}

/** containerd's error for a pull without network, as the CRI returns it to the kubelet */
export function offlinePullError(image: string): string {
  const ref = normalizeRef(image);
  const [name, tag] = splitTag(ref);
  const host = registryHost(image);
  const path = name.slice(name.indexOf('/') + 1);
  return `rpc error: code = Unknown desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": failed to do request: Head "https://${host}/v2/${path}/manifests/${tag}": dial tcp: lookup ${host}: no such host`;
}

function splitTag(ref: string): [string, string] {
  const at = ref.indexOf('@');
  if (at >= 0) return [ref.slice(0, at), ref.slice(at + 1)];
  const colon = ref.lastIndexOf(':');
  return [ref.slice(0, colon), ref.slice(colon + 1)];
}

interface Container {
  image?: string;
  imagePullPolicy?: string;
}

function injected(objects: K8sObject[], d: K8sObject): boolean {
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata.name === d.metadata.namespace);
  const labels = ns?.metadata.labels ?? {};
  const on = labels['istio-injection'] === 'enabled' || labels['istio.io/rev'] !== undefined;
  const podAnn = (d.spec?.template?.metadata?.annotations ?? {}) as Record<string, string>;
  return on && podAnn['sidecar.istio.io/inject'] !== 'false';
}

/** The proxy image Istio's injector adds: the one its own gateways run. */
function proxyImage(objects: K8sObject[]): string | undefined {
  for (const o of objects) {
    if (o.kind !== 'Deployment' || o.metadata.namespace !== 'istio-system') continue;
    const c = ((o.spec?.template?.spec?.containers ?? []) as Array<{ name: string; image: string }>).find((x) => x.name === 'istio-proxy');
    if (c) return c.image;
  }
  return undefined;
}

/** What the kubelet needs for one workload: its containers, plus the sidecar's image when injected. */
function workloadImages(objects: K8sObject[], d: K8sObject): Container[] {
  const spec = d.spec?.template?.spec ?? {};
  const list = [...((spec.initContainers ?? []) as Container[]), ...((spec.containers ?? []) as Container[])];
  const proxy = injected(objects, d) ? proxyImage(objects) : undefined;
  if (proxy) list.push({ image: proxy, imagePullPolicy: 'IfNotPresent' });
  return list.filter((c) => typeof c.image === 'string' && c.image !== '');
}

/**
 * The kubelet's pass over workloads rolled out since it last looked (called by the store
 * after every write): pulls what is absent (or `Always`), or, offline, records which
 * images failed so the pods stay in ErrImagePull / ImagePullBackOff.
 */
export function kubeletPull(key: string, objects: K8sObject[]): void {
  const rec = readCluster(key);
  if (!rec) return;
  const images = nodeImages(rec);
  let pulled = false;
  for (const d of objects) {
    if (d.kind !== 'Deployment' || !d.__sim) continue;
    if (d.__sim.imagesCheckedAt === d.__sim.appliedAt) continue;
    const missing: string[] = [];
    for (const c of workloadImages(objects, d)) {
      const image = c.image!;
      const present = presentOnNode({ ...rec, nodeImages: images }, image);
      const policy = c.imagePullPolicy ?? 'IfNotPresent';
      if (policy === 'Never' || (policy === 'IfNotPresent' && present)) continue;
      if (offline()) {
        if (!missing.includes(image)) missing.push(image);
        continue;
      }
      recordPull({ by: 'kubelet', image, cluster: key, ok: true });
      images[normalizeRef(image)] = images[normalizeRef(image)] ?? `sha256:pulled-${normalizeRef(image)}`;
      pulled = true;
    }
    if (missing.length > 0) {
      for (const image of missing) recordPull({ by: 'kubelet', image, cluster: key, ok: false });
      d.__sim.missingImages = missing;
    } else {
      delete d.__sim.missingImages;
    }
    d.__sim.imagesCheckedAt = d.__sim.appliedAt;
  }
  if (pulled) writeCluster({ ...rec, nodeImages: images });
}

/**
 * Images were loaded into the node: record them, and let every pod that was waiting only
 * for them start (its rollout restarts now, as after the kubelet's next pull attempt).
 */
export function loadIntoNode(key: string, loaded: Record<string, string>, objects: K8sObject[]): void {
  const rec = readCluster(key);
  if (!rec) return;
  const images = { ...nodeImages(rec) };
  for (const [ref, id] of Object.entries(loaded)) images[normalizeRef(ref)] = id;
  const next = { ...rec, nodeImages: images };
  writeCluster(next);
  const now = Date.now();
  for (const d of objects) {
    const missing = d.__sim?.missingImages as string[] | undefined;
    if (!missing) continue;
    const still = missing.filter((m) => !presentOnNode(next, m));
    if (still.length === 0) {
      delete d.__sim!.missingImages;
      d.__sim!.appliedAt = now;
      d.__sim!.imagesCheckedAt = now;
    } else {
      d.__sim!.missingImages = still;
    }
  }
}
