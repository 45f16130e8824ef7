// Which routing API a lab runs with: the names, and the choice. Import-free on purpose:
// `lab show` and `lab step` answer from the lab cache and need these, and nothing heavier
// (src/commands/lab/lab-views.ts). The variants themselves are resolved in ./variants.ts.
import type { LabApi, Lab } from './types.js';

export const API_TITLES: Record<LabApi, string> = {
  istio: 'Istio API (networking.istio.io Gateway + VirtualService)',
  'gateway-api': 'Gateway API (gateway.networking.k8s.io Gateway + HTTPRoute)',
};

/** The APIs a lab supports, in file order (default: Istio's only). */
export function labApis(lab: Lab): LabApi[] {
  return lab.apis ?? ['istio'];
}

/**
 * The API a lab runs with: Gateway API when asked for (`--gateway-api`), when the lab
 * requires it, or when the environment was made with `up --gateway-api` and the lab has
 * that variant; Istio's otherwise. `undefined` when asked for an API the lab lacks.
 */
export function pickApi(lab: Lab, o: { requested?: boolean; environmentGatewayApi?: boolean }): LabApi | undefined {
  const apis = labApis(lab);
  if (o.requested || lab.requirements?.gatewayApi) return apis.includes('gateway-api') ? 'gateway-api' : undefined;
  if (o.environmentGatewayApi && apis.includes('gateway-api')) return 'gateway-api';
  return apis.includes('istio') ? 'istio' : apis[0];
}

