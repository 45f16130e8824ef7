// Issue 11, the instructor's half: a joined environment's `lab check` records progress in the
// attendee's ConfigMap; `workshop status` reads the room in one call (passed, failed with its
// reason, not tried), `--verify` re-checks with the instructor's credentials and marks a
// record that does not hold, hosts claimed by another namespace are flagged; and the
// dashboard (Chromium, headless) turns a cell green after a real `lab check`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker } from '../support/docker-available.js';
import { createLabEnv, repoRoot, type LabEnv } from './support/harness.js';
import { launchChromium } from './support/chromium.js';
import { createWorkshopFixture, spawnCli, type WorkshopFixture } from './support/workshop-fixture.js';
import type { WorkshopStatus } from '../../src/workshop/roll-up.js';

const NAME = 'room';
const LAB = 'ingress-routing';

describeDocker('workshop progress, status and dashboard (simulated cluster)', () => {
  let lab: LabEnv;
  let ws: WorkshopFixture;

  beforeAll(async () => {
    lab = await createLabEnv();
    ws = await createWorkshopFixture(lab, { name: NAME, attendees: 3, appIn: [1, 2] });
  });
  afterAll(async () => {
    if (lab) {
      if (ws) await lab.run(['-e', ws.environment, 'down']);
      await lab.cleanup();
    }
  });

  const status = async (...extra: string[]): Promise<WorkshopStatus> => {
    const r = await lab.run(['workshop', 'status', '--name', NAME, '--labs', LAB, '--json', ...extra]);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as WorkshopStatus;
  };
  const kubectlCalls = (from: number) => lab.invocations().slice(from).filter((a) => a[0] === 'kubectl');

  it('before anyone checks, every step of every attendee is "not tried"', async () => {
    const s = await status();
    expect(s.attendees.map((a) => a.id)).toEqual(['01', '02', '03']);
    expect(s.attendees.every((a) => a.neverRecorded && Object.values(a.labs[LAB]!).every((c) => c.status === 'not-tried'))).toBe(true);
  });

  it("a joined environment's lab check records its step in the attendee's ConfigMap (one patch after the first)", async () => {
    const env = ws.join('02', LAB);
    const first = await lab.run(['-e', env, 'lab', 'check', '1']);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).not.toContain('warning');
    const cm = JSON.parse((await ws.kubectl(['get', 'configmap', 'mesh-lab-progress', '-n', 'attendee-02', '-o', 'json'])).stdout);
    expect(cm.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'mesh-lab', 'mesh-lab.io/workshop': NAME });
    const entry = JSON.parse(cm.data[LAB]);
    expect(entry).toMatchObject({ schema: 1, labId: LAB, steps: { 'app-running': { status: 'passed' } } });
    // a second recording is exactly one kubectl call (the merge patch of its key)
    const before = lab.invocations().length;
    const again = await lab.run(['-e', env, 'lab', 'check', '1']);
    expect(again.exitCode, again.stderr).toBe(0);
    const writes = kubectlCalls(before).filter((a) => a.includes('mesh-lab-progress') || a.includes('apply'));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toContain('patch');
  });

  it('a failed check is recorded with its one-line reason, and the other lab keys are kept', async () => {
    const env = ws.join('01', LAB);
    expect((await lab.run(['-e', env, 'lab', 'check', '1'])).exitCode).toBe(0);
    ws.join('01', 'egress-routing'); // the same environment, now on another lab
    const r = await lab.run(['-e', env, 'lab', 'check', 'client', '--wait', '0']);
    expect(r.exitCode).toBe(5);
    const keys = Object.keys(JSON.parse((await ws.kubectl(['get', 'configmap', 'mesh-lab-progress', '-n', 'attendee-01', '-o', 'json'])).stdout).data).sort();
    expect(keys).toEqual(['egress-routing', LAB]);
    const rr = await lab.run(['workshop', 'status', '--name', NAME, '--json']);
    const s = JSON.parse(rr.stdout) as WorkshopStatus;
    expect(s.labs.map((l) => l.id)).toEqual(['egress-routing', LAB]); // by default: the labs anyone recorded
    const a01 = s.attendees.find((a) => a.id === '01')!;
    expect(a01.labs[LAB]!['app-running']).toMatchObject({ status: 'passed' });
    const cell = a01.labs['egress-routing']!.client!;
    expect(cell).toMatchObject({ status: 'failed' });
    expect(cell.message).toMatch(/^Deployment curl is available: /);
    expect(cell.message).not.toContain('\n');
    expect(a01.labs['egress-routing']!['registry-only']).toEqual({ status: 'not-tried' });
    expect(a01.lastFailure).toMatchObject({ lab: 'egress-routing', step: 'client', message: cell.message });
  });

  it('a failure to record is a warning, never a failed check', async () => {
    // credentials that may read attendee-01's namespace but not write its ConfigMaps (the
    // bootstrap `view` role, enforced by the simulated API server): the check passes, the
    // recording is Forbidden
    const rbac = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'viewer', namespace: 'attendee-01' } },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: { name: 'viewer', namespace: 'attendee-01' },
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
          subjects: [{ kind: 'ServiceAccount', name: 'viewer', namespace: 'attendee-01' }],
        },
      ],
    };
    expect((await ws.kubectl(['apply', '-f', '-'], JSON.stringify(rbac))).exitCode).toBe(0);
    const token = (await ws.kubectl(['create', 'token', 'viewer', '-n', 'attendee-01'])).stdout.trim();
    const kc = YAML.parse(readFileSync(ws.kubeconfig, 'utf8')) as { users: { name: string; user: unknown }[] };
    for (const u of kc.users) u.user = { token };
    const viewerKubeconfig = join(lab.root, 'viewer-kubeconfig.json');
    writeFileSync(viewerKubeconfig, JSON.stringify(kc));
    const env = ws.join('01', LAB, { kubeconfig: viewerKubeconfig, name: 'viewer-01' });
    const r = await lab.run(['-e', env, 'lab', 'check', '1']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: the check ran, but its result was not recorded for the instructor \(.*Forbidden/m);
  });

  it('status reads every attendee in one ConfigMap call; --verify marks a record the cluster contradicts; a claimed host is flagged', async () => {
    // attendee 03 "reports" a pass it does not have (no app in attendee-03) and claims attendee 01's host
    const fake = JSON.stringify({ schema: 1, labId: LAB, updatedAt: new Date().toISOString(), steps: { 'app-running': { status: 'passed', at: new Date().toISOString() } } });
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mesh-lab-progress', namespace: 'attendee-03', labels: { 'app.kubernetes.io/managed-by': 'mesh-lab', 'mesh-lab.io/workshop': NAME } }, data: { [LAB]: fake } };
    const vs = { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'steal', namespace: 'attendee-03' }, spec: { hosts: ['attendee-01.workshop.test'], gateways: ['istio-system/shared'], http: [{ route: [{ destination: { host: 'helloworldservice' } }] }] } };
    const applied = await ws.kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [cm, vs] }));
    expect(applied.exitCode, applied.stderr).toBe(0);

    const before = lab.invocations().length;
    const plain = await status();
    const calls = kubectlCalls(before);
    expect(calls.filter((a) => a.includes('configmaps'))).toEqual([expect.arrayContaining(['get', 'configmaps', '-A', '-l', `app.kubernetes.io/managed-by=mesh-lab,mesh-lab.io/workshop=${NAME}`])]);
    expect(plain.attendees.find((a) => a.id === '03')!.labs[LAB]!['app-running']!.status).toBe('passed');
    expect(plain.attendees.find((a) => a.id === '01')!.hostClaimedBy).toEqual(['attendee-03']);

    const verified = await status('--verify');
    expect(verified.verified).toBe(true);
    const a02 = verified.attendees.find((a) => a.id === '02')!.labs[LAB]!['app-running']!;
    expect(a02).toMatchObject({ status: 'passed', verified: { status: 'passed' } });
    expect(a02.disagrees).toBeUndefined();
    const a03 = verified.attendees.find((a) => a.id === '03')!.labs[LAB]!['app-running']!;
    expect(a03).toMatchObject({ status: 'passed', verified: { status: 'failed' }, disagrees: true });
    expect(verified.totals.disagreements).toBeGreaterThanOrEqual(1);

    const human = await lab.run(['workshop', 'status', '--name', NAME, '--labs', LAB, '--verify']);
    expect(human.exitCode, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^03 {2}ingress-routing {2}✔! /m);
    expect(human.stdout).toContain('⚠ host attendee-01.workshop.test is also claimed by attendee-03');
  });

  it('the dashboard (headless Chromium) turns attendee 2’s cell green after their lab check', async (ctx) => {
    const browser = await launchChromium(ctx);
    if (!browser) return;
    const dash = spawnCli(lab, ['workshop', 'dashboard', '--name', NAME, '--json']);
    try {
      const { url } = (await dash.document()) as { url: string };
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await browser.newPage({ viewport: { width: 1100, height: 420 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(url);
      const cell = page.locator(`tr[data-attendee="02"] td[data-lab="${LAB}"][data-step="gateway"]`);
      await expect.poll(() => cell.getAttribute('data-status'), { timeout: 30_000 }).toBe('not-tried');
      // attendee 2 passes the next step through the real path: their own lab check
      const env = ws.join('02', LAB);
      expect((await lab.run(['-e', env, 'lab', 'check', '1'])).exitCode).toBe(0);
      // in their namespace the Gateway is theirs to apply: the step's action, then its check
      const r = await lab.run(['-e', env, 'lab', 'run', LAB, '--from', 'gateway', '--to', 'gateway']);
      expect(r.exitCode, r.stdout + r.stderr).toBe(0);
      // generous bound for a loaded machine; the product's bound is the 2 s poll + one read
      await expect.poll(() => cell.getAttribute('data-status'), { timeout: 30_000 }).toBe('passed');
      const green = `getComputedStyle(document.querySelector('tr[data-attendee="02"] td[data-lab="${LAB}"][data-step="gateway"] span')).backgroundColor`;
      expect(await page.evaluate(green)).toBe('rgb(26, 127, 55)');
      // the failed cell of attendee 1 carries its reason as the tooltip; the row opens the detail
      await page.locator('tr[data-attendee="01"] td.who').click();
      await expect.poll(() => page.locator('#detail').textContent()).toContain('Last failing check: egress-routing / client');
      expect(requests.every((u) => u.startsWith(url))).toBe(true); // self-contained: nothing from elsewhere
      if (process.env.MESH_LAB_SCREENSHOT) await page.screenshot({ path: join(repoRoot, 'docs/workshop-dashboard.png'), fullPage: true });
    } finally {
      await browser.close();
      expect(await dash.stop('SIGINT')).toBe(0);
    }
  });
});
