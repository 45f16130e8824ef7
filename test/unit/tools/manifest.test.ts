import { describe, expect, it } from 'vitest';
import { artifactFor, istioctlAssetName, kubectlSkewRange, manifestFromEnv, pinnedManifest, TOOL_NAMES, toolSpec, withBaseUrl } from '../../../src/tools/manifest.js';
import { PLATFORMS, detectPlatform, platformKey } from '../../../src/tools/platform.js';
import { ToolsError } from '../../../src/tools/errors.js';
import { inRange, parseVersion } from '../../../src/tools/version.js';

describe('pinned manifest', () => {
  const m = pinnedManifest();

  it('pins the versions the project agreed on', () => {
    expect(m.tools.kind.version).toBe('v0.32.0');
    expect(m.tools.istioctl.version).toBe('1.30.3');
    expect(m.tools.minikube.version).toBe('v1.38.1');
    expect(m.tools.kubectl.version).toBe('v1.36.1');
    expect(m.kindNodeImage).toMatch(/^kindest\/node:v1\.36\.1@sha256:[0-9a-f]{64}$/);
    expect(m.kubernetesVersion).toBe('1.36.1');
  });

  it('has an artifact with a checksum for every tool on linux/darwin x amd64/arm64', () => {
    for (const name of TOOL_NAMES) {
      for (const p of PLATFORMS) {
        const a = artifactFor(m.tools[name], p);
        expect(a.url).toMatch(/^https:\/\//);
        if (a.checksum.type === 'pinned') expect(a.checksum.sha256).toMatch(/^[0-9a-f]{64}$/);
        else expect(a.checksum.url).toMatch(/\.sha256(sum)?$/);
      }
    }
  });

  it('uses the upstream asset names and checksum files', () => {
    const linux = { os: 'linux', arch: 'amd64' } as const;
    expect(artifactFor(m.tools.kind, linux)).toMatchObject({
      url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.32.0/kind-linux-amd64',
      checksum: { type: 'published', url: 'https://github.com/kubernetes-sigs/kind/releases/download/v0.32.0/kind-linux-amd64.sha256sum' },
    });
    expect(artifactFor(m.tools.kubectl, { os: 'darwin', arch: 'arm64' })).toMatchObject({
      url: 'https://dl.k8s.io/release/v1.36.1/bin/darwin/arm64/kubectl',
      checksum: { url: 'https://dl.k8s.io/release/v1.36.1/bin/darwin/arm64/kubectl.sha256' },
    });
    expect(artifactFor(m.tools.istioctl, linux)).toMatchObject({
      url: 'https://github.com/istio/istio/releases/download/1.30.3/istioctl-1.30.3-linux-amd64.tar.gz',
      archive: 'tar.gz',
      member: 'istioctl',
      checksum: { url: 'https://github.com/istio/istio/releases/download/1.30.3/istioctl-1.30.3-linux-amd64.tar.gz.sha256' },
    });
    expect(istioctlAssetName('1.30.3', { os: 'darwin', arch: 'amd64' })).toBe('istioctl-1.30.3-osx.tar.gz');
    expect(istioctlAssetName('1.30.3', { os: 'darwin', arch: 'arm64' })).toBe('istioctl-1.30.3-osx-arm64.tar.gz');
    expect(artifactFor(m.tools.minikube, linux)).toMatchObject({
      url: 'https://github.com/kubernetes/minikube/releases/download/v1.38.1/minikube-linux-amd64',
      checksum: { type: 'pinned', sha256: '099477eaf248bcb5bcea8ce78a2898e93ac01461c35189da1848c3de82ecd22e' },
    });
  });

  it('accepts PATH versions: kind/istioctl/minikube same minor, kubectl within skew of the node', () => {
    const ok = (name: (typeof TOOL_NAMES)[number], v: string): boolean => inRange(parseVersion(v)!, m.tools[name].accept);
    expect(ok('kind', 'v0.32.1')).toBe(true);
    expect(ok('kind', 'v0.31.0')).toBe(false);
    expect(ok('istioctl', '1.30.0')).toBe(true);
    expect(ok('istioctl', '1.29.9')).toBe(false);
    expect(ok('kubectl', 'v1.35.4')).toBe(true);
    expect(ok('kubectl', 'v1.37.0')).toBe(true);
    expect(ok('kubectl', 'v1.34.9')).toBe(false);
    expect(ok('kubectl', 'v1.38.0')).toBe(false);
    expect(kubectlSkewRange('v1.36.1')).toEqual({ min: '1.35.0', below: '1.38.0' });
  });

  it('can point every tool at a mirror (MESH_LAB_TOOLS_BASE_URL or explicit)', () => {
    const mirrored = manifestFromEnv({ MESH_LAB_TOOLS_BASE_URL: 'http://127.0.0.1:9/mirror/' });
    expect(artifactFor(mirrored.tools.kind, { os: 'linux', arch: 'arm64' }).url).toBe('http://127.0.0.1:9/mirror/kind/v0.32.0/kind-linux-arm64');
    const a = artifactFor(withBaseUrl(m, 'http://127.0.0.1:9').tools.kubectl, { os: 'linux', arch: 'amd64' });
    expect(a.checksum).toEqual({ type: 'published', url: 'http://127.0.0.1:9/kubectl/v1.36.1/bin/linux/amd64/kubectl.sha256' });
    expect(manifestFromEnv({})).toEqual(m);
  });

  it('rejects unknown tools and unsupported platforms with a ToolsError', () => {
    expect(() => toolSpec(m, 'helm')).toThrow(ToolsError);
    expect(() => detectPlatform('win32', 'x64')).toThrow(/no pinned tool downloads for win32\/x64/);
    expect(platformKey(detectPlatform('darwin', 'arm64'))).toBe('darwin-arm64');
    expect(platformKey(detectPlatform('linux', 'x64'))).toBe('linux-amd64');
  });
});
