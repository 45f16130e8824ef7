// Docker endpoint resolution against fixture config dirs laid out as docker/cli's
// cli/context/store writes them: <config>/config.json {"currentContext"},
// <config>/contexts/meta/<sha256(name)>/meta.json, <config>/contexts/tls/<sha256(name)>/docker/*.pem.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDockerEndpoint } from '../../../src/docker/docker-endpoint.js';
import { dockerodeOptions } from '../../../src/docker/dockerode-options.js';

let home: string;
const noSockets = { exists: () => false };

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'mesh-lab-docker-'));
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function writeContext(configDir: string, name: string, endpoint: Record<string, unknown>, tls?: Record<string, string>) {
  const meta = join(configDir, 'contexts', 'meta', sha(name));
  mkdirSync(meta, { recursive: true });
  writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Metadata: { Description: '' }, Endpoints: { docker: endpoint } }));
  if (tls) {
    const dir = join(configDir, 'contexts', 'tls', sha(name), 'docker');
    mkdirSync(dir, { recursive: true });
    for (const [f, v] of Object.entries(tls)) writeFileSync(join(dir, f), v);
  }
}

function setCurrent(configDir: string, name: string) {
  mkdirSync(configDir, { recursive: true });
  writeFileSync(join(configDir, 'config.json'), JSON.stringify({ auths: {}, currentContext: name }));
}

const resolve = (env: NodeJS.ProcessEnv) => resolveDockerEndpoint(env, { home });

describe('resolveDockerEndpoint', () => {
  it('uses the current context of ~/.docker/config.json and its stored host', () => {
    const dir = join(home, '.docker');
    writeContext(dir, 'colima', { Host: `unix://${home}/.colima/default/docker.sock`, SkipTLSVerify: false });
    setCurrent(dir, 'colima');
    const e = resolve({});
    expect(e).toMatchObject({ socketPath: `${home}/.colima/default/docker.sock`, source: 'context colima' });
    expect(e.problem).toBeUndefined();
  });

  it('DOCKER_CONTEXT wins over currentContext; DOCKER_HOST wins over both', () => {
    const dir = join(home, '.docker');
    writeContext(dir, 'a', { Host: 'unix:///run/a.sock' });
    writeContext(dir, 'b', { Host: 'unix:///run/b.sock' });
    setCurrent(dir, 'a');
    expect(resolve({ DOCKER_CONTEXT: 'b' }).socketPath).toBe('/run/b.sock');
    expect(resolve({ DOCKER_CONTEXT: 'b', DOCKER_HOST: 'unix:///run/env.sock' })).toMatchObject({ socketPath: '/run/env.sock', source: 'DOCKER_HOST' });
  });

  it('DOCKER_CONFIG moves the config dir', () => {
    const dir = join(home, 'elsewhere');
    writeContext(dir, 'remote', { Host: 'tcp://10.1.2.3:2375' });
    setCurrent(dir, 'remote');
    expect(resolve({ DOCKER_CONFIG: dir })).toMatchObject({ host: '10.1.2.3', port: 2375, protocol: 'http' });
  });

  it('a TLS context gets https and its ca/cert/key, and SkipTLSVerify', () => {
    const dir = join(home, '.docker');
    writeContext(dir, 'secure', { Host: 'tcp://docker.example:2376', SkipTLSVerify: true }, { 'ca.pem': 'CA', 'cert.pem': 'CERT', 'key.pem': 'KEY' });
    setCurrent(dir, 'secure');
    const e = resolve({});
    expect(e).toMatchObject({ host: 'docker.example', port: 2376, protocol: 'https' });
    expect(e.tls?.ca?.toString()).toBe('CA');
    expect(e.tls?.cert?.toString()).toBe('CERT');
    expect(e.tls?.key?.toString()).toBe('KEY');
    expect(e.tls?.skipVerify).toBe(true);
    const o = dockerodeOptions(e);
    expect(o).toMatchObject({ host: 'docker.example', port: 2376, protocol: 'https' });
    expect(String(o.ca)).toBe('CA');
    expect(String(o.cert)).toBe('CERT');
    expect(String(o.key)).toBe('KEY');
    expect((o.agent as { options: { rejectUnauthorized?: boolean } }).options.rejectUnauthorized).toBe(false);
  });

  it('a verified TLS context has no insecure agent', () => {
    const dir = join(home, '.docker');
    writeContext(dir, 'secure', { Host: 'tcp://docker.example:2376', SkipTLSVerify: false }, { 'ca.pem': 'CA' });
    setCurrent(dir, 'secure');
    const o = dockerodeOptions(resolve({}));
    expect(o.protocol).toBe('https');
    expect(o.agent).toBeUndefined();
  });

  it('a current context that does not exist is a problem, not a silent fallback', () => {
    setCurrent(join(home, '.docker'), 'gone');
    const e = resolve({});
    expect(e.problem).toMatch(/Docker context "gone" does not exist/);
    expect(e.problem).toMatch(/currentContext/);
  });

  it('the "default" context and no config fall back to the usual sockets, /var/run/docker.sock first', () => {
    setCurrent(join(home, '.docker'), 'default');
    expect(resolveDockerEndpoint({}, { home, fs: { read: () => undefined, ...noSockets } })).toMatchObject({ socketPath: '/var/run/docker.sock', source: 'default' });
    const colima = join(home, '.colima', 'default', 'docker.sock');
    expect(resolveDockerEndpoint({}, { home, fs: { read: () => undefined, exists: (p) => p === colima } }).socketPath).toBe(colima);
  });

  it('DOCKER_HOST with DOCKER_TLS_VERIFY reads certificates from DOCKER_CERT_PATH', () => {
    const certs = join(home, 'certs');
    mkdirSync(certs);
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, f), f);
    const e = resolve({ DOCKER_HOST: 'tcp://192.0.2.7:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(e).toMatchObject({ host: '192.0.2.7', port: 2376, protocol: 'https' });
    expect(e.tls?.skipVerify).toBe(false);
    expect(e.tls?.cert?.toString()).toBe('cert.pem');
  });

  it('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH reads the config dir; DOCKER_TLS alone skips verification', () => {
    const dir = join(home, '.docker');
    mkdirSync(dir);
    writeFileSync(join(dir, 'ca.pem'), 'CA');
    expect(resolve({ DOCKER_HOST: 'tcp://192.0.2.7:2376', DOCKER_TLS_VERIFY: '1' }).tls?.ca?.toString()).toBe('CA');
    expect(resolve({ DOCKER_HOST: 'tcp://192.0.2.7:2376', DOCKER_TLS: '1' }).tls?.skipVerify).toBe(true);
  });

  it('parses hosts as the docker CLI does (opts/hosts.go)', () => {
    expect(resolve({ DOCKER_HOST: 'tcp://192.0.2.7' })).toMatchObject({ port: 2375, protocol: 'http' });
    expect(resolve({ DOCKER_HOST: '192.0.2.7:1234' })).toMatchObject({ host: '192.0.2.7', port: 1234 });
    expect(resolve({ DOCKER_HOST: 'tcp://[::1]:2375' })).toMatchObject({ host: '::1', port: 2375 });
    expect(resolve({ DOCKER_HOST: 'ssh://me@box:2222' })).toMatchObject({ protocol: 'ssh', host: 'box', port: 2222, username: 'me' });
    expect(resolve({ DOCKER_HOST: 'http://box:2375' }).problem).toMatch(/unsupported Docker host/);
  });
});
