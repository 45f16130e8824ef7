// An existing cluster as mesh-lab sees it: named by a kubeconfig context, never created,
// deleted or given Istio unasked; nothing of it runs in this machine's Docker.
import type { ProviderDefinition } from '../definition.js';

export const existingProvider: ProviderDefinition<'existing', false> = {
  name: 'existing',
  tools: ['kubectl', 'istioctl'],
  local: false,
  needsContext: true,
  needsIstioInstallFlag: true,
  load: async () => {
    const { ExistingProvider } = await import('./existing-provider.js');
    return {
      forUp: (session, o) => new ExistingProvider({ context: o.context!, ...(o.kubeconfig ? { kubeconfig: o.kubeconfig } : {}), env: session.env }),
      fromState: (session, state) => new ExistingProvider({ context: state.cluster.context, kubeconfig: state.cluster.kubeconfig, env: session.env }),
    };
  },
};
