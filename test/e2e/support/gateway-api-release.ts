// The gateway-api v1.5.1 release as mesh-lab downloads it (`standard-install.yaml`), served on
// 127.0.0.1 from the test fixture: point MESH_LAB_GATEWAY_API_BASE_URL at `base`.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

export const GATEWAY_API_FIXTURE = readFileSync(resolve(import.meta.dirname, '../../fixtures/gateway-api-v1.5.1/standard-install.yaml'));

export interface GatewayApiRelease {
  base: string;
  /** every path asked for, in order (clear it with `requests.length = 0`) */
  requests: string[];
  close(): Promise<void>;
}

export async function serveGatewayApiRelease(): Promise<GatewayApiRelease> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/v1.5.1/standard-install.yaml') return res.end(GATEWAY_API_FIXTURE);
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
