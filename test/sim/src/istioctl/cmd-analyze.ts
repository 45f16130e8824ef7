// `istioctl analyze` over the simulated cluster. Flags from istio 1.30.3
// istioctl/pkg/analyze/analyze.go. Analyzers modelled: IST0101 ReferencedResourceNotFound
// (VirtualService gateways and destination hosts) and IST0102 NamespaceNotInjected
// (pkg/config/analysis/analyzers/injection/injection.go). Output and exit codes from
// analyze.go and istioctl/pkg/util/formatting/formatter.go: log lines on stdout, the
// success line on stderr, JSON with tab indent, exit 79 (AnalyzerFoundIssuesError) when a
// message reaches --failure-threshold in log format; see shared/upstream/istioctl/analyze.*.
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, type K8sObject } from '../lib/store.js';
import { namespaceExists } from '../k8s/view.js';
import { stringify } from 'yaml';
import { clientVersion, connectCluster } from './cluster.js';
import { IstioctlError } from './iop.js';

export const analyzeFlags: FlagSpec[] = [
  { name: 'list-analyzers', short: 'L', type: 'bool' },
  { name: 'use-kube', short: 'k', type: 'bool', def: true },
  { name: 'color', type: 'bool' },
  { name: 'verbose', short: 'v', type: 'bool' },
  { name: 'failure-threshold', type: 'string', def: 'Warning' },
  { name: 'output-threshold', type: 'string', def: 'Info' },
  { name: 'output', short: 'o', type: 'string', def: 'log' },
  { name: 'meshConfigFile', type: 'string' },
  { name: 'all-namespaces', short: 'A', type: 'bool' },
  { name: 'suppress', short: 'S', type: 'stringArray' },
  { name: 'timeout', type: 'duration', def: 30_000 },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'ignore-unknown', type: 'bool' },
  { name: 'revision', short: 'r', type: 'string', def: 'default' },
  { name: 'remote-contexts', type: 'stringArray' },
  { name: 'analyzer', type: 'stringArray' },
];

const LEVELS = ['Info', 'Warning', 'Error'];

interface Message {
  code: string;
  level: string;
  message: string;
  origin: string;
}

export class AnalyzerFoundIssues extends IstioctlError {}

function docsBase(): string {
  const [maj, min] = clientVersion().split('.');
  return `https://istio.io/v${maj}.${min}/docs/reference/config/analysis`;
}

function fqdn(host: string, ns: string): string {
  if (host.includes('*')) return host;
  const parts = host.split('.');
  if (parts.length === 1) return `${host}.${ns}.svc.cluster.local`;
  if (parts.length === 2) return `${host}.svc.cluster.local`;
  return host;
}

function hostExists(host: string, ns: string, objs: K8sObject[]): boolean {
  const want = fqdn(host, ns);
  const services = objs.filter((o) => o.kind === 'Service').map((o) => `${o.metadata.name}.${o.metadata.namespace}.svc.cluster.local`);
  if (services.includes(want)) return true;
  return objs
    .filter((o) => o.kind === 'ServiceEntry')
    .flatMap((o) => (o.spec?.hosts ?? []) as string[])
    .some((h) => h === want || h === host || (h.startsWith('*.') && want.endsWith(h.slice(1))));
}

function analyze(objs: K8sObject[], namespaces: string[]): Message[] {
  const out: Message[] = [];
  for (const ns of namespaces) {
    if (ns === 'istio-system') continue;
    const nsObj = objs.find((o) => o.kind === 'Namespace' && o.metadata.name === ns);
    const labels = nsObj?.metadata.labels ?? {};
    if (!labels['istio-injection'] && !labels['istio.io/rev'] && labels['istio.io/dataplane-mode'] !== 'ambient') {
      out.push({
        code: 'IST0102', level: 'Info', origin: `Namespace ${ns}`,
        message: `The namespace is not enabled for Istio injection. Run 'kubectl label namespace ${ns} istio-injection=enabled' to enable it, or 'kubectl label namespace ${ns} istio-injection=disabled' to explicitly mark it as not needing injection.`,
      });
    }
  }
  const gateways = objs.filter((o) => o.kind === 'Gateway' && o.apiVersion.startsWith('networking.istio.io/'));
  for (const vs of objs.filter((o) => o.kind === 'VirtualService' && namespaces.includes(o.metadata.namespace ?? ''))) {
    const ns = vs.metadata.namespace!;
    const origin = `VirtualService ${ns}/${vs.metadata.name}`;
    const refs = new Set<string>([...((vs.spec?.gateways ?? []) as string[])]);
    for (const h of (vs.spec?.http ?? []) as Array<{ match?: Array<{ gateways?: string[] }> }>) for (const m of h.match ?? []) for (const g of m.gateways ?? []) refs.add(g);
    for (const g of refs) {
      if (g === 'mesh') continue;
      const [gns, gname] = g.includes('/') ? (g.split('/', 2) as [string, string]) : [ns, g];
      if (!gateways.some((x) => x.metadata.namespace === gns && x.metadata.name === gname)) {
        out.push({ code: 'IST0101', level: 'Error', origin, message: `Referenced gateway not found: "${g}"` });
      }
    }
    const routes = ['http', 'tcp', 'tls'].flatMap((k) => (vs.spec?.[k] ?? []) as Array<{ route?: Array<{ destination?: { host?: string } }>; mirror?: { host?: string } }>);
    for (const r of routes) {
      for (const d of r.route ?? []) {
        const host = d.destination?.host;
        if (host && !hostExists(host, ns, objs)) out.push({ code: 'IST0101', level: 'Error', origin, message: `Referenced host not found: "${host}"` });
      }
    }
  }
  return out;
}

export async function runAnalyze(args: string[], flags: Record<string, unknown>): Promise<number> {
  const format = flags.output as string;
  if (!['log', 'json', 'yaml'].includes(format)) throw new IstioctlError(`${format} not a valid option for format. See istioctl analyze --help`);
  for (const f of ['failure-threshold', 'output-threshold']) {
    if (!LEVELS.includes(flags[f] as string)) throw new IstioctlError(`invalid argument "${flags[f]}" for "--${f}" flag: ${flags[f]} not a valid option, please choose from: [Info Warning Error]`);
  }
  if (args.length > 0) throw new IstioctlError('the mesh-lab simulator analyzes the cluster only (file arguments are not simulated)');
  const conn = await connectCluster(flags);
  const objs = readObjects(conn.rec.key);
  const allNs = flags['all-namespaces'] as boolean;
  const selected = (flags.namespace as string) || conn.contextNamespace || 'default';
  const target = allNs ? 'all namespaces' : `namespace: ${selected}`;
  if (!allNs && !namespaceExists(objs, selected)) process.stderr.write(`namespace "${selected}" not found\n`);
  const namespaces = allNs
    ? ['default', ...objs.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)].filter((n, i, a) => a.indexOf(n) === i && !n.startsWith('kube-') && n !== 'local-path-storage')
    : [selected];
  const suppress = (flags.suppress as string[]).map((s) => s.split('='));
  let msgs = analyze(objs, namespaces).filter((m) => !suppress.some(([code, res]) => code === m.code && (res === undefined || m.origin === res || res === '*')));
  msgs.sort((a, b) => LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) || a.origin.localeCompare(b.origin) || a.code.localeCompare(b.code));
  const shown = msgs.filter((m) => LEVELS.indexOf(m.level) >= LEVELS.indexOf(flags['output-threshold'] as string));
  const withUrl = shown.map((m) => ({ code: m.code, documentationUrl: `${docsBase()}/${m.code.toLowerCase()}/?ref=istioctl-analyze`, level: m.level, message: m.message, origin: m.origin }));
  if (format === 'json') process.stdout.write(`${JSON.stringify(withUrl, null, '\t')}\n`);
  else if (format === 'yaml') process.stdout.write(`${withUrl.length ? stringify(withUrl, { indentSeq: false }) : '[]\n'}\n`);
  else process.stdout.write(`${shown.map((m) => `${m.level} [${m.code}] (${m.origin}) ${m.message}`).join('\n')}\n`);
  if (shown.length === 0) process.stderr.write(`✔ No validation issues found when analyzing ${target}.\n`);
  msgs = msgs.filter((m) => LEVELS.indexOf(m.level) >= LEVELS.indexOf(flags['failure-threshold'] as string));
  if (format === 'log' && msgs.length > 0) {
    throw new AnalyzerFoundIssues(`Analyzers found issues when analyzing ${target}.\nSee ${docsBase()} for more information about causes and resolutions.`);
  }
  return 0;
}
