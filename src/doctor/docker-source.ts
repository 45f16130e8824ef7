/**
 * The narrow Docker views doctor needs; the lead adapts src/docker/docker.ts (dockerode)
 * to them. dockerode's `ping()`, `info()` and `listContainers()` fit structurally.
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
