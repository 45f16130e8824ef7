import type { ContainerView, DockerApi, EngineInfo } from '../../../src/docker/docker-api.js';

export class FakeDocker implements DockerApi {
  constructor(
    public containers: ContainerView[] = [],
    public engine: EngineInfo | Error = { serverVersion: '28.2.2', apiVersion: '1.50', cpus: 4, memoryBytes: 8 * 2 ** 30, endpoint: 'unix:///var/run/docker.sock' },
  ) {}
  doctorSource() {
    return {
      ping: async () => this.info(),
      info: async () => {
        const e = await this.info();
        return { NCPU: e.cpus, MemTotal: e.memoryBytes, ServerVersion: e.serverVersion };
      },
      listContainers: async () => [],
    };
  }
  async info(): Promise<EngineInfo> {
    if (this.engine instanceof Error) throw this.engine;
    return this.engine;
  }
  async inspectContainer(name: string): Promise<ContainerView | undefined> {
    return this.containers.find((c) => c.name === name || c.id === name);
  }
}

export function kindNode(cluster: string, ports: Array<[containerPort: number, hostPort: number]>, opts: { running?: boolean; ip?: string; hostIp?: string } = {}): ContainerView {
  return {
    id: `id-${cluster}`,
    name: `${cluster}-control-plane`,
    running: opts.running ?? true,
    labels: { 'io.x-k8s.kind.cluster': cluster, 'io.x-k8s.kind.role': 'control-plane' },
    ports: [
      { containerPort: 6443, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 40873 },
      ...ports.map(([c, h]) => ({ containerPort: c, protocol: 'tcp', hostIp: opts.hostIp ?? '127.0.0.1', hostPort: h })),
    ],
    networks: { kind: opts.ip ?? '172.18.0.2' },
  };
}
