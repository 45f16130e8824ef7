// The engine's answers reduced to what mesh-lab reads: a container's ports, networks and
// labels, and the engine's version and size. One function each for both clients: dockerode
// and the node:http socket client get the same JSON from the same API endpoints.
import type { ContainerInspectInfo } from 'dockerode';
import type { ContainerView, EngineInfo, PortBinding } from './docker-api.js';

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

/** `GET /info` and `GET /version` as the doctor and preflight read them. */
export function engineInfo(info: { NCPU?: unknown; MemTotal?: unknown }, version: { Version?: unknown; ApiVersion?: unknown }, endpoint: string): EngineInfo {
  return {
    serverVersion: String(version.Version),
    apiVersion: String(version.ApiVersion),
    cpus: Number(info.NCPU),
    memoryBytes: Number(info.MemTotal),
    endpoint,
  };
}
