// The kind.x-k8s.io/v1alpha4 Cluster config: strict decoding (kind decodes with
// yaml.v3 KnownFields(true), so unknown fields and wrong scalar types fail with
// yaml.v3's messages), then kind's defaulting.
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { KindError, wrap } from './errors.js';

export const DEFAULT_NODE_IMAGE = 'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';

export interface PortMapping {
  containerPort: number;
  hostPort: number;
  listenAddress: string;
  protocol: string;
}

export interface NodeConfig {
  role: string;
  image: string;
  labels: Record<string, string>;
  extraPortMappings: PortMapping[];
  kubeadmConfigPatches: string[];
}

export interface ClusterConfig {
  name: string;
  nodes: NodeConfig[];
  networking: {
    ipFamily: string;
    apiServerPort: number;
    apiServerAddress: string;
    podSubnet: string;
    serviceSubnet: string;
    disableDefaultCNI: boolean;
    kubeProxyMode: string;
  };
}

// ---- schema of v1alpha4 (field names and Go types, for yaml.v3-style errors) ----
type Schema =
  | { k: 'struct'; go: string; fields: Record<string, Schema> }
  | { k: 'string' | 'int32' | 'bool' }
  | { k: 'slice'; go: string; of: Schema }
  | { k: 'map'; go: string; of: Schema };

const str: Schema = { k: 'string' };
const i32: Schema = { k: 'int32' };
const bool: Schema = { k: 'bool' };
const strings: Schema = { k: 'slice', go: '[]string', of: str };
const patch: Schema = { k: 'struct', go: 'v1alpha4.PatchJSON6902', fields: { group: str, version: str, kind: str, patch: str } };
const patches: Schema = { k: 'slice', go: '[]v1alpha4.PatchJSON6902', of: patch };

const NODE: Schema = {
  k: 'struct',
  go: 'v1alpha4.Node',
  fields: {
    role: str,
    image: str,
    labels: { k: 'map', go: 'map[string]string', of: str },
    extraMounts: {
      k: 'slice',
      go: '[]v1alpha4.Mount',
      of: { k: 'struct', go: 'v1alpha4.Mount', fields: { containerPath: str, hostPath: str, readOnly: bool, selinuxRelabel: bool, propagation: str } },
    },
    extraPortMappings: {
      k: 'slice',
      go: '[]v1alpha4.PortMapping',
      of: { k: 'struct', go: 'v1alpha4.PortMapping', fields: { containerPort: i32, hostPort: i32, listenAddress: str, protocol: str } },
    },
    kubeadmConfigPatches: strings,
    kubeadmConfigPatchesJSON6902: patches,
  },
};

const CLUSTER: Schema = {
  k: 'struct',
  go: 'v1alpha4.Cluster',
  fields: {
    kind: str,
    apiVersion: str,
    name: str,
    nodes: { k: 'slice', go: '[]v1alpha4.Node', of: NODE },
    networking: {
      k: 'struct',
      go: 'v1alpha4.Networking',
      fields: {
        ipFamily: str,
        apiServerPort: i32,
        apiServerAddress: str,
        podSubnet: str,
        serviceSubnet: str,
        disableDefaultCNI: bool,
        kubeProxyMode: str,
        dnsSearch: { k: 'slice', go: '[]string', of: str },
      },
    },
    featureGates: { k: 'map', go: 'map[string]bool', of: bool },
    runtimeConfig: { k: 'map', go: 'map[string]string', of: str },
    kubeadmConfigPatches: strings,
    kubeadmConfigPatchesJSON6902: patches,
    containerdConfigPatches: strings,
    containerdConfigPatchesJSON6902: strings,
  },
};

function tagOf(n: YamlNode): string {
  if (isMap(n)) return '!!map';
  if (isSeq(n)) return '!!seq';
  if (isScalar(n)) {
    const v = n.value;
    if (v === null) return '!!null';
    if (typeof v === 'boolean') return '!!bool';
    if (typeof v === 'number') return Number.isInteger(v) ? '!!int' : '!!float';
    return '!!str';
  }
  return '!!str';
}

/** Walks `node` against `schema`, collecting yaml.v3 messages; returns the decoded value. */
function decode(node: YamlNode | null | undefined, schema: Schema, errs: string[], line: (n: YamlNode) => number): unknown {
  if (!node || (isScalar(node) && node.value === null)) return undefined; // null leaves the zero value
  const mismatch = () => {
    const src = isScalar(node) ? ` \`${String(node.source ?? node.value)}\`` : '';
    errs.push(`line ${line(node)}: cannot unmarshal ${tagOf(node)}${src} into ${'go' in schema ? schema.go : schema.k}`);
    return undefined;
  };
  switch (schema.k) {
    case 'string':
      return isScalar(node) ? String(node.source ?? node.value) : mismatch();
    case 'int32': {
      const v = isScalar(node) ? node.value : undefined;
      if (typeof v !== 'number' || !Number.isInteger(v) || tagOf(node) !== '!!int' || v < -(2 ** 31) || v >= 2 ** 31) return mismatch();
      return v;
    }
    case 'bool':
      return isScalar(node) && typeof node.value === 'boolean' ? node.value : mismatch();
    case 'slice':
      if (!isSeq(node)) return mismatch();
      return node.items.map((it) => decode(it as YamlNode, schema.of, errs, line));
    case 'map': {
      if (!isMap(node)) return mismatch();
      const out: Record<string, unknown> = {};
      for (const pair of node.items) out[String(isScalar(pair.key) ? pair.key.value : pair.key)] = decode(pair.value as YamlNode, schema.of, errs, line);
      return out;
    }
    case 'struct': {
      if (!isMap(node)) return mismatch();
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
        const field = schema.fields[key];
        if (!field) {
          errs.push(`line ${line(pair.key as YamlNode)}: field ${key} not found in type ${schema.go}`);
          continue;
        }
        out[key] = decode(pair.value as YamlNode, field, errs, line);
      }
      return out;
    }
  }
}

function parseYaml(raw: string): { doc: ReturnType<typeof parseDocument>; line: (n: YamlNode) => number } {
  const lc = new LineCounter();
  const doc = parseDocument(raw, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const line = (n: YamlNode) => (n.range ? lc.linePos(n.range[0]).line : 0);
  return { doc, line };
}

function syntaxError(doc: ReturnType<typeof parseDocument>): string | undefined {
  const e = doc.errors[0];
  if (!e) return undefined;
  return `yaml: line ${e.linePos?.[0]?.line ?? 0}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** encoding.Parse: apiVersion/kind first, then strict decode of v1alpha4. */
export function parseConfig(raw: string): ClusterConfig {
  const { doc, line } = parseYaml(raw);
  const se = syntaxError(doc);
  if (se) throw new KindError(`could not determine kind / apiVersion for config: ${se}`);
  const top = doc.toJS() as Record<string, unknown> | null;
  const apiVersion = typeof top?.apiVersion === 'string' ? top.apiVersion : '';
  const kind = typeof top?.kind === 'string' ? top.kind : '';
  if (apiVersion !== 'kind.x-k8s.io/v1alpha4') throw new KindError(`unknown apiVersion: ${apiVersion}`);
  if (kind !== 'Cluster') throw new KindError(`unknown kind ${kind} for apiVersion: ${apiVersion}`);
  const errs: string[] = [];
  const v = decode(doc.contents as YamlNode, CLUSTER, errs, line) as Record<string, any> | undefined;
  if (errs.length > 0) throw new KindError(`unable to decode config: yaml: unmarshal errors:\n  ${errs.join('\n  ')}`);
  return withDefaults(v ?? {});
}

export function loadConfig(path: string | undefined, stdin: () => string): ClusterConfig {
  if (!path) return withDefaults({});
  let raw: string;
  try {
    raw = path === '-' ? stdin() : readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : String(err);
    throw path === '-' ? wrap(new Error(why), 'error reading config from stdin') : wrap(new Error(`open ${path}: ${why}`), 'error reading file');
  }
  return parseConfig(raw);
}

/** v1alpha4 SetDefaultsCluster + the internal defaults kind applies before Validate. */
function withDefaults(v: Record<string, any>): ClusterConfig {
  const net = (v.networking ?? {}) as Record<string, any>;
  const ipFamily = net.ipFamily || 'ipv4';
  const nodesIn = (v.nodes as Array<Record<string, any>> | undefined)?.length ? (v.nodes as Array<Record<string, any>>) : [{}];
  return {
    name: v.name ?? '',
    nodes: nodesIn.map((n) => ({
      role: n?.role || 'control-plane',
      image: n?.image || DEFAULT_NODE_IMAGE,
      labels: n?.labels ?? {},
      extraPortMappings: ((n?.extraPortMappings ?? []) as Array<Record<string, any>>).map((m) => ({
        containerPort: m?.containerPort ?? 0,
        hostPort: m?.hostPort ?? 0,
        listenAddress: m?.listenAddress ?? '',
        protocol: m?.protocol ?? '',
      })),
      kubeadmConfigPatches: [...((v.kubeadmConfigPatches as string[]) ?? []), ...((n?.kubeadmConfigPatches as string[]) ?? [])],
    })),
    networking: {
      ipFamily,
      apiServerPort: net.apiServerPort ?? 0,
      apiServerAddress: net.apiServerAddress || (ipFamily === 'ipv6' ? '::1' : '127.0.0.1'),
      podSubnet: net.podSubnet || (ipFamily === 'ipv6' ? 'fd00:10:244::/56' : ipFamily === 'dual' ? '10.244.0.0/16,fd00:10:244::/56' : '10.244.0.0/16'),
      serviceSubnet: net.serviceSubnet || (ipFamily === 'ipv6' ? 'fd00:10:96::/112' : ipFamily === 'dual' ? '10.96.0.0/16,fd00:10:96::/112' : '10.96.0.0/16'),
      disableDefaultCNI: net.disableDefaultCNI ?? false,
      kubeProxyMode: net.kubeProxyMode || 'iptables',
    },
  };
}
