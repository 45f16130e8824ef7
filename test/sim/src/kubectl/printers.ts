// kubectl's printers: JSON (4-space indent, keys sorted as Go marshals maps, trailing
// newline), YAML (sigs.k8s.io/yaml: sorted keys, lists not indented), name
// (`kind.group/name`), jsonpath, and the default human-readable tables.
import { stringify } from 'yaml';
import type { K8sObject } from '../lib/store.js';
import { ApiError } from '../k8s/errors.js';
import { byKind, qualifiedKind } from '../k8s/registry.js';
import { jsonpath } from './jsonpath.js';

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export function toJSON(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 4)}\n`;
}

export function toYAML(v: unknown): string {
  return stringify(sortKeys(v), { indentSeq: false, lineWidth: 0 });
}

export function asList(items: K8sObject[]): Record<string, unknown> {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}

export function nameOf(o: K8sObject): string {
  const t = byKind(o.apiVersion, o.kind);
  const prefix = t ? qualifiedKind(t) : o.kind.toLowerCase();
  return `${prefix}/${o.metadata.name}`;
}

export type OutputFormat = { kind: 'json' | 'yaml' | 'name' | 'wide' | 'table' } | { kind: 'jsonpath'; template: string };

export function parseOutput(o: string | undefined, allowed: string[]): OutputFormat {
  if (!o) return { kind: 'table' };
  for (const p of ['jsonpath=', 'jsonpath-as-json=']) {
    if (o.startsWith(p)) return { kind: 'jsonpath', template: o.slice(p.length) };
  }
  if (allowed.includes(o) && (o === 'json' || o === 'yaml' || o === 'name' || o === 'wide')) return { kind: o };
  throw new ApiError('', `unable to match a printer suitable for the output format "${o}", allowed formats are: ${allowed.join(',')}`);
}

export const GET_FORMATS = [
  'custom-columns', 'custom-columns-file', 'go-template', 'go-template-file', 'json', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file',
  'name', 'template', 'templatefile', 'wide', 'yaml',
];

export function age(ts: string | undefined, now = Date.now()): string {
  const t = ts ? Date.parse(ts) : NaN;
  if (!Number.isFinite(t)) return '<unknown>';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

function row(o: K8sObject, withNs: boolean): { head: string[]; cells: string[] } {
  const a = age(o.metadata.creationTimestamp);
  const ns = withNs ? [o.metadata.namespace ?? ''] : [];
  const nsHead = withNs ? ['NAMESPACE'] : [];
  switch (o.kind) {
    case 'Pod': {
      const cs = (o.status?.containerStatuses ?? []) as Array<{ ready: boolean; restartCount: number }>;
      const ready = `${cs.filter((c) => c.ready).length}/${cs.length}`;
      const status = o.status?.phase === 'Running' ? 'Running' : 'ContainerCreating';
      return { head: [...nsHead, 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'], cells: [...ns, o.metadata.name, ready, status, '0', a] };
    }
    case 'Deployment': {
      const st = o.status ?? {};
      return {
        head: [...nsHead, 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
        cells: [...ns, o.metadata.name, `${st.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}`, String(st.updatedReplicas ?? 0), String(st.availableReplicas ?? 0), a],
      };
    }
    case 'Service': {
      const s = o.spec ?? {};
      const ports = ((s.ports ?? []) as Array<{ port: number; nodePort?: number; protocol: string }>)
        .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`)
        .join(',');
      const ext = s.type === 'LoadBalancer' ? ((o.status?.loadBalancer?.ingress?.[0]?.ip as string | undefined) ?? '<pending>') : '<none>';
      return {
        head: [...nsHead, 'NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
        cells: [...ns, o.metadata.name, s.type, s.clusterIP ?? '<none>', ext, ports || '<none>', a],
      };
    }
    case 'Namespace':
      return { head: ['NAME', 'STATUS', 'AGE'], cells: [o.metadata.name, o.status?.phase ?? 'Active', a] };
    case 'Node': {
      const ready = (o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      return {
        head: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
        cells: [o.metadata.name, ready ? 'Ready' : 'NotReady', 'control-plane', a, o.status?.nodeInfo?.kubeletVersion ?? ''],
      };
    }
    case 'ConfigMap':
      return { head: [...nsHead, 'NAME', 'DATA', 'AGE'], cells: [...ns, o.metadata.name, String(Object.keys(o.data ?? {}).length), a] };
    case 'Gateway':
      return { head: [...nsHead, 'NAME', 'AGE'], cells: [...ns, o.metadata.name, a] };
    case 'VirtualService':
      return {
        head: [...nsHead, 'NAME', 'GATEWAYS', 'HOSTS', 'AGE'],
        cells: [...ns, o.metadata.name, JSON.stringify(o.spec?.gateways ?? []), JSON.stringify(o.spec?.hosts ?? []), a],
      };
    case 'CustomResourceDefinition':
      return { head: ['NAME', 'CREATED AT'], cells: [o.metadata.name, o.metadata.creationTimestamp ?? ''] };
    default:
      return { head: [...nsHead, 'NAME', 'AGE'], cells: [...ns, o.metadata.name, a] };
  }
}

/** Tabwriter-style columns separated by 3 spaces, as kubectl's human-readable printer. */
/** --show-labels: a LABELS column, key=value pairs sorted by key, or <none>. */
function labelsCell(o: K8sObject): string {
  const l = o.metadata.labels ?? {};
  const keys = Object.keys(l).sort();
  return keys.length ? keys.map((k) => `${k}=${l[k]}`).join(',') : '<none>';
}

export function table(objs: K8sObject[], withNs: boolean, noHeaders: boolean, showLabels = false): string {
  if (objs.length === 0) return '';
  const rows = objs.map((o) => {
    const r = row(o, withNs);
    return showLabels ? { head: [...r.head, 'LABELS'], cells: [...r.cells, labelsCell(o)] } : r;
  });
  const lines = noHeaders ? rows.map((r) => r.cells) : [rows[0]!.head, ...rows.map((r) => r.cells)];
  const widths = lines[0]!.map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  return lines.map((l) => l.map((cell, c) => (c === l.length - 1 ? cell : cell.padEnd(widths[c]! + 3))).join('')).join('\n') + '\n';
}

export function printObjects(objs: K8sObject[], fmt: OutputFormat, asSingle: boolean, withNs: boolean, noHeaders = false, showLabels = false): string {
  switch (fmt.kind) {
    case 'json':
      return toJSON(asSingle ? objs[0] : asList(objs));
    case 'yaml':
      return toYAML(asSingle ? objs[0] : asList(objs));
    case 'name':
      return objs.map((o) => `${nameOf(o)}\n`).join('');
    case 'jsonpath':
      return jsonpath(fmt.template, asSingle ? objs[0] : asList(objs));
    default:
      return table(objs, withNs, noHeaders, showLabels);
  }
}
