// `mesh-lab env`: the variables Istio's docs define, from the saved discovery.
import { gatewayEnv, shellExports } from '../../discovery/gateway-env.js';
import { requireSavedEndpoint, type LightSession } from '../../session/light-session.js';

export interface EnvResult {
  env: Record<string, string>;
  source: string;
  reason: string;
  kubeconfig: string;
  context: string;
}

export async function runEnv(ctx: LightSession, opts: { kubeconfig?: boolean } = {}): Promise<{ text: string; result: EnvResult }> {
  // the saved endpoint only: no schema library, no cluster round-trip
  const { ingress, cluster, workshopHost } = await requireSavedEndpoint(ctx);
  const env = gatewayEnv(ingress);
  // joined to a workshop: the Host to send, as Istio's docs do with curl -H "Host: …"
  if (workshopHost) env.ATTENDEE_HOST = workshopHost;
  const lines = [shellExports(env)];
  if (opts.kubeconfig) lines.push(shellExports({ KUBECONFIG: cluster.kubeconfig }));
  // a comment line is harmless under eval and tells a human where the values came from
  const text = `# ${ingress.source}: ${ingress.reason}\n${lines.join('\n')}`;
  return { text, result: { env, source: ingress.source, reason: ingress.reason, kubeconfig: cluster.kubeconfig, context: cluster.context } };
}
