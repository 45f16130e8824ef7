// `mesh-lab env`: the variables Istio's docs define, from the saved discovery.
import { gatewayEnv, shellExports } from '../../discovery/gateway-env.js';
import { requireIngress, requireState } from '../../lab/require-state.js';
import type { Session } from '../../lab/session.js';

export interface EnvResult {
  env: Record<string, string>;
  source: string;
  reason: string;
  kubeconfig: string;
  context: string;
}

export function labEnv(session: Session, opts: { kubeconfig?: boolean } = {}): { text: string; result: EnvResult } {
  const state = requireState(session);
  const ingress = requireIngress(session, state);
  const env = gatewayEnv(ingress);
  const lines = [shellExports(env)];
  if (opts.kubeconfig) lines.push(shellExports({ KUBECONFIG: state.cluster.kubeconfig }));
  // a comment line is harmless under eval and tells a human where the values came from
  const text = `# ${ingress.source}: ${ingress.reason}\n${lines.join('\n')}`;
  return { text, result: { env, source: ingress.source, reason: ingress.reason, kubeconfig: state.cluster.kubeconfig, context: state.cluster.context } };
}
