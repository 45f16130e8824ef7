// Shared set-up for the simulator's own unit tests: a temp MESHLAB_SIM_HOME, a kubeconfig
// whose cluster record points at a TCP listener started here (so the simulated tools' API
// probe succeeds without Docker), and a runner for the built shims.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
export const BIN = join(root, 'test/sim/bin');

export interface Lab {
  home: string;
  kubeconfig: string;
  context: string;
  port: number;
  run(tool: 'kubectl' | 'istioctl', args: string[], opts?: { input?: string; env?: Record<string, string> }): { code: number; stdout: string; stderr: string };
  close(): Promise<void>;
}

export async function startLab(name = 'lab'): Promise<Lab> {
  if (!existsSync(join(root, 'test/sim/.build/kubectl/main.js'))) throw new Error('simulator not built: run `npm run build:sim`');
  const server: Server = createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  const home = mkdtempSync(join(tmpdir(), 'meshlab-sim-'));
  const kubeconfig = join(home, 'kubeconfig');
  const context = `kind-${name}`;
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, MESHLAB_SIM_HOME: home, MESHLAB_SIM_READY_MS: '300', MESHLAB_SIM_INSTALL_MS: '700' };
  delete baseEnv.MESHLAB_SIM_FAIL;
  delete baseEnv.MESHLAB_SIM_SKIP_API_PROBE;
  // The store and kubeconfig helpers read MESHLAB_SIM_HOME at call time.
  const prev = process.env.MESHLAB_SIM_HOME;
  process.env.MESHLAB_SIM_HOME = home;
  const { writeCluster } = await import('../../sim/.build/lib/store.js' as string);
  const { upsertEntry } = await import('../../sim/.build/lib/kubeconfig.js' as string);
  writeCluster({
    key: context, provider: 'kind', name, context, server: `https://127.0.0.1:${port}`, nodeContainer: `${name}-control-plane`,
    network: 'kind', createdAt: new Date().toISOString(), nodeIP: '172.18.0.7',
  });
  upsertEntry(kubeconfig, { name: context, server: `https://127.0.0.1:${port}`, setCurrent: true });
  if (prev === undefined) delete process.env.MESHLAB_SIM_HOME;
  else process.env.MESHLAB_SIM_HOME = prev;
  return {
    home, kubeconfig, context, port,
    run(tool, args, opts = {}) {
      const r = spawnSync(join(BIN, tool), args, { input: opts.input ?? '', env: { ...baseEnv, ...(opts.env ?? {}) }, encoding: 'utf8', timeout: 30_000 });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
