// A resolved Docker endpoint as dockerode (docker-modem) options, TLS material included.
import { Agent } from 'node:https';
import type { DockerOptions } from 'dockerode';
import type { DockerEndpoint } from './docker-endpoint.js';

const TIMEOUT_MS = 15_000;

/** dockerode hands every option to docker-modem, which also takes `agent` (its types omit it). */
export type EngineOptions = DockerOptions & { agent?: Agent };

export function dockerodeOptions(e: DockerEndpoint): EngineOptions {
  if (e.socketPath) return { socketPath: e.socketPath, timeout: TIMEOUT_MS };
  if (e.protocol === 'ssh') return { protocol: 'ssh', host: e.host!, port: e.port!, ...(e.username ? { username: e.username } : {}), timeout: TIMEOUT_MS };
  const tls = e.tls;
  const material = { ...(tls?.ca ? { ca: tls.ca } : {}), ...(tls?.cert ? { cert: tls.cert } : {}), ...(tls?.key ? { key: tls.key } : {}) };
  return {
    host: e.host!,
    port: e.port!,
    protocol: e.protocol === 'https' ? 'https' : 'http',
    ...material,
    // docker-modem passes only ca/cert/key to https.request; skipping verification (a
    // context's SkipTLSVerify, DOCKER_TLS without DOCKER_TLS_VERIFY) needs an agent
    ...(tls?.skipVerify ? { agent: new Agent({ ...material, rejectUnauthorized: false }) } : {}),
    timeout: TIMEOUT_MS,
  };
}
