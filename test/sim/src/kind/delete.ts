// delete.Cluster: remove the kind-<name> kubeconfig entries, then the node containers
// ("Deleted nodes: [...]" only when there were any), then the simulator's store.
import { removeCluster } from '../lib/store.js';
import { wrap } from './errors.js';
import { goQuoteList } from './gofmt.js';
import { contextFor, removeKubeconfig } from './kubeconfig.js';
import type { Logger } from './logger.js';
import { deleteNodes, listNodes } from './provider.js';

export function deleteCluster(name: string, kubeconfig: string | undefined, log: Logger): void {
  let nodes: string[];
  try {
    nodes = listNodes(name);
  } catch (err) {
    throw wrap(err, 'error listing nodes');
  }
  let kerr: Error | undefined;
  try {
    removeKubeconfig(name, kubeconfig);
  } catch (err) {
    kerr = err as Error;
    log.info(`failed to update kubeconfig: ${kerr.message}`);
  }
  if (nodes.length > 0) {
    deleteNodes(nodes);
    log.info(`Deleted nodes: ${goQuoteList(nodes)}`);
  }
  removeCluster(contextFor(name));
  if (kerr) throw kerr;
}
