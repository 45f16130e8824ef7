// Issue 14 end to end: every lab's Gateway API variant, on one simulated kind environment
// made by the first `lab start --gateway-api` (the CRDs served from 127.0.0.1 with the
// repo's fixture of v1.5.1's standard-install.yaml). Each variant passes `lab run`; then one
// deliberately broken step (a typo'd backend, a wrong weight), applied as a learner would
// with kubectl, fails its check with a message naming the condition or the measured split.
// A lab with the Istio API only refuses --gateway-api in one line, exit code 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLabEnv, freePort, simLabel, type LabEnv, type RunResult } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';
import { serveGatewayApiRelease, type GatewayApiRelease } from './support/gateway-api-release.js';


interface BrokenCase {
  /** run the steps up to and including this one */
  upTo: string;
  /** the rendered work file to break, and how */
  file: string;
  namespace: string;
  edit: (yaml: string) => string;
  /** the step whose check must fail, and what it must say */
  check: string;
  says: RegExp;
}

const cases: Record<string, BrokenCase> = {
  'ingress-routing': {
    upTo: 'virtualservice',
    file: 'httproute.yaml',
    namespace: 'mesh-lab',
    edit: (y) => y.replace(/name: helloworldservice\n(\s+)port:/, 'name: helloworldservic\n$1port:'),
    check: 'virtualservice',
    says: /expected condition ResolvedRefs=True, got False \(BackendNotFound/,
  },
  'traffic-shifting': {
    upTo: 'shift-10',
    // the work file holds the last weights the lab applies (0/100): a wrong 50/50 instead
    file: 'httproute-weights.yaml',
    namespace: 'mesh-lab',
    edit: (y) => y.replace(/weight: 0\b/, 'weight: 50').replace(/weight: 100\b/, 'weight: 50'),
    check: 'shift-10',
    says: /about 90% v1 and 10% v2: v1 \d+(\.\d)?% \(\d+\/\d+, expected 90%/,
  },
  'request-timeouts': {
    upTo: 'slow-backend',
    // the mesh route's backend typo'd (its parentRef stays right)
    file: 'httproute-timeout.yaml',
    namespace: 'mesh-lab',
    edit: (y) => y.replace('- name: istio-ingressgateway', '- name: istio-ingressgatway'),
    check: 'caller-timeout',
    says: /expected condition ResolvedRefs=True, got False \(BackendNotFound: backend\(istio-ingressgatway\.istio-system\.svc\.cluster\.local\) not found/,
  },
  // last: it makes the mesh REGISTRY_ONLY
  'egress-routing': {
    upTo: 'service-entry',
    // the route from the sidecars to the egress gateway's Service, typo'd
    file: 'egress-gateway-api.yaml',
    namespace: 'mesh-lab',
    edit: (y) => y.replace('- name: httpbin-egress-gateway-istio', '- name: httpbin-egress-gatway-istio'),
    check: 'egress-gateway',
    says: /expected condition ResolvedRefs=True, got False \(BackendNotFound: backend\(httpbin-egress-gatway-istio\.mesh-lab\.svc\.cluster\.local\) not found/,
  },
};

describeDocker('labs, Gateway API variants (simulated kind)', () => {
  let lab: LabEnv;
  let release: GatewayApiRelease;
  let base: string;
  let name: string;
  let ports: string[];
  const cli = (args: string[]): Promise<RunResult> => lab.run(['--environment', name, ...args], { MESH_LAB_GATEWAY_API_BASE_URL: base });
  const kubectl = (args: string[], input?: string) =>
    execa('kubectl', ['--kubeconfig', join(lab.meshLabHome, `state/environments/${name}/kubeconfig`), '--context', `kind-${name}`, ...args], {
      env: lab.env,
      extendEnv: false,
      reject: false,
      ...(input !== undefined ? { input } : {}),
    });

  beforeAll(async () => {
    release = await serveGatewayApiRelease();
    base = release.base;
    lab = await createLabEnv();
    name = `gwlabs-${simLabel(lab.simHome).slice(0, 8)}`;
    ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  });
  afterAll(async () => {
    if (lab) {
      await cli(['down']);
      await lab.cleanup();
    }
    await release?.close();
  });

  it('lab list shows each lab\'s APIs; lab show --gateway-api says which API the variant uses', async () => {
    const list = await cli(['lab', 'list']);
    expect(list.stdout).toMatch(/ingress-routing .*\(6 steps; Istio API \+ Gateway API\)/);
    expect(list.stdout).toMatch(/fault-injection .*Istio API only\)/);
    const show = await cli(['lab', 'show', 'ingress-routing', '--gateway-api']);
    expect(show.exitCode, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^API: Gateway API \(gateway\.networking\.k8s\.io Gateway \+ HTTPRoute\)/m);
    expect(show.stdout).toContain('$ kubectl apply -n mesh-lab -f httproute.yaml');
  });

  for (const [id, c] of Object.entries(cases)) {
    it(`${id}: the Gateway API variant passes lab run, and a broken "${c.check}" fails naming what it saw`, async () => {
      const start = await cli(['lab', 'start', id, '--gateway-api', ...ports, '--include-optional']);
      expect(start.exitCode, start.stdout + start.stderr).toBe(0);
      const run = await cli(['lab', 'run', id, '--gateway-api']);
      expect(run.exitCode, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).not.toMatch(/✖/);
      expect(run.stdout).not.toMatch(/skipped \(optional/);
      if (id === 'ingress-routing') {
        // env in a Gateway API environment: what istio.io's tab derives, and why it is not used
        const env = await cli(['env']);
        expect(env.stdout).toMatch(/^# Gateway API: istio\.io's Gateway API tab sets INGRESS_HOST from the Gateway's status\.addresses .*istio-ingressgateway\.istio-system\.svc\.cluster\.local:80.*answers only inside the cluster/m);
        expect(env.stdout).toMatch(/^export INGRESS_HOST=127\.0\.0\.1$/m);
        const json = JSON.parse((await cli(['--json', 'env'])).stdout) as { gatewayApi?: { derived: Record<string, string>; reachable: boolean } };
        expect(json.gatewayApi).toMatchObject({ derived: { INGRESS_HOST: 'istio-ingressgateway.istio-system.svc.cluster.local', INGRESS_PORT: '80' }, reachable: false });
      }

      // the learner breaks it: the rendered work file, edited and applied with kubectl
      expect((await cli(['lab', 'reset', id])).exitCode).toBe(0);
      expect((await cli(['lab', 'start', id, '--gateway-api'])).exitCode).toBe(0);
      const before = await cli(['lab', 'run', id, '--to', c.upTo]);
      expect(before.exitCode, before.stdout + before.stderr).toBe(0);
      const work = join(lab.meshLabHome, `state/environments/${name}/work/${id}/${c.file}`);
      const broken = c.edit(readFileSync(work, 'utf8'));
      expect(broken).not.toBe(readFileSync(work, 'utf8'));
      const applied = await kubectl(['apply', '-n', c.namespace, '-f', '-'], broken);
      expect(applied.exitCode, applied.stderr).toBe(0);
      const r = await cli(['lab', 'check', c.check, '--wait', '10']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(5);
      expect(r.stdout).toMatch(c.says);
      expect((await cli(['lab', 'reset', id])).exitCode).toBe(0);
    });
  }

  it('fault-injection needs the Istio API: --gateway-api is refused in one line, exit code 2', async () => {
    const r = await cli(['lab', 'start', 'fault-injection', '--gateway-api']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split('\n')[0]).toMatch(/^mesh-lab: lab fault-injection has no Gateway API variant: faults need the Istio API/);
  });
});
