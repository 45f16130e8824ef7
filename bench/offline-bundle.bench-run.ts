// Issue 12's figures against the simulator: the size of a bundle for a traffic-shifting
// environment, and the wall time of `up --bundle` (offline: MESHLAB_SIM_OFFLINE=1) next to
// a plain `up` (online), each on a fresh cluster, interleaved round by round so load drift
// cancels out. The images are locally made and tiny (no registry is reachable), so the
// size is mesh-lab's overhead plus the tools; a real bundle adds the images' own sizes
// (`mesh-lab bundle inspect` lists them). Nothing here is asserted.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, it } from 'vitest';
import { createLabEnv, freePort, type LabEnv } from '../test/e2e/support/harness.js';
import { ENV_IMAGES, makeImages, removeImages, serveTools, type ToolsServer } from '../test/e2e/support/offline-fixtures.js';

const ROUNDS = Number(process.env.MESH_LAB_BENCH_BUNDLE_ROUNDS ?? 3);

let lab: LabEnv | undefined;
let tools: ToolsServer | undefined;
const nodeImage = `mesh-lab-bench-${process.pid}/node:v1.36.1`;
const images = [nodeImage, ...ENV_IMAGES];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

afterAll(async () => {
  if (lab) {
    await lab.run(['down', '-e', `bench-plain-${process.pid}`]);
    await lab.run(['down', '-e', `bench-bundle-${process.pid}`]);
    await lab.cleanup();
  }
  await tools?.close();
  removeImages(images);
});

it('bundle size, and up --bundle (offline) next to a plain up', async () => {
  lab = await createLabEnv();
  makeImages(images);
  tools = await serveTools(lab.root);
  const bundle = join(lab.root, 'workshop.mlbundle');
  const created = await lab.run(['bundle', 'create', '--kind-node-image', nodeImage, '-o', bundle], { MESH_LAB_TOOLS_BASE_URL: tools.url });
  if (created.exitCode !== 0) throw new Error(created.stderr);
  const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
  const times = { plain: [] as number[], bundle: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of ['plain', 'bundle'] as const) {
      const env = `bench-${kind}-${process.pid}`;
      const args = ['up', '-e', env, '--kind-node-image', nodeImage, ...ports, ...(kind === 'bundle' ? ['--bundle', bundle] : [])];
      const run = await lab.run(args, kind === 'bundle' ? { MESHLAB_SIM_OFFLINE: '1' } : {});
      if (run.exitCode !== 0) throw new Error(`${args.join(' ')}: ${run.stderr}`);
      times[kind].push(run.ms);
      await lab.run(['down', '-e', env]);
    }
  }
  const size = statSync(bundle).size;
  const plain = median(times.plain);
  const withBundle = median(times.bundle);
  console.log(
    [
      `bundle for ${images.length} images (locally made) + kind, kubectl, istioctl for linux and darwin: ${(size / 1024).toFixed(0)} KiB (bundle create ${(created.ms / 1000).toFixed(1)} s)`,
      `cold up, median of ${ROUNDS}: plain ${(plain / 1000).toFixed(1)} s; up --bundle offline ${(withBundle / 1000).toFixed(1)} s (x${(withBundle / plain).toFixed(2)})`,
    ].join('\n'),
  );
});
