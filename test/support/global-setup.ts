// vitest globalSetup for the integration and e2e projects: make sure Docker answers,
// build the simulated node image, and hand both facts to the tests. Every Docker
// object the simulator creates during this run carries dev.mesh-lab.sim.run=<id>;
// teardown removes exactly those.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { ensureNodeImage } from './node-image.js';
import { removeLabelled } from './sim-docker-cleanup.js';

function dockerProblem(): string | undefined {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) return `docker CLI not usable: ${r.error.message}`;
  if (r.status !== 0) return `Docker engine not reachable: ${(r.stderr || r.stdout).trim().split('\n')[0]}`;
  return undefined;
}

export default async function setup(project: TestProject): Promise<() => void> {
  const runId = process.env.MESHLAB_SIM_RUN ?? randomBytes(6).toString('hex');
  process.env.MESHLAB_SIM_RUN = runId;
  project.provide('simRunId', runId);

  const problem = dockerProblem();
  if (problem) {
    if (process.env.CI) throw new Error(`Docker is required in CI: ${problem}`);
    process.stderr.write(`\n⚠ Docker-backed tests will be SKIPPED: ${problem}\n  (start dockerd, or set CI=1 to make this an error)\n\n`);
    project.provide('dockerAvailable', false);
    project.provide('dockerSkipReason', problem);
    project.provide('simNodeImage', '');
    return () => undefined;
  }

  const image = await ensureNodeImage();
  process.stderr.write(`sim node image ${image.tag} ${image.built ? `built in ${image.ms} ms` : 'already present'}\n`);
  // Children (mesh-lab, the simulated tools) inherit the environment of the workers.
  process.env.MESHLAB_SIM_NODE_IMAGE = image.tag;
  project.provide('dockerAvailable', true);
  project.provide('dockerSkipReason', '');
  project.provide('simNodeImage', image.tag);

  return () => {
    const removed = removeLabelled(`dev.mesh-lab.sim.run=${runId}`);
    if (removed.containers.length + removed.networks.length > 0) {
      process.stderr.write(`sim teardown: removed ${removed.containers.length} container(s), ${removed.networks.length} network(s) left by run ${runId}\n`);
    }
  };
}
