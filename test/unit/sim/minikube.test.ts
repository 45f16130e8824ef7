// The simulated minikube without Docker: flags, outputs and exit codes that need no
// machine (profile missing, usage errors, the root refusal, version, empty profile list).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STATUS_FORMAT, statusExitCode } from '../../sim/src/minikube/commands.js';
import { stylized, useColor } from '../../sim/src/minikube/out.js';
import { profileNameValid } from '../../sim/src/minikube/profile.js';

const root = resolve(import.meta.dirname, '../../..');
const BIN = join(root, 'test/sim/bin/minikube');
const UP = join(import.meta.dirname, '../../fixtures/upstream/minikube');

let home: string;
/** Docker with 4 CPUs and 16 GiB on a 32 GB host, so minikube's resource checks pass without asking Docker. */
const BIG_DOCKER = { MESHLAB_SIM_DOCKER_NCPU: '4', MESHLAB_SIM_DOCKER_MEM_TOTAL: String(16 * 2 ** 30), MESHLAB_SIM_HOST_MEMORY_MB: '32768' };
function mk(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', env: { ...process.env, MESHLAB_SIM_HOME: home, KUBECONFIG: join(home, 'kubeconfig'), TERM: 'dumb', MINIKUBE_IN_STYLE: '', ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!existsSync(join(root, 'test/sim/.build/minikube/main.js'))) throw new Error('simulator not built: run `npm run build:sim`');
  home = mkdtempSync(join(tmpdir(), 'meshlab-mk-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('simulated minikube (no Docker)', () => {
  it('version --short prints v1.38.1; version prints version and commit', () => {
    expect(mk(['version', '--short'])).toMatchObject({ code: 0, stdout: 'v1.38.1\n' });
    expect(mk(['version']).stdout).toBe('minikube version: v1.38.1\ncommit: c93a4cb9311efc66b90d33ea03f75f2c4120e9b0\n');
  });

  it('status of a missing profile: the not-found text and exit 85 (text), cloud events (json)', () => {
    const t = mk(['status', '-p', 'nope']);
    expect(t.code).toBe(85);
    expect(t.stdout).toBe(readFileSync(join(UP, 'profile-not-found.stdout.txt'), 'utf8'));
    const j = mk(['status', '-p', 'nope', '-o', 'json']);
    expect(j.code).toBe(85);
    const events = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['io.k8s.sigs.minikube.info', 'io.k8s.sigs.minikube.info']);
    expect(events[0].data.message).toBe('Profile "nope" not found. Run "minikube profile list" to view all profiles.');
    expect(Object.keys(events[0])).toEqual(['data', 'datacontenttype', 'id', 'source', 'specversion', 'type']);
  });

  it('ip, stop and update-context of a missing profile exit 85; the default profile hint has no -p', () => {
    expect(mk(['ip', '-p', 'nope']).code).toBe(85);
    expect(mk(['stop', '-p', 'nope']).code).toBe(85);
    expect(mk(['update-context', '-p', 'nope']).code).toBe(85);
    expect(mk(['ip']).stdout).toContain('To start a cluster, run: "minikube start"');
  });

  it('unknown flags and commands fail like cobra with exit 14', () => {
    const r = mk(['start', '-p', 'x', '--not-a-flag']);
    expect(r.code).toBe(14);
    expect(r.stderr).toContain('Error: unknown flag: --not-a-flag');
    expect(mk(['frobnicate']).code).toBe(14);
    expect(mk(['status', '-p', 'x', '--wait=1']).code).toBe(14);
  });

  it('accepts the start flags mesh-lab passes (the root refusal comes after flag parsing)', () => {
    const r = mk(['start', '-p', 'lab', '--driver=docker', '--cpus=4', '--memory=8192', '--kubernetes-version=v1.34.0'], { MESHLAB_SIM_MINIKUBE_NONROOT: '', ...BIG_DOCKER });
    if (process.getuid?.() === 0) {
      expect(r.code).toBe(57);
      expect(r.stderr).toContain('X Exiting due to DRV_AS_ROOT: The "docker" driver should not be used with root privileges.');
    }
    expect(r.stdout).toContain('* [lab] minikube v1.38.1 on');
    expect(r.stdout).toContain(`  - KUBECONFIG=${join(home, 'kubeconfig')}`);
  });

  it("refuses a --memory above Docker's total in MiB with MK_USAGE (exit 14), and more CPUs than Docker has (exit 29)", () => {
    const small = { MESHLAB_SIM_MINIKUBE_NONROOT: '1', MESHLAB_SIM_DOCKER_NCPU: '2', MESHLAB_SIM_DOCKER_MEM_TOTAL: String(Math.round(7.7 * 2 ** 30)), MESHLAB_SIM_HOST_MEMORY_MB: '16384' };
    const r = mk(['start', '-p', 'small', '--driver=docker', '--memory=8192'], small);
    expect(r.code).toBe(14);
    expect(r.stderr).toBe('X Exiting due to MK_USAGE: Docker has only 7884MB memory but you specified 8192MB\n');
    expect(mk(['start', '-p', 'small', '--cpus=4', '--memory=4096'], small)).toMatchObject({ code: 29, stderr: 'X Exiting due to RSRC_INSUFFICIENT_CORES: Requested cpu count 4 is greater than the available cpus of 2\n' });
    expect(mk(['start', '-p', 'small', '--cpus=1'], small).code).toBe(29);
    // more than the host has: validateRequestedMemorySize's RSRC_OVER_ALLOC_MEM, which has no exit code of its own (10)
    expect(mk(['start', '-p', 'small', '--memory=20000'], small)).toMatchObject({ code: 10 });
    expect(mk(['profile', 'list', '-o', 'json']).stdout).not.toContain('"small"');
  });

  it('rejects a Kubernetes version older than v1.28.0 and an unparsable one', () => {
    expect(mk(['start', '-p', 'lab', '--kubernetes-version=v1.20.0']).code).toBe(106);
    expect(mk(['start', '-p', 'lab', '--kubernetes-version=banana']).code).toBe(14);
    expect(mk(['start', '-p', 'lab', '--driver=warp']).code).toBe(56);
  });

  it('delete of a missing profile: warning on stderr, removed on stdout, exit 0', () => {
    const r = mk(['delete', '-p', 'nope']);
    expect(r.code).toBe(0);
    {
      expect(r.stderr).toBe(readFileSync(join(UP, 'delete.missing-profile.stderr.txt'), 'utf8'));
      expect(r.stdout).toBe(readFileSync(join(UP, 'delete.missing-profile.stdout.txt'), 'utf8'));
    }
  });

  it('profile list -o json with no profiles, no trailing newline', () => {
    expect(mk(['profile', 'list', '-o', 'json'])).toMatchObject({ code: 0, stdout: '{"invalid":[],"valid":[]}' });
    expect(mk(['profile', 'list']).code).toBe(14);
  });

  it('image load needs an image and an existing profile', () => {
    expect(mk(['image', 'load', '-p', 'nope']).code).toBe(14);
    expect(mk(['image', 'load', 'busybox:1', '-p', 'nope']).stderr).toContain('loading profile: cluster "nope" does not exist');
  });

  it('status exit code bits and styles', () => {
    expect(statusExitCode({ Name: 'p', Host: 'Stopped', Kubelet: 'Stopped', APIServer: 'Stopped', Kubeconfig: 'Stopped', Worker: false })).toBe(7);
    expect(statusExitCode({ Name: 'p', Host: 'Running', Kubelet: 'Running', APIServer: 'Running', Kubeconfig: 'Misconfigured', Worker: false })).toBe(4);
    expect(DEFAULT_STATUS_FORMAT.endsWith('\n\n')).toBe(true);
    expect(stylized('Workaround', 'x', false)).toBe('  x\n');
    expect(stylized('Meh', 'x', false)).toBe('! x\n');
    expect(stylized('Happy', 'x', true)).toBe('😄  x\n');
    expect(useColor({ TERM: 'xterm-256color' }, false)).toBe(false);
    expect(useColor({ MINIKUBE_IN_STYLE: 'true' }, false)).toBe(true);
    expect(profileNameValid('mesh-lab')).toBe(true);
    expect(profileNameValid('a')).toBe(false);
    expect(profileNameValid('-x')).toBe(false);
  });
});
