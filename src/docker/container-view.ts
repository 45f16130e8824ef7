// The engine's container inspect answer reduced to what mesh-lab reads (ports, networks,
// labels). One function for both clients: dockerode and the node:http socket client get
// the same JSON from the same API endpoint.
import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerView, PortBinding } from './docker-api.js';

export function containerView(c: ContainerInspectInfo): ContainerView {
  const ports: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(c.NetworkSettings?.Ports ?? {})) {
    const [portText, protocol = 'tcp'] = key.split('/');
    for (const b of bindings ?? []) {
      ports.push({ containerPort: Number(portText), protocol, hostIp: b.HostIp, hostPort: Number(b.HostPort) });
    }
  }
  const networks: Record<string, string> = {};
  for (const [name, n] of Object.entries(c.NetworkSettings?.Networks ?? {})) networks[name] = n.IPAddress;
  return {
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    running: Boolean(c.State?.Running),
    labels: c.Config?.Labels ?? {},
    ports,
    networks,
  };
}
