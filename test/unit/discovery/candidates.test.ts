import { describe, expect, it } from 'vitest';
import { ingressCandidates } from '../../../src/discovery/candidates.js';
import { gatewayEnv, shellExports } from '../../../src/discovery/gateway-env.js';
import type { NodeObject, ServiceObject } from '../../../src/kube/objects.js';
import type { HostEndpoint } from '../../../src/providers/provider.js';

const ports = [
  { name: 'status-port', port: 15021, targetPort: 15021, nodePort: 30021 },
  { name: 'http2', port: 80, targetPort: 8080, nodePort: 31380 },
  { name: 'https', port: 443, targetPort: 8443, nodePort: 31390 },
];
const svc = (type: string, lb?: { ip?: string; hostname?: string }): ServiceObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'istio-ingressgateway', namespace: 'istio-system' },
  spec: { type, ports },
  status: { loadBalancer: lb ? { ingress: [lb] } : {} },
});
const node: NodeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'mesh-lab-control-plane' }, status: { addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: 'mesh-lab-control-plane' }] } };
const kindMapping = async (nodePort: number): Promise<HostEndpoint | undefined> =>
  ({ 31380: { host: '127.0.0.1', port: 31380, source: 'kind-port-mapping', reason: 'mapped', nodeIP: '172.18.0.2' }, 31390: { host: '127.0.0.1', port: 31390, source: 'kind-port-mapping', reason: 'mapped' } })[nodePort];

describe('ingress candidates', () => {
  it('NodePort on kind: the mapped 127.0.0.1 port first, then the node InternalIP', async () => {
    const c = await ingressCandidates({ service: svc('NodePort'), nodes: [node], nodePortEndpoint: kindMapping });
    expect(c.map((x) => [x.source, x.host, x.port, x.securePort])).toEqual([
      ['kind-port-mapping', '127.0.0.1', 31380, 31390],
      ['node-ip', '172.18.0.2', 31380, 31390],
    ]);
    expect(gatewayEnv(c[0]!)).toEqual({ INGRESS_HOST: '127.0.0.1', INGRESS_PORT: '31380', SECURE_INGRESS_PORT: '31390', GATEWAY_URL: '127.0.0.1:31380' });
  });

  it('a load-balancer IP comes first, with the Service ports (Istio docs)', async () => {
    const c = await ingressCandidates({ service: svc('LoadBalancer', { ip: '172.18.255.200' }), nodes: [node], nodePortEndpoint: kindMapping });
    expect(c[0]).toMatchObject({ source: 'load-balancer', host: '172.18.255.200', port: 80, securePort: 443 });
    expect(c[1]!.source).toBe('kind-port-mapping');
  });

  it('a load-balancer hostname is used as INGRESS_HOST', async () => {
    const c = await ingressCandidates({ service: svc('LoadBalancer', { hostname: 'a1.elb.example.com' }), nodes: [], nodePortEndpoint: async () => undefined });
    expect(gatewayEnv(c[0]!)).toMatchObject({ INGRESS_HOST: 'a1.elb.example.com', INGRESS_PORT: '80', GATEWAY_URL: 'a1.elb.example.com:80' });
  });

  it('a pending load balancer falls back to NodePorts and says so', async () => {
    const c = await ingressCandidates({ service: svc('LoadBalancer'), nodes: [node], nodePortEndpoint: kindMapping });
    expect(c[0]).toMatchObject({ source: 'kind-port-mapping', port: 31380 });
    expect(c[0]!.reason).toMatch(/load balancer pending/);
  });

  it('a ClusterIP gateway yields no direct candidate', async () => {
    expect(await ingressCandidates({ service: svc('ClusterIP'), nodes: [node], nodePortEndpoint: kindMapping })).toEqual([]);
  });

  it('IPv6 hosts are bracketed in GATEWAY_URL and exports are shell-safe', () => {
    expect(gatewayEnv({ host: '::1', port: 8080, source: 'x', reason: 'y' }).GATEWAY_URL).toBe('[::1]:8080');
    expect(shellExports({ A: 'x y', B: "it's" })).toBe("export A='x y'\nexport B='it'\\''s'");
  });
});
