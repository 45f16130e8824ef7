/**
 * Version support rules used by doctor and by `up`'s preflight.
 *
 * Istio ↔ Kubernetes: "Supported Kubernetes Versions" column of
 * https://istio.io/latest/docs/releases/supported-releases/#support-status-of-istio-releases
 * (as mirrored by endoflife.date's products/istio.md for 1.24–1.29). For 1.30 the range
 * 1.32–1.36 matches istioctl's own floor at tag 1.30.3
 * (istioctl/pkg/install/k8sversion/version.go: MinK8SVersion = 32; it was 30 in 1.29 and
 * 29 in 1.26–1.28) and the usual five-minor window. Below the range istioctl itself
 * warns the version is unsupported, so doctor fails; above it (newer than tested) warns.
 *
 * kubectl: supported within one minor version (older or newer) of kube-apiserver
 * (Kubernetes version skew policy).
 */
import type { Version } from './version.js';
import { compareVersions, minorOf, parseVersion } from './version.js';

export interface IstioSupport {
  istio: string;
  /** Inclusive Kubernetes minor range, "1.32" … "1.36". */
  kubernetes: { min: string; max: string };
}

export const ISTIO_KUBERNETES_SUPPORT: readonly IstioSupport[] = [
  { istio: '1.30', kubernetes: { min: '1.32', max: '1.36' } },
  { istio: '1.29', kubernetes: { min: '1.31', max: '1.35' } },
  { istio: '1.28', kubernetes: { min: '1.30', max: '1.34' } },
  { istio: '1.27', kubernetes: { min: '1.29', max: '1.33' } },
  { istio: '1.26', kubernetes: { min: '1.29', max: '1.33' } },
  { istio: '1.25', kubernetes: { min: '1.29', max: '1.32' } },
  { istio: '1.24', kubernetes: { min: '1.28', max: '1.31' } },
];

export type SupportVerdict =
  | { status: 'supported'; range: IstioSupport['kubernetes'] }
  | { status: 'too-old'; range: IstioSupport['kubernetes'] }
  | { status: 'newer-than-tested'; range: IstioSupport['kubernetes'] }
  | { status: 'unknown-istio' }
  | { status: 'unparseable' };

function minorCmp(v: Version, minor: string): number {
  const m = parseVersion(minor);
  if (!m) return 0;
  return v.major - m.major || v.minor - m.minor;
}

export function istioSupportsKubernetes(istioVersion: string, kubernetesVersion: string): SupportVerdict {
  const iv = parseVersion(istioVersion);
  const kv = parseVersion(kubernetesVersion);
  if (!iv || !kv) return { status: 'unparseable' };
  const row = ISTIO_KUBERNETES_SUPPORT.find((r) => r.istio === minorOf(iv));
  if (!row) return { status: 'unknown-istio' };
  if (minorCmp(kv, row.kubernetes.min) < 0) return { status: 'too-old', range: row.kubernetes };
  if (minorCmp(kv, row.kubernetes.max) > 0) return { status: 'newer-than-tested', range: row.kubernetes };
  return { status: 'supported', range: row.kubernetes };
}

/** Minor-version distance kubectl − server; within skew when |diff| ≤ 1. */
export function kubectlSkew(kubectlVersion: string, serverVersion: string): { diff: number; ok: boolean } | undefined {
  const k = parseVersion(kubectlVersion);
  const s = parseVersion(serverVersion);
  if (!k || !s) return undefined;
  if (k.major !== s.major) return { diff: Number.POSITIVE_INFINITY, ok: false };
  const diff = k.minor - s.minor;
  return { diff, ok: Math.abs(diff) <= 1 };
}

/** kind's default node image per kind minor (pkg/apis/config/defaults/image.go at each tag). */
export const KIND_DEFAULT_NODE_IMAGES: Readonly<Record<string, string>> = {
  '0.29': 'kindest/node:v1.33.1@sha256:050072256b9a903bd914c0b2866828150cb229cea0efe5892e2b644d5dd3b34f',
  '0.30': 'kindest/node:v1.34.0@sha256:7416a61b42b1662ca6ca89f02028ac133a309a2a30ba309614e8ec94d976dc5a',
  '0.31': 'kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f',
  '0.32': 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5',
};

/** minikube's DefaultKubernetesVersion (pkg/minikube/constants/constants.go at v1.38.1). */
export const MINIKUBE_DEFAULT_KUBERNETES: Readonly<Record<string, string>> = {
  '1.38': 'v1.35.1',
};

export function kindDefaultNodeImage(kindVersion: string): string | undefined {
  const v = parseVersion(kindVersion);
  return v ? KIND_DEFAULT_NODE_IMAGES[minorOf(v)] : undefined;
}

/** "kindest/node:v1.36.1@sha256:…" → "v1.36.1". */
export function kubernetesVersionOfNodeImage(image: string): string | undefined {
  const tag = /:(v\d+\.\d+\.\d+[^@]*)/.exec(image)?.[1];
  return tag;
}

// What each provider needs from Docker lives in its definition (providers/<name>/index.ts).

/**
 * Docker reports slightly less memory than the configured amount (Docker Desktop set to
 * 8 GB reports ~7.7 GiB), so thresholds allow 10% slack.
 */
export const MEMORY_SLACK = 0.9;

export function compareToolVersions(a: string, b: string): number | undefined {
  const x = parseVersion(a);
  const y = parseVersion(b);
  return x && y ? compareVersions(x, y) : undefined;
}
