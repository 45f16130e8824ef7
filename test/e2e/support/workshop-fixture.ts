// A workshop as the contract of issue 11 makes it, without `workshop up` and `join` (built
// elsewhere): one simulated cluster from `mesh-lab up -e <unique>`, namespaces attendee-NN
// (the app deployed in some of them, copied from the environment's own namespace), the
// workshop record written through WorkshopStore, and joined environments (a copy of the up
// environment's state with `workshop` set) whose `lab check` records progress.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { execa } from 'execa';
import { environmentPaths, workshopPaths } from '../../../src/state/paths.js';
import { attendeeHost, attendeeId, attendeeNamespace, WorkshopStore, type WorkshopState } from '../../../src/state/workshop-state.js';
import { cliPath, freePort, simLabel, type LabEnv } from './harness.js';

export const DOMAIN = 'workshop.test';

export interface WorkshopFixture {
  /** the instructor's environment (`up`), which made the cluster */
  environment: string;
  workshop: WorkshopState;
  kubectl(args: string[], input?: string): Promise<{ exitCode: number; stdout: string; stderr: string }>;
  /** the instructor's (admin) kubeconfig of the cluster */
  kubeconfig: string;
  /**
   * a joined environment of attendee `id`, with `lab` as its current lab; returns its name.
   * `as.kubeconfig`: other credentials than the instructor's; `as.name`: another environment name
   */
  join(id: string, lab: string, as?: { kubeconfig?: string; name?: string }): string;
}

interface Live {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; labels?: Record<string, string> };
  spec?: unknown;
}

/** A live object as something to apply into another namespace: no server-set fields. */
function portable(o: Live, namespace: string): Live {
  const { name, labels } = o.metadata;
  return { apiVersion: o.apiVersion, kind: o.kind, metadata: { name, namespace, ...(labels ? { labels } : {}) }, spec: stripServerFields(o.kind, o.spec) };
}

function stripServerFields(kind: string, spec: unknown): unknown {
  if (kind !== 'Service' || !spec || typeof spec !== 'object') return spec;
  const { clusterIP: _c, clusterIPs: _cs, ...rest } = spec as Record<string, unknown>;
  return rest;
}

export async function createWorkshopFixture(lab: LabEnv, opts: { name: string; attendees: number; appIn: readonly number[] }): Promise<WorkshopFixture> {
  const environment = `ws-${simLabel(lab.simHome).slice(0, 8)}`;
  const up = await lab.run(['-e', environment, 'up', '--host-port', String(await freePort()), '--https-host-port', String(await freePort())]);
  if (up.exitCode !== 0) throw new Error(`up failed: ${up.stderr}`);
  const env = { MESH_LAB_HOME: lab.meshLabHome };
  const statePath = environmentPaths(environment, env).state;
  const state = JSON.parse(readFileSync(statePath, 'utf8')) as { cluster: { name: string; context: string; kubeconfig: string }; ingress?: unknown; options?: { namespace?: string } };
  const kubectl = async (args: string[], input?: string) => {
    const r = await execa('kubectl', ['--kubeconfig', state.cluster.kubeconfig, '--context', state.cluster.context, ...args], { env: lab.env, extendEnv: false, reject: false, ...(input === undefined ? {} : { input }) });
    return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
  };
  const appNs = state.options?.namespace ?? 'mesh-lab';
  const live = JSON.parse((await kubectl(['get', 'deployment/helloworldservice', 'service/helloworldservice', '-n', appNs, '-o', 'json'])).stdout) as { items: Live[] };
  const ids = Array.from({ length: opts.attendees }, (_, i) => attendeeId(i + 1));
  const docs: unknown[] = ids.map((id) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: attendeeNamespace(id), labels: { 'istio-injection': 'enabled' } } }));
  for (const n of opts.appIn) docs.push(...live.items.map((o) => portable(o, attendeeNamespace(attendeeId(n)))));
  const applied = await kubectl(['apply', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: docs }));
  if (applied.exitCode !== 0) throw new Error(`fixture apply failed: ${applied.stderr}`);
  const workshop = new WorkshopStore(workshopPaths(opts.name, env).state).write({
    schema: 1,
    workshop: opts.name,
    provider: 'kind',
    cluster: { name: state.cluster.name, context: state.cluster.context, kubeconfig: state.cluster.kubeconfig, createdByMeshLab: false },
    domain: DOMAIN,
    ...(state.ingress ? { ingress: state.ingress as WorkshopState['ingress'] } : {}),
    attendees: ids.map((id) => ({ id, namespace: attendeeNamespace(id), host: attendeeHost(id, DOMAIN), serviceAccount: 'attendee', joinFile: `/nonexistent/attendee-${id}.join.yaml` })),
  });
  return {
    environment,
    workshop,
    kubectl,
    kubeconfig: state.cluster.kubeconfig,
    join(id, labId, as = {}) {
      const name = as.name ?? `${environment}-a${id}`;
      const target = environmentPaths(name, env).state;
      mkdirSync(dirname(target), { recursive: true });
      const copy = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
      copy.workshop = { name: opts.name, attendee: id, namespace: attendeeNamespace(id), host: attendeeHost(id, DOMAIN) };
      copy.currentLab = labId;
      if (as.kubeconfig) (copy.cluster as Record<string, unknown>).kubeconfig = as.kubeconfig;
      delete copy.labs;
      writeFileSync(target, `${JSON.stringify(copy, null, 2)}\n`);
      return name;
    },
  };
}

export interface LongRunning {
  /** the command's stdout once it is one whole JSON document (`--json`) */
  document(): Promise<unknown>;
  /** sends `signal` and resolves with the exit code (it must exit by itself) */
  stop(signal: NodeJS.Signals): Promise<number | undefined>;
}

/** The built CLI as a long-running process (`workshop dashboard`), with the harness's environment. */
export function spawnCli(lab: LabEnv, args: string[]): LongRunning {
  const child = spawn(process.execPath, [cliPath, ...args], { env: lab.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<number | undefined>((resolve) => child.once('exit', (code) => resolve(code ?? undefined)));
  const first = new Promise<unknown>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      try {
        resolve(JSON.parse(out));
      } catch {
        // not whole yet
      }
    });
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    void exited.then((code) => reject(new Error(`exited ${code} before printing: ${err}`)));
  });
  return {
    document: () => first,
    stop: async (signal) => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
