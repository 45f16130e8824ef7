// `istioctl version`. Flags from istio 1.30.3 pkg/version/cobra.go (-s/--short, -o/--output,
// --remote) and istioctl/pkg/clioptions/control_plane.go (-r/--revision); istioctl forces
// short=true and remote=true by default (istioctl/pkg/version/version.go). Output formats:
// "client version: X" lines; JSON via json.MarshalIndent(.., "", "  ") of
// {clientVersion, meshVersion, dataPlaneVersion}; see shared/upstream/istioctl/version.*.
import type { FlagSpec } from '../lib/flags.js';
import { readObjects } from '../lib/store.js';
import { podsFor } from '../k8s/readiness.js';
import { clientVersion, connectCluster } from './cluster.js';

export const versionFlags: FlagSpec[] = [
  { name: 'short', short: 's', type: 'bool', def: true },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'remote', type: 'bool', def: true },
  { name: 'revision', short: 'r', type: 'string' },
];

// Build metadata of the istioctl 1.30.3 release (revision = the tag's commit; Go from go.mod).
function info(version: string) {
  return { version, revision: '56df41f63e513f834c9a3af33d8aed82d1d961f2', golang_version: 'go1.25.9', status: 'Clean', tag: version };
}

export async function runVersion(args: string[], flags: Record<string, unknown>): Promise<{ code: number; error?: string }> {
  const o = flags.output as string | undefined;
  if (o && o !== 'yaml' && o !== 'json') return { code: 1, error: `--output must be 'yaml' or 'json'` };
  void args;
  const result: Record<string, unknown> = { clientVersion: info(clientVersion()) };
  let mesh: Array<{ Component: string; Revision: string; Info: ReturnType<typeof info> }> | undefined;
  let proxies: Array<{ ID: string; IstioVersion: string; Type: string }> | undefined;
  if (flags.remote) {
    try {
      const conn = await connectCluster(flags);
      const objs = readObjects(conn.rec.key);
      const ns = (flags.istioNamespace as string) || 'istio-system';
      const istiods = objs.filter((d) => d.kind === 'Deployment' && d.metadata.namespace === ns && d.spec?.template?.metadata?.labels?.app === 'istiod');
      const ready = istiods.flatMap((d) => podsFor(d).filter((p) => p.status.phase === 'Running').map((p) => ({ d, p })));
      if (ready.length === 0) {
        process.stderr.write(`Istio is not present in the cluster: no running Istio pods in namespace "${ns}"\n`);
      } else {
        mesh = ready.map(({ d, p }) => ({
          Component: (p.metadata.labels?.istio as string) ?? 'pilot',
          Revision: (p.metadata.labels?.['istio.io/rev'] as string) ?? 'default',
          Info: info(String(d.spec.template.spec.containers[0].image).split(':').pop()!),
        }));
      }
      proxies = objs
        .filter((d) => d.kind === 'Deployment' && d.spec?.template?.spec?.containers?.some((c: { name: string }) => c.name === 'istio-proxy'))
        .flatMap((d) => podsFor(d).filter((p) => p.status.phase === 'Running').map((p) => ({ d, p })))
        .map(({ d, p }) => ({ ID: `${p.metadata.name}.${p.metadata.namespace}`, IstioVersion: String(d.spec.template.spec.containers[0].image).split(':').pop()!, Type: 'gateway' }));
    } catch (e) {
      process.stderr.write(`Istio is not present in the cluster: ${(e as Error).message}\n`);
    }
  }
  if (mesh) result.meshVersion = mesh;
  if (proxies && (mesh || proxies.length > 0)) result.dataPlaneVersion = proxies;
  if (o === 'json') process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  else if (o === 'yaml') {
    const { stringify } = await import('yaml');
    process.stdout.write(`${stringify(result, { indentSeq: false })}\n`);
  } else {
    const short = flags.short as boolean;
    const c = result.clientVersion as ReturnType<typeof info>;
    process.stdout.write(`client version: ${short ? c.version : longForm(c)}\n`);
    if (mesh) {
      const same = mesh.every((m) => m.Info.version === mesh![0]!.Info.version);
      if (short && same) process.stdout.write(`control plane version: ${mesh[0]!.Info.version}\n`);
      else for (const m of mesh) process.stdout.write(`${m.Component} version: ${short ? m.Info.version : longForm(m.Info)}\n`);
    }
    if (proxies && (mesh || proxies.length > 0)) {
      if (proxies.length === 0) process.stdout.write('data plane version: none\n');
      else {
        const byVer = new Map<string, number>();
        for (const p of proxies) byVer.set(p.IstioVersion, (byVer.get(p.IstioVersion) ?? 0) + 1);
        process.stdout.write(`data plane version: ${[...byVer.keys()].sort().map((v) => `${v} (${byVer.get(v)} proxies)`).join(', ')}\n`);
      }
    }
  }
  return { code: 0 };
}

function longForm(i: ReturnType<typeof info>): string {
  return `version.BuildInfo{Version:"${i.version}", GitRevision:"${i.revision}", GolangVersion:"${i.golang_version}", BuildStatus:"${i.status}", GitTag:"${i.tag}"}`;
}
