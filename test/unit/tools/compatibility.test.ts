import { describe, expect, it } from 'vitest';
import { ISTIO_KUBERNETES_SUPPORT, istioSupportsKubernetes, kindDefaultNodeImage, kubectlSkew, kubernetesVersionOfNodeImage } from '../../../src/tools/compatibility.js';
import { providers } from '../../../src/providers/registry.js';
import { pinnedManifest } from '../../../src/tools/manifest.js';

describe('Istio ↔ Kubernetes', () => {
  it('Istio 1.30 supports Kubernetes 1.32–1.36', () => {
    expect(istioSupportsKubernetes('1.30.3', 'v1.36.1')).toMatchObject({ status: 'supported' });
    expect(istioSupportsKubernetes('1.30.0', '1.32.0')).toMatchObject({ status: 'supported' });
    expect(istioSupportsKubernetes('1.30.3', 'v1.31.9')).toMatchObject({ status: 'too-old', range: { min: '1.32', max: '1.36' } });
    expect(istioSupportsKubernetes('1.30.3', 'v1.37.0')).toMatchObject({ status: 'newer-than-tested' });
    expect(istioSupportsKubernetes('1.29.2', 'v1.36.1')).toMatchObject({ status: 'newer-than-tested' });
    expect(istioSupportsKubernetes('1.12.0', 'v1.22.0')).toEqual({ status: 'unknown-istio' });
    expect(istioSupportsKubernetes('x', 'v1.22.0')).toEqual({ status: 'unparseable' });
  });

  it('the pinned combination is supported (kind node image and minikube default)', () => {
    const m = pinnedManifest();
    expect(istioSupportsKubernetes(m.istioVersion, kubernetesVersionOfNodeImage(m.kindNodeImage)!).status).toBe('supported');
    expect(istioSupportsKubernetes(m.istioVersion, 'v1.35.1').status).toBe('supported');
    expect(kindDefaultNodeImage(m.tools.kind.version)).toBe(m.kindNodeImage);
  });

  it('table rows are ordered and ranges are sane', () => {
    for (const r of ISTIO_KUBERNETES_SUPPORT) expect(Number(r.kubernetes.max.split('.')[1])).toBeGreaterThanOrEqual(Number(r.kubernetes.min.split('.')[1]));
  });
});

describe('kubectl skew', () => {
  it('allows ±1 minor', () => {
    expect(kubectlSkew('v1.36.1', 'v1.36.0')).toEqual({ diff: 0, ok: true });
    expect(kubectlSkew('v1.37.0', 'v1.36.0')).toEqual({ diff: 1, ok: true });
    expect(kubectlSkew('v1.35.0', 'v1.36.0')).toEqual({ diff: -1, ok: true });
    expect(kubectlSkew('v1.34.0', 'v1.36.0')).toEqual({ diff: -2, ok: false });
    expect(kubectlSkew('nope', 'v1.36.0')).toBeUndefined();
  });
});

describe('resource needs', () => {
  it("minikube: minikube's own minimums (2 CPUs, 1800 MB), mesh-lab's floor of 4 CPUs / 8 GB recommended", () => {
    // each provider's needs live in its definition (src/providers/<name>/index.ts)
    const RESOURCE_NEEDS = { minikube: providers.get('minikube').resourceNeeds! };
    expect(RESOURCE_NEEDS.minikube).toMatchObject({ minCpus: 2, minMemoryGiB: 1800 / 1024, recommendedCpus: 4, recommendedMemoryGiB: 8 });
    expect(RESOURCE_NEEDS.minikube.source).toMatch(/--memory=16384 --cpus=4/);
  });
});
