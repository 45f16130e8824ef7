// The Docker engine over its unix socket with node:http, for the common local case. `up`
// asks Docker five small questions (ping, info, version, a container list, one inspect);
// loading dockerode (with ssh2 and protobufjs) to ask them costs ≈100 ms, the questions
// ≈10 ms. tcp://, TLS and ssh:// endpoints, and unusable configurations, still go through
// dockerode (docker-engine.ts), which handles them.
// Engine API paths (docker/docs api/version-history, moby api/swagger.yaml): GET /_ping,
// /info, /version, /containers/json?all=1&filters=<json>, /containers/{id}/json (404: no
// such container). Unversioned paths get the daemon's own API version, as dockerode sends.
import http from 'node:http';
import type { ContainerInspectInfo } from 'dockerode';
import type { MeshLabError } from '../errors/mesh-lab-error.js';
import type { DockerContainerSummary, DockerInfo, DockerInfoSource, DockerPortSource } from './docker-source.js';
import type { ContainerView, DockerApi, EngineInfo } from './docker-api.js';
import { DockerEngine } from './docker-engine.js';
import { containerView, engineInfo } from './engine-views.js';
import { dockerUnreachable } from './unreachable.js';
import { resolveDockerEndpoint, type DockerEndpoint } from './docker-endpoint.js';

/** The engine API's own error, shaped as dockerode's (statusCode, "(HTTP code N) ..."). */
export class DockerHttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(`(HTTP code ${statusCode}) ${message}`);
  }
}

// as dockerode-options.ts gives dockerode
const TIMEOUT_MS = 15_000;

function request(socketPath: string, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.get({ socketPath, path, headers: { host: 'docker' }, timeout: TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        let body: unknown = text;
        if ((res.headers['content-type'] ?? '').includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            // keep the text
          }
        }
        if (status >= 200 && status < 300) return resolve(body);
        const message = typeof body === 'object' && body !== null && typeof (body as { message?: unknown }).message === 'string' ? (body as { message: string }).message : text.trim();
        reject(new DockerHttpError(status, message || (res.statusMessage ?? 'error')));
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${socketPath} within ${TIMEOUT_MS / 1000}s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
  });
}

export class SocketDocker implements DockerApi {
  constructor(
    readonly endpoint: DockerEndpoint & { socketPath: string },
    private readonly get: (path: string) => Promise<unknown> = (p) => request(endpoint.socketPath, p),
  ) {}

  private unreachable(err: unknown): MeshLabError {
    return dockerUnreachable(this.endpoint, err);
  }

  doctorSource(): DockerInfoSource & DockerPortSource {
    return {
      ping: () => this.get('/_ping'),
      info: async () => (await this.get('/info')) as DockerInfo,
      listContainers: async () => (await this.get('/containers/json')) as DockerContainerSummary[],
    };
  }

  async info(): Promise<EngineInfo> {
    try {
      await this.get('/_ping');
      const [info, version] = (await Promise.all([this.get('/info'), this.get('/version')])) as [Record<string, unknown>, Record<string, unknown>];
      return engineInfo(info, version, this.endpoint.display);
    } catch (err) {
      throw this.unreachable(err);
    }
  }

  async inspectContainer(name: string): Promise<ContainerView | undefined> {
    try {
      return containerView((await this.get(`/containers/${encodeURIComponent(name)}/json`)) as ContainerInspectInfo);
    } catch (err) {
      if (err instanceof DockerHttpError && err.statusCode === 404) return undefined;
      throw this.unreachable(err);
    }
  }

}

/** node:http over the socket for a local unix socket; dockerode for every other endpoint. */
export function dockerApiFor(env: NodeJS.ProcessEnv = process.env): DockerApi {
  const endpoint = resolveDockerEndpoint(env);
  if (endpoint.socketPath !== undefined && !endpoint.problem) return new SocketDocker({ ...endpoint, socketPath: endpoint.socketPath });
  return new DockerEngine(env);
}

