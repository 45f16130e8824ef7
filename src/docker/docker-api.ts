// The narrow view of the Docker engine mesh-lab needs. The real implementation is
// dockerode (docker-engine.ts); unit tests use a fake.
export interface PortBinding {
  containerPort: number;
  protocol: string;
  hostIp: string;
  hostPort: number;
}

export interface ContainerView {
  id: string;
  name: string;
  running: boolean;
  labels: Record<string, string>;
  ports: PortBinding[];
  /** network name -> the container's IPv4 address on it */
  networks: Record<string, string>;
}

export interface EngineInfo {
  serverVersion: string;
  apiVersion: string;
  cpus: number;
  memoryBytes: number;
  /** where we connected: unix:///var/run/docker.sock, tcp://... */
  endpoint: string;
}

import type { DockerInfoSource, DockerPortSource } from './docker-source.js';

export interface DockerApi {
  /** the raw engine views `mesh-lab doctor` reads */
  doctorSource(): DockerInfoSource & DockerPortSource;
  /** throws a MeshLabError (Prerequisite) when the engine cannot be reached */
  info(): Promise<EngineInfo>;
  inspectContainer(name: string): Promise<ContainerView | undefined>;
}
