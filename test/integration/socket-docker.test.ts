// SocketDocker (node:http over the unix socket) against dockerode's DockerEngine, on the
// real engine: the same answers for info, inspect, list and a missing container, and the
// same one-line error when nothing listens on the socket.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DockerEngine } from '../../src/docker/docker-engine.js';
import { resolveDockerEndpoint } from '../../src/docker/docker-endpoint.js';
import { dockerApiFor, SocketDocker } from '../../src/docker/socket-docker.js';
import { MeshLabError } from '../../src/errors/mesh-lab-error.js';
import { describeDocker, simNodeImage } from '../support/docker-available.js';

const label = `dev.mesh-lab.test.socket-docker=${randomBytes(4).toString('hex')}`;
const name = `mesh-lab-socket-docker-${randomBytes(4).toString('hex')}`;
const docker = new Docker();

describeDocker('SocketDocker', () => {
  const engine = new DockerEngine(process.env);
  let socket: SocketDocker;

  beforeAll(async () => {
    const endpoint = resolveDockerEndpoint(process.env);
    if (!endpoint.socketPath) throw new Error(`this test needs Docker on a unix socket, not ${endpoint.display}`);
    socket = new SocketDocker({ ...endpoint, socketPath: endpoint.socketPath });
    const [k, v] = label.split('=') as [string, string];
    const c = await docker.createContainer({
      name,
      Image: simNodeImage(),
      Cmd: ['node', '-e', 'setTimeout(() => {}, 3600e3)'],
      Labels: { [k]: v },
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] } },
    });
    await c.start();
  });
  afterAll(async () => {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
  });

  it('is the client for a local socket', () => {
    expect(dockerApiFor(process.env)).toBeInstanceOf(SocketDocker);
    expect(dockerApiFor({ ...process.env, DOCKER_HOST: 'tcp://127.0.0.1:9' })).toBeInstanceOf(DockerEngine);
  });

  it('answers info as dockerode does', async () => {
    expect(await socket.info()).toEqual(await engine.info());
  });

  it('inspects a container as dockerode does: ports on 127.0.0.1, networks, labels, running', async () => {
    const view = await socket.inspectContainer(name);
    expect(view).toEqual(await engine.inspectContainer(name));
    expect(view?.running).toBe(true);
    expect(view?.ports.find((p) => p.containerPort === 8080)?.hostIp).toBe('127.0.0.1');
  });

  it('answers undefined for a missing container, as dockerode does', async () => {
    expect(await socket.inspectContainer(`${name}-missing`)).toBeUndefined();
    expect(await engine.inspectContainer(`${name}-missing`)).toBeUndefined();
  });


  it("gives doctor the engine's own ping, info and container list", async () => {
    const a = socket.doctorSource();
    const b = engine.doctorSource();
    expect(String(await a.ping())).toBe(String(await b.ping()));
    expect((await a.info()).NCPU).toBe((await b.info()).NCPU);
    const names = (cs: Array<{ Names?: string[] }>) => cs.flatMap((c) => c.Names ?? []).filter((n) => n === `/${name}`);
    expect(names(await a.listContainers())).toEqual(names(await b.listContainers()));
  });

  it('fails with the same one line as dockerode when nothing answers on the socket', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-socket-'));
    const path = join(dir, 'docker.sock');
    // a socket file whose listener is gone: connect() is refused
    const server: Server = createServer();
    await new Promise<void>((r) => server.listen(path, r));
    await new Promise<void>((r) => server.close(() => r()));
    try {
      const env = { ...process.env, DOCKER_HOST: `unix://${path}` };
      const viaSocket = await new SocketDocker({ ...resolveDockerEndpoint(env), socketPath: path }).info().catch((e: unknown) => e);
      const viaDockerode = await new DockerEngine(env).info().catch((e: unknown) => e);
      expect(viaSocket).toBeInstanceOf(MeshLabError);
      expect((viaSocket as MeshLabError).message).toBe((viaDockerode as MeshLabError).message);
      expect((viaSocket as MeshLabError).exitCode).toBe((viaDockerode as MeshLabError).exitCode);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
