// The one message for "Docker did not answer", whichever client (dockerode or the
// node:http socket client) asked, so the user sees the same words and the same fix.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { DockerEndpoint } from './docker-endpoint.js';

export function dockerUnreachable(endpoint: DockerEndpoint, err: unknown): MeshLabError {
  // an unusable Docker context is already said in full where it was found
  if (err instanceof MeshLabError) return err;
  const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
  return new MeshLabError(ExitCode.Prerequisite, `Docker is not reachable at ${endpoint.display}${endpoint.source.startsWith('context ') ? ` (${endpoint.source})` : ''} (${reason})`, {
    hint: 'start Docker (Docker Desktop, or `sudo systemctl start docker`), or point DOCKER_HOST or the Docker context (`docker context use`) at a running engine',
    detail: String((err as Error).stack ?? err),
    cause: err,
  });
}
