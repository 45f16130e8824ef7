// Fixtures for offline bundles (e2e and bench): locally made images under the names an
// environment needs (`docker import`; no registry is reachable), and the pinned tools'
// "release" served from 127.0.0.1 with published checksums, whose binaries hand over to the
// simulator. Whoever makes images removes them (removeImages).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simBin } from './harness.js';
import { tar } from '../../unit/tools/helpers/tar.js';

export const hostArch = process.arch === 'arm64' ? 'arm64' : 'amd64';

/** a tar with one file: enough for `docker import` to make an image */
function tinyRootfs(text: string): Buffer {
  return tar([{ name: 'hello.txt', data: text }]);
}

/** Makes each image locally (`docker import`), `padBytes` of content each (to give the bundle some size). */
export function makeImages(refs: readonly string[], padBytes = 0): void {
  for (const ref of refs) {
    const r = spawnSync('docker', ['import', '-', ref], { input: tinyRootfs(ref + ' '.repeat(Math.min(padBytes, 400))) });
    if (r.status !== 0) throw new Error(`docker import ${ref}: ${r.stderr}`);
  }
}

export function removeImages(refs: readonly string[]): void {
  for (const ref of refs) spawnSync('docker', ['rmi', '-f', ref]);
}

/** The images an environment for `labs` needs besides the node image (with Istio 1.30.3, profile default). */
export const ENV_IMAGES = ['docker.io/istio/pilot:1.30.3', 'docker.io/istio/proxyv2:1.30.3', 'hashicorp/http-echo:1.0'];
export const TRAFFIC_SHIFTING_IMAGES = ['docker.io/istio/examples-helloworld-v1:1.0', 'docker.io/istio/examples-helloworld-v2:1.0'];

export interface ToolsServer {
  url: string;
  close(): Promise<void>;
}

/** kind, kubectl and istioctl for linux and darwin on this machine's architecture, as MESH_LAB_TOOLS_BASE_URL expects them. */
export async function serveTools(root: string): Promise<ToolsServer> {
  const stage = join(root, 'release');
  mkdirSync(stage, { recursive: true });
  const assets = new Map<string, Buffer>();
  const script = (tool: string) => Buffer.from(`#!/bin/sh\nexec ${join(simBin, tool)} "$@"\n`);
  for (const os of ['linux', 'darwin']) {
    assets.set(`/kind/v0.32.0/kind-${os}-${hostArch}`, script('kind'));
    assets.set(`/kubectl/v1.36.1/bin/${os}/${hostArch}/kubectl`, script('kubectl'));
    const dir = join(stage, os);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'istioctl'), script('istioctl'));
    chmodSync(join(dir, 'istioctl'), 0o755);
    const asset = os === 'linux' ? `istioctl-1.30.3-linux-${hostArch}.tar.gz` : hostArch === 'arm64' ? 'istioctl-1.30.3-osx-arm64.tar.gz' : 'istioctl-1.30.3-osx.tar.gz';
    spawnSync('tar', ['-czf', join(stage, asset), '-C', dir, 'istioctl']);
    assets.set(`/istioctl/1.30.3/${asset}`, readFileSync(join(stage, asset)));
  }
  for (const [path, body] of [...assets]) {
    const hex = createHash('sha256').update(body).digest('hex');
    const name = path.split('/').pop()!;
    // kind publishes `<hex>  <name>` in .sha256sum, kubectl the bare hex in .sha256, istioctl `<hex>  <name>`
    if (path.startsWith('/kind/')) assets.set(`${path}.sha256sum`, Buffer.from(`${hex}  ${name}\n`));
    else assets.set(`${path}.sha256`, Buffer.from(path.startsWith('/kubectl/') ? hex : `${hex}  ${name}\n`));
  }
  const server = http.createServer((req, res) => {
    const body = assets.get(req.url ?? '');
    if (!body) res.statusCode = 404;
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}
