// The simulated node's only process (PID 1 in the node container): an apiserver
// stand-in on 6443 plus the Istio ingress gateway's data plane on every gateway node
// port, both driven by the cluster store mounted read-only at /store.
import { join } from 'node:path';
import { startApiServer } from './apiserver.js';
import { StoreWatch } from './store-watch.js';
import { GatewayListeners } from './gateway-listeners.js';
import { optionsFromEnv } from '../mesh/knobs.js';

const STORE = process.env.MESHLAB_SIM_STORE ?? '/store';
const API_PORT = Number(process.env.MESHLAB_SIM_API_PORT ?? 6443);

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

const opts = optionsFromEnv();
const watch: StoreWatch = new StoreWatch(join(STORE, 'objects.json'), (objects) => listeners.sync(objects));
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
