/**
 * The raw Docker engine views `mesh-lab doctor` reads (ping, info, published ports), in the
 * engine API's own field names. DockerEngine.doctorSource() (docker-engine.ts) hands out
 * dockerode's `ping()`, `info()` and `listContainers()`, which fit structurally.
 */
export interface DockerInfo {
  NCPU: number;
  MemTotal: number;
  ServerVersion: string;
  OperatingSystem?: string;
  /** e.g. ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"] */
  SecurityOptions?: string[];
}

export interface DockerInfoSource {
  ping(): Promise<unknown>;
  info(): Promise<DockerInfo>;
}

export interface DockerPort {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: string;
}

export interface DockerContainerSummary {
  Id?: string;
  Names?: string[];
  Ports?: DockerPort[];
}

export interface DockerPortSource {
  listContainers(): Promise<DockerContainerSummary[]>;
}
