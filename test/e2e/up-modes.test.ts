// --dry-run prints the whole plan and changes nothing; --json gives machines one document.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, simContainers, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

describeDocker('up --dry-run and --json', () => {
  let lab: LabEnv;
  beforeAll(async () => {
    lab = await createLabEnv();
  });
  afterAll(async () => {
    await lab.run(['down']);
    await lab.cleanup();
  });

  it('--dry-run prints every command and manifest, runs no tool and writes no state', async () => {
    const r = await lab.run(['up', '--dry-run']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\$ kind create cluster --name mesh-lab --config \S+\/kind-config\.yaml --kubeconfig \S+\/kubeconfig --wait 120s$/m);
    expect(r.stdout).toMatch(/# would write \S+\/kind-config\.yaml:\nkind: Cluster\napiVersion: kind\.x-k8s\.io\/v1alpha4\nname: mesh-lab\n/);
    expect(r.stdout).toMatch(/^\$ istioctl install -y -f \S+istio-operator\.yaml --readiness-timeout 300s --kubeconfig \S+ --context kind-mesh-lab$/m);
    expect(r.stdout).toMatch(/^\$ kubectl --kubeconfig \S+ --context kind-mesh-lab apply -f - <<'EOF'\n[\s\S]*kind: VirtualService[\s\S]*exact: \/helloworld/m);
    expect(r.stdout).toMatch(/dry run: nothing was changed/);
    // only the version probes ran; nothing was created
    expect(lab.invocations().filter((a) => !a.includes('version'))).toEqual([]);
    expect(await simContainers(lab.simHome)).toEqual([]);
    expect(existsSync(`${lab.meshLabHome}/state/environments/mesh-lab/state.json`)).toBe(false);
  });

  it('--json: up, status and curl each print one JSON document', async () => {
    const up = await lab.run(['--json', 'up', '--host-port', String(await freePort()), '--https-host-port', String(await freePort())]);
    expect(up.exitCode, up.stderr).toBe(0);
    const result = JSON.parse(up.stdout) as Record<string, any>;
    expect(result).toMatchObject({ ok: true, environment: 'mesh-lab', provider: 'kind', context: 'kind-mesh-lab', changed: { app: true, routing: true } });
    expect(result.env.GATEWAY_URL).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(result.verification.last).toBe('HTTP 200 "Hello World"');
    const status = JSON.parse((await lab.run(['--json', 'status'])).stdout) as { healthy: boolean; items: Array<{ name: string; ok: boolean }> };
    expect(status.healthy).toBe(true);
    expect(status.items.map((i) => i.name)).toEqual(['cluster', 'istio', 'app', 'endpoint', 'route']);
    const err = await lab.run(['--json', 'curl', 'nope']);
    expect(err.exitCode).toBe(2);
    expect(JSON.parse(err.stdout)).toEqual({ ok: false, error: { message: 'path "nope" must start with /', hint: 'did you mean /nope?', exitCode: 2 } });
  });
});
