// dockerode-backed DockerApi. dockerode (with ssh2 and protobufjs) costs ~100 ms to load,
// so it is imported on first use: `mesh-lab env` and `curl` never pay for it.
import type Docker from 'dockerode';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ContainerView, DockerApi, EngineInfo } from './docker-api.js';
import type { DockerInfo, DockerInfoSource, DockerPortSource } from './docker-source.js';
import { containerView, engineInfo } from './engine-views.js';
import { dockerUnreachable } from './unreachable.js';
import { resolveDockerEndpoint, type DockerEndpoint } from './docker-endpoint.js';
import { dockerodeOptions } from './dockerode-options.js';

export class DockerEngine implements DockerApi {
  private client: Promise<Docker> | undefined;
  readonly endpoint: DockerEndpoint;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.endpoint = resolveDockerEndpoint(env);
  }

  private get docker(): Promise<Docker> {
    this.client ??= import('dockerode').then(({ default: Dockerode }) => {
      const e = this.endpoint;
      if (e.problem) {
        const hint = e.source === 'DOCKER_HOST' ? 'set DOCKER_HOST to unix://, tcp:// or ssh://, as the docker CLI accepts' : 'fix the Docker context (`docker context ls`, `docker context use default`) or set DOCKER_HOST';
        throw new MeshLabError(ExitCode.Prerequisite, e.problem, { hint });
      }
      return new Dockerode(dockerodeOptions(e));
    });
    return this.client;
  }

  private unreachable(err: unknown): MeshLabError {
    return dockerUnreachable(this.endpoint, err);
  }

  /** The raw engine views `mesh-lab doctor` reads (ping, info, published ports). */
  doctorSource(): DockerInfoSource & DockerPortSource {
    return {
      ping: async () => (await this.docker).ping(),
      info: async () => (await (await this.docker).info()) as DockerInfo,
      listContainers: async () => (await this.docker).listContainers(),
    };
  }

  async info(): Promise<EngineInfo> {
    try {
      const docker = await this.docker;
      await docker.ping();
      const [info, version] = await Promise.all([docker.info(), docker.version()]);
      return engineInfo(info, version, this.endpoint.display);
    } catch (err) {
      throw this.unreachable(err);
    }
  }

  async inspectContainer(name: string): Promise<ContainerView | undefined> {
    try {
      const c = await (await this.docker).getContainer(name).inspect();
      return containerView(c);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw this.unreachable(err);
    }
  }
}

