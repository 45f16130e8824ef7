import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDockerReachable, checkDockerResources, checkDockerVersion, checkHostPort, checkIstioKubernetes, checkKubeconfig, checkKubectlSkew, checkToolPlan } from '../../../src/doctor/checks.js';
import { findPortHoldersLinux, findPortHoldersLsof, parseProcNetTcp, probePort } from '../../../src/doctor/port-holder.js';
import type { DockerInfo } from '../../../src/docker/docker-source.js';
import { formatReport, makeReport, doctorExitCode } from '../../../src/doctor/types.js';
import { tempDir } from '../tools/helpers/fs.js';

const GiB = 1024 ** 3;
const info = (over: Partial<DockerInfo> = {}): DockerInfo => ({ NCPU: 8, MemTotal: 16 * GiB, ServerVersion: '27.3.1', OperatingSystem: 'Ubuntu 24.04', ...over });
const down = { ping: async () => Promise.reject(Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' })), info: async () => info() };

function oneLine(r: { summary: string; fix?: string }): void {
  expect(r.summary).not.toContain('\n');
  if (r.fix) expect(r.fix).not.toContain('\n');
}

describe('docker checks', () => {
  it('passes when ping answers', async () => {
    const r = await checkDockerReachable({ ping: async () => 'OK', info: async () => info() }, { env: {} });
    expect(r.status).toBe('pass');
  });

  it('points at an existing rootless / Desktop socket when the default one is dead', async () => {
    const r = await checkDockerReachable(down, { env: { XDG_RUNTIME_DIR: '/run/user/1000' }, home: '/home/u', exists: async (p) => p === '/run/user/1000/docker.sock' });
    expect(r).toMatchObject({ status: 'fail', fix: 'export DOCKER_HOST=unix:///run/user/1000/docker.sock' });
    expect(r.summary).toMatch(/rootless Docker socket exists/);
    const mac = await checkDockerReachable(down, { env: {}, home: '/Users/u', platform: 'darwin', exists: async (p) => p === '/Users/u/.docker/run/docker.sock' });
    expect(mac.fix).toBe('export DOCKER_HOST=unix:///Users/u/.docker/run/docker.sock');
    oneLine(mac);
  });

  it('explains a DOCKER_HOST that points nowhere, and permission problems', async () => {
    const r = await checkDockerReachable(down, { env: { DOCKER_HOST: 'unix:///tmp/nope.sock' }, exists: async () => false });
    expect(r.summary).toMatch(/DOCKER_HOST=unix:\/\/\/tmp\/nope\.sock points at a socket that does not exist/);
    const perm = await checkDockerReachable({ ping: async () => Promise.reject(new Error('connect EACCES /var/run/docker.sock')), info: async () => info() }, { env: {}, exists: async () => true });
    expect(perm.fix).toMatch(/usermod -aG docker/);
  });

  it('says how to start Docker when nothing is there', async () => {
    const r = await checkDockerReachable(down, { env: {}, home: '/home/u', platform: 'linux', exists: async () => false });
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.fix).toMatch(/systemctl start docker/);
  });

  it('checks the engine version and notes rootless', () => {
    expect(checkDockerVersion(info()).status).toBe('pass');
    expect(checkDockerVersion(info({ ServerVersion: '19.03.8' })).status).toBe('fail');
    expect(checkDockerVersion(info({ SecurityOptions: ['name=seccomp,profile=builtin', 'name=rootless'] })).summary).toMatch(/rootless/);
  });

  it('checks CPUs and memory against the profile, with slack for what Docker reports', () => {
    expect(checkDockerResources(info({ NCPU: 4, MemTotal: 7.7 * GiB }), 'kind').status).toBe('pass');
    expect(checkDockerResources(info({ NCPU: 2, MemTotal: 7.7 * GiB }), 'kind').status).toBe('warn');
    const low = checkDockerResources(info({ NCPU: 2, MemTotal: 2 * GiB }), 'kind');
    expect(low.status).toBe('fail');
    expect(low.summary).toBe('Docker has 2 CPUs, 2.0 GiB; kind with Istio needs at least 2 CPUs and 4 GiB');
  });

  it('minikube: sized like `up` sizes it, with minikube’s own minimums and no slack', () => {
    // 7.7 GiB is less than 8192 MiB: minikube gets what Docker has, with a warning
    expect(checkDockerResources(info({ NCPU: 4, MemTotal: 7.7 * GiB }), 'minikube')).toMatchObject({ status: 'warn', details: { minikubeCpus: 4, minikubeMemoryMb: 7884 } });
    // a 2-CPU Docker is not a failure: minikube needs 2
    expect(checkDockerResources(info({ NCPU: 2, MemTotal: 32 * GiB }), 'minikube')).toMatchObject({ status: 'warn', details: { minikubeCpus: 2, minikubeMemoryMb: 8192 } });
    expect(checkDockerResources(info({ NCPU: 8, MemTotal: 16 * GiB }), 'minikube')).toMatchObject({ status: 'pass', summary: 'Docker has 8 CPUs, 16.0 GiB: minikube gets 4 CPUs and 8192 MB' });
    expect(checkDockerResources(info({ NCPU: 1, MemTotal: 16 * GiB }), 'minikube').status).toBe('fail');
    expect(checkDockerResources(info({ NCPU: 4, MemTotal: 1.5 * GiB }), 'minikube').status).toBe('fail');
  });
});

describe('port checks', () => {
  let holder: net.Server;
  let port: number;
  beforeEach(async () => {
    holder = net.createServer();
    await new Promise<void>((ok) => holder.listen(0, '127.0.0.1', ok));
    port = (holder.address() as AddressInfo).port;
  });
  afterEach(async () => new Promise<void>((ok) => holder.close(() => ok())));

  it('probes free and busy ports for real', async () => {
    expect(await probePort(port, '127.0.0.1')).toMatchObject({ free: false, code: 'EADDRINUSE' });
    const free = await checkHostPort(0, '127.0.0.1', { probe: probePort });
    expect(free.status).toBe('pass');
  });

  it.runIf(process.platform === 'linux')('names the holder from /proc (this test process)', async () => {
    const holders = await findPortHoldersLinux(port);
    expect(holders).toEqual([expect.objectContaining({ pid: process.pid, address: `127.0.0.1:${port}` })]);
    const r = await checkHostPort(port, '127.0.0.1', { probe: probePort, findHolders: (p) => findPortHoldersLinux(p) });
    expect(r.status).toBe('fail');
    expect(r.summary).toMatch(new RegExp(`port 127\\.0\\.0\\.1:${port} is in use by .*\\(pid ${process.pid}\\)`));
    expect(r.fix).toBe(`stop pid ${process.pid} or choose another port with --host-port`);
  });

  it('names a container publishing the port, unless it is the lab’s own', async () => {
    const docker = { listContainers: async () => [{ Names: ['/web'], Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }] }, { Names: ['/lab-control-plane'], Ports: [{ PrivatePort: 80, PublicPort: 9090, Type: 'tcp' }] }] };
    const never = async (): Promise<never> => Promise.reject(new Error('should not probe'));
    const r = await checkHostPort(8080, '127.0.0.1', { probe: never, docker });
    expect(r).toMatchObject({ status: 'fail', summary: 'port 8080 is published by container web', fix: 'stop it (`docker stop web`) or choose another port with --host-port' });
    const own = await checkHostPort(9090, '127.0.0.1', { probe: never, docker, ownContainers: ['lab-control-plane'] });
    expect(own.status).toBe('pass');
  });

  it('warns when a privileged port cannot be probed', async () => {
    const r = await checkHostPort(80, '127.0.0.1', { probe: async () => ({ free: false, code: 'EACCES', message: 'listen EACCES' }) });
    expect(r.status).toBe('warn');
    expect(r.fix).toMatch(/ip_unprivileged_port_start/);
  });

  it('parses /proc/net/tcp and tcp6 and matches fds in a fake /proc', async () => {
    const tcp = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0000000000000000 100 0 0 10 0',
      '   2: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    const tcp6 = [
      '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5151 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNetTcp(tcp)).toEqual([
      { address: '127.0.0.1', port: 8080, uid: 1000, inode: 4242 },
      { address: '0.0.0.0', port: 80, uid: 0, inode: 99 },
    ]);
    expect(parseProcNetTcp(tcp6)).toEqual([{ address: '::', port: 8080, uid: 0, inode: 5151 }]);
    const { dir, cleanup } = await tempDir('mesh-lab-proc-');
    try {
      await mkdir(join(dir, 'net'));
      await writeFile(join(dir, 'net', 'tcp'), tcp);
      await writeFile(join(dir, 'net', 'tcp6'), tcp6);
      await mkdir(join(dir, '777', 'fd'), { recursive: true });
      await writeFile(join(dir, '777', 'comm'), 'nginx\n');
      await symlink('socket:[4242]', join(dir, '777', 'fd', '5'));
      await symlink('/dev/null', join(dir, '777', 'fd', '0'));
      const holders = await findPortHoldersLinux(8080, dir);
      expect(holders).toEqual([
        { address: '127.0.0.1:8080', pid: 777, uid: 1000, command: 'nginx' },
        { address: ':::8080', uid: 0 },
      ]);
    } finally {
      await cleanup();
    }
  });

  it('parses lsof -F output (macOS)', async () => {
    const runner = { run: async () => ({ stdout: 'p501\ncnginx\nf6\nn127.0.0.1:8080\np600\ncDocker\nf9\nn*:8080\n', stderr: '', exitCode: 0 }) };
    expect(await findPortHoldersLsof(8080, runner)).toEqual([
      { address: '127.0.0.1:8080', pid: 501, command: 'nginx' },
      { address: '*:8080', pid: 600, command: 'Docker' },
    ]);
  });
});

describe('tool and compatibility checks', () => {
  it('reports PATH, cache and missing tools', () => {
    expect(checkToolPlan({ kind: 'ready', resolved: { tool: 'kind', path: '/usr/bin/kind', version: 'v0.32.0', source: 'path', message: '' } }, true)).toMatchObject({ status: 'pass', summary: 'kind v0.32.0 on PATH (/usr/bin/kind)' });
    const missing = { kind: 'needs-download' as const, tool: 'istioctl' as const, version: '1.30.3', reason: 'not on PATH and not cached' };
    expect(checkToolPlan(missing, true)).toMatchObject({ status: 'warn', summary: 'istioctl: not on PATH and not cached; `mesh-lab up` will download the pinned 1.30.3' });
    expect(checkToolPlan(missing, false)).toMatchObject({ status: 'fail', fix: 'run `mesh-lab tools install istioctl` or put istioctl 1.30.3 on PATH' });
  });

  it('grades Istio/Kubernetes and kubectl skew', () => {
    expect(checkIstioKubernetes('1.30.3', 'v1.36.1', 'node image kindest/node:v1.36.1')).toMatchObject({ status: 'pass', summary: 'Istio 1.30.3 with Kubernetes v1.36.1 (node image kindest/node:v1.36.1): supported (1.32–1.36)' });
    expect(checkIstioKubernetes('1.30.3', 'v1.30.0', 'cluster').status).toBe('fail');
    expect(checkIstioKubernetes('1.30.3', 'v1.38.0', 'cluster').status).toBe('warn');
    expect(checkKubectlSkew('v1.36.1', 'v1.36.1', 'x').status).toBe('pass');
    const bad = checkKubectlSkew('v1.33.0', 'v1.36.1', 'cluster');
    expect(bad).toMatchObject({ status: 'fail', summary: 'kubectl v1.33.0 with Kubernetes v1.36.1 (cluster): 3 minor versions apart, kubectl supports ±1' });
  });
});

describe('kubeconfig check', () => {
  const good = 'apiVersion: v1\nkind: Config\nclusters:\n- name: kind-lab\n  cluster: {server: "https://127.0.0.1:6443"}\ncontexts:\n- name: kind-lab\n  context: {cluster: kind-lab, user: kind-lab}\nusers: []\n';
  const read = (text: string) => async () => text;
  it('passes a readable config with the context', async () => {
    expect(await checkKubeconfig({ path: '/k', context: 'kind-lab', readFileText: read(good) })).toMatchObject({ status: 'pass', summary: 'kubeconfig /k readable (1 context)' });
  });
  it('missing is fine before up, a failure when required', async () => {
    const enoent = async (): Promise<string> => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
    expect((await checkKubeconfig({ path: '/k', readFileText: enoent })).status).toBe('pass');
    expect((await checkKubeconfig({ path: '/k', required: true, readFileText: enoent })).status).toBe('fail');
  });
  it('fails on unreadable, invalid, empty, or missing context', async () => {
    const eacces = async (): Promise<string> => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }));
    expect(await checkKubeconfig({ path: '/k', readFileText: eacces })).toMatchObject({ status: 'fail', fix: 'fix its permissions: `chmod 600 /k` as its owner' });
    expect((await checkKubeconfig({ path: '/k', readFileText: read('a: [') })).summary).toMatch(/not valid YAML/);
    expect((await checkKubeconfig({ path: '/k', readFileText: read('apiVersion: v1\n') })).summary).toMatch(/no clusters or contexts/);
    expect((await checkKubeconfig({ path: '/k', context: 'other', readFileText: read(good) })).summary).toBe('kubeconfig /k has no context "other" (has kind-lab)');
  });
});

describe('report', () => {
  it('counts, exit code and text', () => {
    const r = makeReport([
      { id: 'a', status: 'pass', summary: 'fine' },
      { id: 'b', status: 'warn', summary: 'meh', fix: 'do x' },
    ]);
    expect(doctorExitCode(r)).toBe(0);
    expect(formatReport(r)).toBe('[ok  ] fine\n[warn] meh\n       fix: do x\n1 passed, 1 warnings, 0 failed');
    expect(doctorExitCode(makeReport([{ id: 'c', status: 'fail', summary: 'bad' }]))).toBe(1);
  });
});
