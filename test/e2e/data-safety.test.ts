// Issue 8 part 0: mesh-lab never destroys what it did not create. On an existing cluster a
// namespace that was there before (with the user's own objects) is used only with
// --use-existing-namespace, survives `down`, and gets its labels back; the namespaces of
// Kubernetes and Istio are refused before any tool runs.
import { join } from 'node:path';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLabEnv, repoRoot, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

const tool = (lab: LabEnv, file: string, args: string[], input?: string) =>
  execa(file, args, { env: lab.env, extendEnv: false, reject: false, ...(input !== undefined ? { input } : {}) });

const CTX = 'kind-users-cluster';

describeDocker('data safety: found objects are kept, system namespaces refused', () => {
  let lab: LabEnv;
  beforeEach(async () => {
    lab = await createLabEnv();
  });
  afterEach(async () => {
    await lab.cleanup();
  });

  async function usersCluster(): Promise<void> {
    const cfg = join(lab.root, 'users-cluster.yaml');
    writeFileSync(cfg, 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n');
    const c = await tool(lab, 'kind', ['create', 'cluster', '--name', 'users-cluster', '--config', cfg]);
    expect(c.exitCode, c.stderr).toBe(0);
  }

  const namespaceJson = async (name: string) => {
    const r = await tool(lab, 'kubectl', ['--context', CTX, 'get', 'namespace', name, '-o', 'json']);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } };
  };

  it("a user's namespace and ConfigMap survive up + down; mesh-lab's labels are taken back; without --use-existing-namespace up refuses (exit 7) and changes nothing", async () => {
    await usersCluster();
    expect((await tool(lab, 'kubectl', ['--context', CTX, 'create', 'namespace', 'team-a'])).exitCode).toBe(0);
    // the user had turned injection off there: mesh-lab must put that back, not just remove its value
    expect((await tool(lab, 'kubectl', ['--context', CTX, 'label', 'namespace', 'team-a', 'istio-injection=disabled', 'team=a'])).exitCode).toBe(0);
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: precious\n  namespace: team-a\ndata:\n  answer: "42"\n';
    expect((await tool(lab, 'kubectl', ['--context', CTX, 'apply', '-f', '-'], cm)).exitCode).toBe(0);
    const before = (await namespaceJson('team-a')).metadata.labels;
    const callsBefore = lab.invocations().length;

    const refused = await lab.run(['--environment', 'ext', 'up', '--provider', 'existing', '--context', CTX, '--install-istio', '--namespace', 'team-a']);
    expect(refused.exitCode, refused.stdout + refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(/^mesh-lab: namespace team-a already exists and mesh-lab did not create it; pass --use-existing-namespace/m);
    // nothing was written: only reads ran, the labels are as they were, no state was kept
    const writes = ['apply', 'label', 'annotate', 'delete', 'create', 'install'];
    expect(lab.invocations().slice(callsBefore).filter((a) => a.some((x) => writes.includes(x)))).toEqual([]);
    expect((await namespaceJson('team-a')).metadata.labels).toEqual(before);
    expect((await lab.run(['--environment', 'ext', 'status'])).exitCode).toBe(6);

    const up = await lab.run(['--environment', 'ext', 'up', '--provider', 'existing', '--context', CTX, '--install-istio', '--namespace', 'team-a', '--use-existing-namespace']);
    expect(up.exitCode, up.stdout + up.stderr).toBe(0);
    expect(up.stdout).toMatch(/Verified GET \/helloworld: HTTP 200 "Hello World"/);
    expect(up.stdout).toMatch(/note: namespace team-a existed before mesh-lab: .*pods created from now on get an Istio sidecar, pods already running there get one only when restarted/);
    expect((await namespaceJson('team-a')).metadata.labels).toEqual({ ...before, 'istio-injection': 'enabled' });

    // a rerun still knows the namespace as found, with the labels from before the first run
    const again = await lab.run(['--environment', 'ext', 'up', '--provider', 'existing', '--context', CTX, '--install-istio', '--namespace', 'team-a']);
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);

    const down = await lab.run(['--environment', 'ext', '--json', 'down']);
    expect(down.exitCode, down.stderr).toBe(0);
    const result = JSON.parse(down.stdout) as { removed: string[]; kept: string[] };
    expect(result.kept).toContain('Namespace team-a (it existed before mesh-lab; labels restored: istio-injection=disabled)');
    expect(result.removed).toEqual(expect.arrayContaining(['Deployment team-a/helloworldservice', 'Service team-a/helloworldservice', 'VirtualService team-a/helloworldservice', 'Gateway team-a/helloworld-gateway']));
    expect(result.removed.join('\n')).not.toMatch(/Namespace team-a/);

    const after = await namespaceJson('team-a');
    expect(after.metadata.labels).toEqual(before);
    const kept = await tool(lab, 'kubectl', ['--context', CTX, 'get', 'configmap', 'precious', '-n', 'team-a', '-o', 'json']);
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect((JSON.parse(kept.stdout) as { data: Record<string, string> }).data).toEqual({ answer: '42' });
    const app = await tool(lab, 'kubectl', ['--context', CTX, 'get', 'deployments', '-n', 'team-a', '-o', 'name']);
    expect(app.stdout).toBe('');
  });

  it('a namespace mesh-lab created stays its own on a rerun and goes on down; an Istio found by another lab is kept by its down', async () => {
    await usersCluster();
    const args = ['--environment', 'own', 'up', '--provider', 'existing', '--context', CTX, '--install-istio', '--namespace', 'labns'];
    expect((await lab.run(args)).exitCode).toBe(0);
    const rerun = await lab.run(args);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stdout).not.toMatch(/existed before/);
    // another lab on the same cluster finds Istio there: its down keeps it
    const other = await lab.run(['--environment', 'other', 'up', '--provider', 'existing', '--context', CTX, '--namespace', 'otherns']);
    expect(other.exitCode, other.stdout + other.stderr).toBe(0);
    const otherDown = await lab.run(['--environment', 'other', 'down']);
    expect(otherDown.stdout).toMatch(/^kept: Istio 1\.30\.3 \(mesh-lab did not install it\)$/m);
    expect((await tool(lab, 'kubectl', ['--context', CTX, 'get', 'deployments', '-n', 'istio-system', '-o', 'name'])).stdout).toMatch(/istiod/);
    const down = await lab.run(['--environment', 'own', 'down']);
    expect(down.stdout).toMatch(/^removed: Namespace labns$/m);
    expect((await tool(lab, 'kubectl', ['--context', CTX, 'get', 'namespace', 'labns', '--ignore-not-found', '-o', 'name'])).stdout).toBe('');
  });

  it('system namespaces are refused with exit 2 before any tool runs, also under --dry-run; so is a lab file naming one', async () => {
    for (const ns of ['istio-system', 'kube-system', 'default']) {
      for (const extra of [[], ['--dry-run']]) {
        const r = await lab.run(['up', '--namespace', ns, ...extra]);
        expect(r.exitCode, r.stderr).toBe(2);
        expect(r.stderr).toMatch(new RegExp(`^mesh-lab: namespace ${ns} belongs to (Istio|Kubernetes); mesh-lab deploys only into a namespace of its own`));
      }
    }
    expect(lab.invocations()).toEqual([]);

    const dir = join(lab.root, 'labs', 'ingress-routing');
    cpSync(join(repoRoot, 'labs', 'ingress-routing'), dir, { recursive: true });
    const file = join(dir, 'lab.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^namespace: mesh-lab$/m, 'namespace: kube-system'));
    const v = await lab.run(['lab', 'validate', dir]);
    expect(v.exitCode).toBe(2);
    expect(v.stderr).toMatch(/lab\.yaml:\d+:\d+.*namespace kube-system belongs to Kubernetes/);
    const start = await lab.run(['lab', 'start', 'ingress-routing'], { MESH_LAB_LABS_DIR: join(lab.root, 'labs') });
    expect(start.exitCode).toBe(2);
    expect(lab.invocations()).toEqual([]);
  });
});
