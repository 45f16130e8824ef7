// The Gateway API release file `up --gateway-api` applies: `standard-install.yaml` of the
// pinned kubernetes-sigs/gateway-api release, fetched the way tools are (the same
// downloader, proxies and cache root; MESH_LAB_GATEWAY_API_BASE_URL points tests at a local
// release server). The release publishes no checksum file beside the asset, so the
// integrity check is on content before first use (every document is one of the standard
// channel's objects, each CRD stamped gateway.networking.k8s.io/bundle-version = the pin and
// channel = standard) and on the SHA-256 recorded at download for every later use.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { toolsCacheDir } from './cache.js';
import { downloadToFile } from './download.js';
import { ToolsError } from './errors.js';
import { PINNED_GATEWAY_API_VERSION } from './pins.js';

export const GATEWAY_API_BASE_URL_ENV = 'MESH_LAB_GATEWAY_API_BASE_URL';
const RELEASES = 'https://github.com/kubernetes-sigs/gateway-api/releases/download';
export const GATEWAY_API_ASSET = 'standard-install.yaml';

/** The standard channel's CRDs (config/crd/standard of the release, kustomization.yaml order). */
export const GATEWAY_API_CRDS = ['gatewayclasses', 'gateways', 'grpcroutes', 'httproutes', 'referencegrants', 'backendtlspolicies', 'listenersets', 'tlsroutes']
  .map((p) => `${p}.gateway.networking.k8s.io`);
/** The safe-upgrades ValidatingAdmissionPolicy and its binding share this name. */
export const GATEWAY_API_VAP = 'safe-upgrades.gateway.networking.k8s.io';

export interface ReleaseFile {
  path: string;
  version: string;
  url: string;
  fromCache: boolean;
  sha256: string;
}

export function releaseUrl(env: NodeJS.ProcessEnv = process.env, version = PINNED_GATEWAY_API_VERSION): string {
  const base = (env[GATEWAY_API_BASE_URL_ENV]?.trim() || RELEASES).replace(/\/+$/, '');
  return `${base}/${version}/${GATEWAY_API_ASSET}`;
}

/** Why `text` is not the standard-install.yaml of `version`, or undefined when it is. */
export function releaseContentProblem(text: string, version = PINNED_GATEWAY_API_VERSION): string | undefined {
  let docs: Array<Record<string, any>>;
  try {
    docs = parseAllDocuments(text).map((d) => d.toJSON()).filter((d) => d && typeof d === 'object');
  } catch (e) {
    return `it is not YAML (${(e as Error).message})`;
  }
  const crds = docs.filter((d) => d.kind === 'CustomResourceDefinition');
  for (const name of GATEWAY_API_CRDS) {
    const crd = crds.find((d) => d.metadata?.name === name);
    if (!crd) return `it lacks the CRD ${name}`;
    const a = crd.metadata?.annotations ?? {};
    if (a['gateway.networking.k8s.io/bundle-version'] !== version) return `${name} is bundle-version ${a['gateway.networking.k8s.io/bundle-version'] ?? '(none)'}, not ${version}`;
    if (a['gateway.networking.k8s.io/channel'] !== 'standard') return `${name} is of channel ${a['gateway.networking.k8s.io/channel'] ?? '(none)'}, not standard`;
  }
  const allowed = new Set([...GATEWAY_API_CRDS, GATEWAY_API_VAP]);
  const stray = docs.find((d) => !allowed.has(d.metadata?.name));
  if (stray) return `it also holds ${stray.kind} ${stray.metadata?.name ?? '(unnamed)'}, which the standard channel does not`;
  return undefined;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export async function fetchGatewayApiRelease(opts: { env?: NodeJS.ProcessEnv; allowDownload?: boolean; version?: string } = {}): Promise<ReleaseFile> {
  const env = opts.env ?? process.env;
  const version = opts.version ?? PINNED_GATEWAY_API_VERSION;
  const url = releaseUrl(env, version);
  const dir = join(toolsCacheDir(env), 'gateway-api', version);
  const file = join(dir, GATEWAY_API_ASSET);
  const record = join(dir, 'install.json');
  if (existsSync(file) && existsSync(record)) {
    const want = (JSON.parse(readFileSync(record, 'utf8')) as { sha256?: string }).sha256;
    const have = sha(readFileSync(file));
    if (want === have) return { path: file, version, url, fromCache: true, sha256: have };
    rmSync(dir, { recursive: true, force: true }); // changed since it was checked: fetch again
  }
  if (opts.allowDownload === false) {
    throw new ToolsError('missing-tools', `the Gateway API ${version} release file is not in mesh-lab's cache and --no-download forbids fetching it from ${url}`);
  }
  mkdirSync(dir, { recursive: true });
  const partial = join(dirname(file), `.${GATEWAY_API_ASSET}.${process.pid}.partial`);
  rmSync(partial, { force: true });
  const got = await downloadToFile(url, partial, { env, maxBytes: 16 * 1024 * 1024 });
  const problem = releaseContentProblem(readFileSync(partial, 'utf8'), version);
  if (problem) {
    rmSync(partial, { force: true });
    throw new ToolsError('checksum-mismatch', `${url} is not the Gateway API ${version} standard-install.yaml: ${problem}; the file was discarded`);
  }
  renameSync(partial, file);
  writeFileSync(record, `${JSON.stringify({ url: got.finalUrl, sha256: got.sha256, bytes: got.bytes, fetchedAt: new Date().toISOString() }, null, 2)}\n`);
  return { path: file, version, url, fromCache: false, sha256: got.sha256 };
}
