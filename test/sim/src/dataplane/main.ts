// The simulated node's only process (PID 1 in the node container): an apiserver
// stand-in on 6443 plus the Istio ingress gateway's data plane on every gateway node
// port, both driven by the cluster store mounted read-only at /store.
import { join } from 'node:path';
import { startApiServer } from './apiserver.js';
import { StoreWatch } from './store-watch.js';
import { GatewayListeners } from './gateway-listeners.js';
import { readFileSync } from 'node:fs';
import { optionsFromEnv, seedFromEnv } from '../mesh/knobs.js';
import { createSpread } from '../mesh/spread.js';

const STORE = process.env.MESHLAB_SIM_STORE ?? '/store';
const API_PORT = Number(process.env.MESHLAB_SIM_API_PORT ?? 6443);

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

const opts = optionsFromEnv();
let seed = seedFromEnv();
const watch: StoreWatch = new StoreWatch(join(STORE, 'objects.json'), (objects) => {
  followSeed();
  listeners.sync(objects);
});

/** The seed the latest apply recorded (lib/store.ts recordSeed): a new one restarts the random stream. */
function followSeed(): void {
  let recorded: string | undefined;
  try {
    recorded = readFileSync(join(STORE, 'seed'), 'utf8').trim();
  } catch {
    return;
  }
  if (recorded === '' || recorded === seed) return;
  seed = recorded;
  opts.spread = createSpread(undefined, seed);
  log(`sim-node: random seed ${seed}`);
}
const listeners = new GatewayListeners(() => watch.current(), opts, log);
watch.start();
const api = startApiServer(API_PORT, () => log(`sim-node: ready (apiserver on :${API_PORT})`));

// PID 1 gets no default signal handlers: exit promptly on docker stop.
for (const sig of ['SIGTERM', 'SIGINT'] as const) {
  process.on(sig, () => {
    watch.stop();
    listeners.close();
    api.close();
    process.exit(0);
  });
}
