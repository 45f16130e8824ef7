import type { ToolsManifest } from '../../../../src/tools/manifest.js';
import { pinnedManifest, withBaseUrl } from '../../../../src/tools/manifest.js';
import type { Platform } from '../../../../src/tools/platform.js';
import type { TestServer } from './server.js';
import { sha256 } from './server.js';
import { tarGz } from './tar.js';

export const LINUX_AMD64: Platform = { os: 'linux', arch: 'amd64' };

export function fakeBinary(label: string, size = 64 * 1024): Buffer {
  const head = Buffer.from(`#!/bin/sh\necho "${label}"\n# `);
  const filler = Buffer.alloc(Math.max(0, size - head.length - 1), 0x61);
  return Buffer.concat([head, filler, Buffer.from('\n')]);
}

export interface ServedTools {
  manifest: ToolsManifest;
  kind: Buffer;
  istioctl: Buffer;
  istioArchive: Buffer;
  kubectl: Buffer;
  minikube: Buffer;
  paths: { kind: string; kindSum: string; istio: string; istioSum: string; kubectl: string; kubectlSum: string; minikube: string };
}

/** Serves all four pinned tools (linux-amd64) from `server` with correct checksum files. */
export function serveTools(server: TestServer, size = 64 * 1024): ServedTools {
  const manifest = withBaseUrl(pinnedManifest(), server.url);
  const kind = fakeBinary('kind v0.32.0 go1.25.0 linux/amd64', size);
  const istioctl = fakeBinary('istioctl 1.30.3', size);
  const istioArchive = tarGz([{ name: 'istioctl', data: istioctl, mode: 0o755 }]);
  const kubectl = fakeBinary('kubectl v1.36.1', size);
  const minikube = fakeBinary('minikube v1.38.1', size);
  const paths = {
    kind: '/kind/v0.32.0/kind-linux-amd64',
    kindSum: '/kind/v0.32.0/kind-linux-amd64.sha256sum',
    istio: '/istioctl/1.30.3/istioctl-1.30.3-linux-amd64.tar.gz',
    istioSum: '/istioctl/1.30.3/istioctl-1.30.3-linux-amd64.tar.gz.sha256',
    kubectl: '/kubectl/v1.36.1/bin/linux/amd64/kubectl',
    kubectlSum: '/kubectl/v1.36.1/bin/linux/amd64/kubectl.sha256',
    minikube: '/minikube/v1.38.1/minikube-linux-amd64',
  };
  server.set(paths.kind, { kind: 'file', body: kind });
  server.set(paths.kindSum, { kind: 'file', body: `${sha256(kind)}  kind-linux-amd64\n` });
  server.set(paths.istio, { kind: 'file', body: istioArchive });
  server.set(paths.istioSum, { kind: 'file', body: `${sha256(istioArchive)}  istioctl-1.30.3-linux-amd64.tar.gz\n` });
  server.set(paths.kubectl, { kind: 'file', body: kubectl });
  server.set(paths.kubectlSum, { kind: 'file', body: sha256(kubectl) });
  server.set(paths.minikube, { kind: 'file', body: minikube });
  // minikube's checksum is pinned in the manifest: pin the fake binary's hash.
  const mk = manifest.tools.minikube;
  manifest.tools.minikube = {
    ...mk,
    artifacts: { ...mk.artifacts, 'linux-amd64': { ...mk.artifacts['linux-amd64'], checksum: { type: 'pinned', sha256: sha256(minikube), source: 'test' } } },
  };
  return { manifest, kind, istioctl, istioArchive, kubectl, minikube, paths };
}
