/**
 * The pinned tool manifest: which version of each tool mesh-lab downloads, from where,
 * and how the download is verified.
 *
 * Checksums are either
 *  - "pinned": the SHA-256 is written here, copied from an upstream-published source
 *    named in `source` (only minikube so far: its repo's deploy/minikube/releases-v2.json);
 *  - "published": fetched at install time from the checksum file the same release
 *    publishes next to the asset (kind `<asset>.sha256sum`, istio `<asset>.sha256`,
 *    kubectl `<asset>.sha256`), and compared before the binary is used.
 *
 * Layout facts (checked in the upstream sources):
 *  - kind: bare binaries `kind-<os>-<arch>` + `kind-<os>-<arch>.sha256sum` ("<hash>  <name>",
 *    written by hack/release/build/cross.sh with `shasum -a 256`); kind.sigs.k8s.io/dl/<v>/
 *    redirects to the GitHub release. The pins themselves are in src/config/pins.ts.
 *  - istioctl: `istioctl-<v>-<osext>[-<arch>].tar.gz` holding a single top-level `istioctl`
 *    (istio release/downloadIstioCtl.sh at 1.30.3; osext is `osx` on darwin, and darwin
 *    amd64 uses the arch-less `istioctl-<v>-osx.tar.gz`); each archive has `<archive>.sha256`
 *    (release-builder util.CreateSha).
 *  - kubectl: dl.k8s.io/release/<v>/bin/<os>/<arch>/kubectl + `kubectl.sha256` (hash only).
 *  - minikube: bare binaries `minikube-<os>-<arch>` + `.sha256` (hash only, Makefile
 *    `openssl sha256 | awk '{print $2}'`).
 */
import type { Platform, PlatformKey } from './platform.js';
import { PLATFORMS, platformKey } from './platform.js';
import type { VersionRange } from './version.js';
import { parseVersion, sameMinorRange } from './version.js';
import { ToolsError } from './errors.js';
import {
  PINNED_ISTIO_VERSION,
  PINNED_KIND_NODE_IMAGE,
  PINNED_KIND_VERSION,
  PINNED_KUBECTL_VERSION,
  PINNED_KUBERNETES_VERSION,
  PINNED_MINIKUBE_VERSION,
} from './pins.js';

export type ToolName = 'kind' | 'kubectl' | 'istioctl' | 'minikube';
export const TOOL_NAMES: readonly ToolName[] = ['kind', 'kubectl', 'istioctl', 'minikube'];

export type ChecksumSpec =
  /** SHA-256 of the downloaded asset, kept in the repo; `source` says where it was copied from. */
  | { type: 'pinned'; sha256: string; source: string }
  /** Path (relative to the tool's base URL) of the release's own checksum file. */
  | { type: 'published'; path: string };

export interface ToolArtifact {
  /** Asset path relative to the tool's base URL. */
  path: string;
  archive: 'none' | 'tar.gz';
  /** For archives: the member holding the binary. */
  member?: string;
  checksum: ChecksumSpec;
}

export interface ToolSpec {
  name: ToolName;
  /** Release version as upstream spells it in tags/URLs ("v0.32.0" for kind, "1.30.0" for Istio). */
  version: string;
  /** File name of the installed binary. */
  binary: string;
  /** Upstream download base; every artifact and checksum path is relative to it. */
  baseUrl: string;
  /** Versions of this tool that are acceptable when found on PATH. */
  accept: VersionRange;
  /**
   * Only exactly `version` is acceptable on PATH (istioctl: `istioctl install` installs
   * its own version, so 1.30.5 on PATH would not install the 1.30.2 a lab asks for).
   */
  exact?: boolean;
  /** Arguments that print the client version without touching a cluster. */
  versionArgs: string[];
  artifacts: Record<PlatformKey, ToolArtifact>;
}

export interface ToolsManifest {
  tools: Record<ToolName, ToolSpec>;
  /** Kubernetes version the lab targets (the pinned kind node image's). */
  kubernetesVersion: string;
  /** kind's default node image for the pinned kind version. */
  kindNodeImage: string;
  /** Istio version installed by the pinned istioctl. */
  istioVersion: string;
}

const MINIKUBE_SHA256_SOURCE = `github.com/kubernetes/minikube deploy/minikube/releases-v2.json (entry ${PINNED_MINIKUBE_VERSION})`;

function forEachPlatform(make: (p: Platform) => ToolArtifact): Record<PlatformKey, ToolArtifact> {
  const out: Partial<Record<PlatformKey, ToolArtifact>> = {};
  for (const p of PLATFORMS) out[platformKey(p)] = make(p);
  return out as Record<PlatformKey, ToolArtifact>;
}

function kindSpec(): ToolSpec {
  const v = PINNED_KIND_VERSION;
  return {
    name: 'kind',
    version: v,
    binary: 'kind',
    baseUrl: 'https://github.com/kubernetes-sigs/kind/releases/download',
    // v0.33.0 is left out on purpose: its default node image is Kubernetes 1.37.0, newer
    // than Istio 1.30's supported 1.32-1.36 (reasoning in docs/tool-contract.md)
    accept: { min: '0.32.0', below: '0.33.0' },
    versionArgs: ['version'],
    artifacts: forEachPlatform((p) => ({
      path: `${v}/kind-${p.os}-${p.arch}`,
      archive: 'none',
      checksum: { type: 'published', path: `${v}/kind-${p.os}-${p.arch}.sha256sum` },
    })),
  };
}

export function istioctlAssetName(version: string, p: Platform): string {
  // release/downloadIstioCtl.sh: linux always has an arch suffix; darwin uses "osx",
  // with "-arm64" for Apple silicon and no suffix for Intel.
  if (p.os === 'linux') return `istioctl-${version}-linux-${p.arch}.tar.gz`;
  return p.arch === 'arm64' ? `istioctl-${version}-osx-arm64.tar.gz` : `istioctl-${version}-osx.tar.gz`;
}

function istioctlSpec(v: string = PINNED_ISTIO_VERSION, baseUrl = 'https://github.com/istio/istio/releases/download'): ToolSpec {
  return {
    name: 'istioctl',
    version: v,
    binary: 'istioctl',
    baseUrl,
    accept: sameMinorRange(parseVersion(v) ?? { major: 1, minor: 30, patch: 0, raw: v }),
    exact: true,
    versionArgs: ['version', '--remote=false', '-o', 'json'],
    artifacts: forEachPlatform((p) => {
      const asset = istioctlAssetName(v, p);
      return {
        path: `${v}/${asset}`,
        archive: 'tar.gz',
        member: 'istioctl',
        checksum: { type: 'published', path: `${v}/${asset}.sha256` },
      };
    }),
  };
}

/** kubectl is supported within one minor version (older or newer) of the API server. */
export function kubectlSkewRange(kubernetesVersion: string): VersionRange {
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion);
  if (!m) throw new Error(`bad Kubernetes version ${kubernetesVersion}`);
  const major = Number(m[1]);
  const minor = Number(m[2]);
  return { min: `${major}.${Math.max(0, minor - 1)}.0`, below: `${major}.${minor + 2}.0` };
}

function kubectlSpec(kubernetesVersion: string): ToolSpec {
  const v = PINNED_KUBECTL_VERSION;
  return {
    name: 'kubectl',
    version: v,
    binary: 'kubectl',
    baseUrl: 'https://dl.k8s.io/release',
    accept: kubectlSkewRange(kubernetesVersion),
    versionArgs: ['version', '--client', '-o', 'json'],
    artifacts: forEachPlatform((p) => ({
      path: `${v}/bin/${p.os}/${p.arch}/kubectl`,
      archive: 'none',
      checksum: { type: 'published', path: `${v}/bin/${p.os}/${p.arch}/kubectl.sha256` },
    })),
  };
}

const MINIKUBE_SHA256: Record<PlatformKey, string> = {
  'linux-amd64': '099477eaf248bcb5bcea8ce78a2898e93ac01461c35189da1848c3de82ecd22e',
  'linux-arm64': 'a0b8a1ebfc8c07a247271d8df98ac0ddd7c8c855b601d402463e2e50c08c6bab',
  'darwin-amd64': 'db11dffba835609988e4e98c3a91a38653ce66ddfa8ea3aaea92d87c54a0a348',
  'darwin-arm64': 'f9b0c70bb7daf38c683c0b6e46dc1b612600247ae826bf74576807746a919ee8',
};

function minikubeSpec(): ToolSpec {
  const v = PINNED_MINIKUBE_VERSION;
  return {
    name: 'minikube',
    version: v,
    binary: 'minikube',
    baseUrl: 'https://github.com/kubernetes/minikube/releases/download',
    accept: { min: '1.38.0', below: '1.39.0' },
    versionArgs: ['version', '--short'],
    artifacts: forEachPlatform((p) => ({
      path: `${v}/minikube-${p.os}-${p.arch}`,
      archive: 'none',
      checksum: { type: 'pinned', sha256: MINIKUBE_SHA256[platformKey(p)], source: MINIKUBE_SHA256_SOURCE },
    })),
  };
}

export function pinnedManifest(): ToolsManifest {
  const kubernetesVersion = PINNED_KUBERNETES_VERSION.replace(/^v/, '');
  return {
    kubernetesVersion,
    kindNodeImage: PINNED_KIND_NODE_IMAGE,
    istioVersion: PINNED_ISTIO_VERSION,
    tools: {
      kind: kindSpec(),
      kubectl: kubectlSpec(kubernetesVersion),
      istioctl: istioctlSpec(),
      minikube: minikubeSpec(),
    },
  };
}

export const BASE_URL_ENV = 'MESH_LAB_TOOLS_BASE_URL';

/**
 * Points every tool at a mirror: `<baseUrl>/<tool>/<same relative path>`, e.g.
 * `<baseUrl>/kind/v0.32.0/kind-linux-amd64`. Used by tests (127.0.0.1) and by users
 * behind an artifact mirror.
 */
export function withBaseUrl(manifest: ToolsManifest, baseUrl: string): ToolsManifest {
  const base = baseUrl.replace(/\/+$/, '');
  const tools = {} as Record<ToolName, ToolSpec>;
  for (const name of TOOL_NAMES) tools[name] = { ...manifest.tools[name], baseUrl: `${base}/${name}` };
  return { ...manifest, tools };
}

/** The pinned manifest, honouring MESH_LAB_TOOLS_BASE_URL when set. */
export function manifestFromEnv(env: NodeJS.ProcessEnv = process.env, base: ToolsManifest = pinnedManifest()): ToolsManifest {
  const override = env[BASE_URL_ENV]?.trim();
  return override ? withBaseUrl(base, override) : base;
}

/**
 * The manifest with istioctl pinned to `istioVersion` (`up --istio-version`): istioctl
 * releases publish a .sha256 beside every archive, so any release can be verified the same
 * way as the pinned one. The base URL (a mirror, if any) is kept.
 */
export function withIstioctlVersion(manifest: ToolsManifest, istioVersion: string): ToolsManifest {
  const current = manifest.tools.istioctl;
  if (current.version === istioVersion) return manifest;
  return { ...manifest, tools: { ...manifest.tools, istioctl: istioctlSpec(istioVersion, current.baseUrl) } };
}

export function isToolName(name: string): name is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(name);
}

export function toolSpec(manifest: ToolsManifest, name: string): ToolSpec {
  if (!isToolName(name)) {
    throw new ToolsError('unknown-tool', `unknown tool "${name}"; mesh-lab manages ${TOOL_NAMES.join(', ')}`);
  }
  return manifest.tools[name];
}

export interface ResolvedArtifact {
  tool: ToolName;
  version: string;
  platform: PlatformKey;
  url: string;
  assetName: string;
  archive: ToolArtifact['archive'];
  member: string | undefined;
  checksum: { type: 'pinned'; sha256: string; source: string } | { type: 'published'; url: string };
}

function join(base: string, rel: string): string {
  return `${base.replace(/\/+$/, '')}/${rel.replace(/^\/+/, '')}`;
}

export function artifactFor(spec: ToolSpec, platform: Platform): ResolvedArtifact {
  const key = platformKey(platform);
  const a = spec.artifacts[key];
  if (!a) {
    throw new ToolsError('unsupported-platform', `no ${spec.name} download is pinned for ${key}; install ${spec.name} yourself and put it on PATH`);
  }
  const assetName = a.path.split('/').pop() ?? a.path;
  return {
    tool: spec.name,
    version: spec.version,
    platform: key,
    url: join(spec.baseUrl, a.path),
    assetName,
    archive: a.archive,
    member: a.member,
    checksum: a.checksum.type === 'pinned' ? a.checksum : { type: 'published', url: join(spec.baseUrl, a.checksum.path) },
  };
}
