// `mesh-lab env`: the variables Istio's docs define, from the saved discovery.
import { gatewayApiEnvNote, gatewayEnv, shellExports } from '../../discovery/gateway-env.js';
import { requireSavedEndpoint, type LightSession } from '../../session/light-session.js';

export interface EnvResult {
  env: Record<string, string>;
  source: string;
  reason: string;
  kubeconfig: string;
  context: string;
  /** in a Gateway API environment: what istio.io's Gateway API tab derives, and why the discovered endpoint is used */
  gatewayApi?: { derived: Record<string, string>; reachable: false; reason: string };
}

export async function runEnv(ctx: LightSession, opts: { kubeconfig?: boolean } = {}): Promise<{ text: string; result: EnvResult }> {
  // the saved endpoint only: no schema library, no cluster round-trip
  const { ingress, cluster, workshopHost, gatewayApi } = await requireSavedEndpoint(ctx);
  const note = gatewayApi ? gatewayApiEnvNote(ingress) : undefined;
  const env = gatewayEnv(ingress);
  // joined to a workshop: the Host to send, as Istio's docs do with curl -H "Host: …"
  if (workshopHost) env.ATTENDEE_HOST = workshopHost;
  const lines = [shellExports(env)];
  if (opts.kubeconfig) lines.push(shellExports({ KUBECONFIG: cluster.kubeconfig }));
  // a comment line is harmless under eval and tells a human where the values came from
  const text = `# ${ingress.source}: ${ingress.reason}\n${note ? `# Gateway API: ${note.reason}\n` : ''}${lines.join('\n')}`;
  return { text, result: { env, source: ingress.source, reason: ingress.reason, kubeconfig: cluster.kubeconfig, context: cluster.context, ...(note ? { gatewayApi: note } : {}) } };
}
