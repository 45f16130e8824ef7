// The Gateway API release file: URL, content check, cache with recorded SHA-256, --no-download.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchGatewayApiRelease, releaseContentProblem, releaseUrl } from '../../../src/tools/gateway-api-release.js';
import { startServer, type TestServer } from './helpers/server.js';

const FIXTURE = readFileSync(resolve(import.meta.dirname, '../../fixtures/gateway-api-v1.5.1/standard-install.yaml'), 'utf8');
const ASSET = '/v1.5.1/standard-install.yaml';
let server: TestServer;
let base: string;
const hits = () => server.hits.get(ASSET) ?? 0;
const serve = (body: string) => server.set(ASSET, { kind: 'file', body });
const home = mkdtempSync(join(tmpdir(), 'meshlab-gwapi-'));

beforeAll(async () => {
  server = await startServer();
  serve(FIXTURE);
  base = server.url;
});
afterAll(async () => {
  await server.close();
  rmSync(home, { recursive: true, force: true });
});

describe('Gateway API release file', () => {
  it('points at the pinned release asset, or the override', () => {
    expect(releaseUrl({})).toBe('https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.5.1/standard-install.yaml');
    expect(releaseUrl({ MESH_LAB_GATEWAY_API_BASE_URL: 'http://127.0.0.1:9/x/' })).toBe('http://127.0.0.1:9/x/v1.5.1/standard-install.yaml');
  });

  it('accepts the standard channel of v1.5.1 and names what is wrong otherwise', () => {
    expect(releaseContentProblem(FIXTURE)).toBeUndefined();
    expect(releaseContentProblem(FIXTURE.replaceAll('bundle-version: v1.5.1', 'bundle-version: v1.4.0'))).toBe('gatewayclasses.gateway.networking.k8s.io is bundle-version v1.4.0, not v1.5.1');
    expect(releaseContentProblem(FIXTURE.replaceAll('channel: standard', 'channel: experimental'))).toMatch(/is of channel experimental, not standard$/);
    expect(releaseContentProblem('<html>rate limited</html>')).toBe('it lacks the CRD gatewayclasses.gateway.networking.k8s.io');
    expect(releaseContentProblem(`${FIXTURE}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n`)).toBe('it also holds ConfigMap extra, which the standard channel does not');
  });

  it('downloads once, then serves the cache; a changed cache file is fetched again; --no-download refuses', async () => {
    const env = { MESH_LAB_HOME: home, MESH_LAB_GATEWAY_API_BASE_URL: base };
    const first = await fetchGatewayApiRelease({ env });
    expect(first).toMatchObject({ fromCache: false, version: 'v1.5.1' });
    expect(readFileSync(first.path, 'utf8')).toBe(FIXTURE);
    const again = await fetchGatewayApiRelease({ env });
    expect(again.fromCache).toBe(true);
    expect(hits()).toBe(1);
    writeFileSync(first.path, `${FIXTURE}# tampered\n`);
    expect((await fetchGatewayApiRelease({ env })).fromCache).toBe(false);
    expect(hits()).toBe(2);
    await expect(fetchGatewayApiRelease({ env: { MESH_LAB_HOME: join(home, 'empty'), MESH_LAB_GATEWAY_API_BASE_URL: base }, allowDownload: false })).rejects.toThrow(/not in mesh-lab's cache and --no-download forbids fetching it/);
  });

  it('discards a download that is not the release file', async () => {
    serve('not yaml: [');
    const env = { MESH_LAB_HOME: join(home, 'bad'), MESH_LAB_GATEWAY_API_BASE_URL: base };
    await expect(fetchGatewayApiRelease({ env })).rejects.toThrow(/is not the Gateway API v1\.5\.1 standard-install\.yaml: .*; the file was discarded/);
    serve(FIXTURE);
  });
});
