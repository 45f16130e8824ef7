// Building the IstioOperator the way istioctl 1.30.3 does (operator/pkg/render/manifest.go
// MergeInputs): files in order, then --set paths under `spec.`, on top of the profile
// (manifests/profiles/*.yaml, itself on top of `default`); maps merge, lists replace
// (values.Map.MergeFrom). Then validation (operator/pkg/apis/validation/validation.go):
// strict decoding, gateway targetPort checks, meshConfig enum values.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { iopSchema } from '../schemas/iop.js';
import { validate } from '../k8s/validate.js';
import type { GatewayConfig, InstallConfig } from '../k8s/istio-install.js';

type Map = Record<string, any>;

export class IstioctlError extends Error {}

/** manifests/profiles/{default,demo,minimal,empty}.yaml (1.30.3), the parts the simulator models */
const PROFILES: Record<string, Map> = {
  default: {
    components: {
      base: { enabled: true },
      pilot: { enabled: true },
      ingressGateways: [{ name: 'istio-ingressgateway', enabled: true }],
      egressGateways: [{ name: 'istio-egressgateway', enabled: false }],
    },
  },
  demo: { components: { egressGateways: [{ name: 'istio-egressgateway', enabled: true }] }, values: { profile: 'demo' } },
  minimal: { components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }] } },
  empty: { components: { base: { enabled: false }, pilot: { enabled: false }, ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }] } },
};
const REAL_BUT_UNSIMULATED = ['ambient', 'openshift', 'openshift-ambient', 'preview', 'remote', 'stable'];

function isMap(v: unknown): v is Map {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergeFrom(base: Map, other: Map): void {
  for (const [k, v] of Object.entries(other)) {
    if (isMap(v) && isMap(base[k])) mergeFrom(base[k], v);
    else base[k] = structuredClone(v);
  }
}

/** values.Map.SetPaths: `a.b[0].c=v`, backslash-escaped dots, values typed like strvals. */
export function setPath(root: Map, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq === -1) throw new IstioctlError(`--set ${assignment}: expected key=value`);
  const rawPath = assignment.slice(0, eq);
  const rawVal = assignment.slice(eq + 1);
  const segs = rawPath.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
  let val: unknown = rawVal;
  if (rawVal === 'true' || rawVal === 'false') val = rawVal === 'true';
  else if (/^-?\d+$/.test(rawVal) && !rawPath.endsWith('tag')) val = Number(rawVal);
  let cur: any = root;
  for (let i = 0; i < segs.length; i++) {
    const m = segs[i]!.match(/^(.*?)\[(\d+)\]$/);
    const key = m ? m[1]! : segs[i]!;
    const last = i === segs.length - 1;
    if (m) {
      cur[key] ??= [];
      const idx = Number(m[2]);
      if (last) cur[key][idx] = val;
      else cur = cur[key][idx] ??= {};
    } else if (last) cur[key] = val;
    else cur = isMap(cur[key]) ? cur[key] : (cur[key] = {});
  }
}

export function mergeInputs(files: string[], sets: string[], revision: string | undefined, readStdin: () => string): Map {
  const user: Map = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: {}, spec: {} };
  files.forEach((f, i) => {
    if (f === '-' && i !== files.length - 1) throw new IstioctlError('merge inputs: stdin is only allowed as the last filename');
    let text: string;
    try {
      text = f === '-' ? readStdin() : readFileSync(f.trim(), 'utf8');
    } catch {
      throw new IstioctlError(`merge inputs: open ${f.trim()}: no such file or directory`);
    }
    const docs = parseAllDocuments(text).filter((d) => d.contents !== null);
    const iops = docs.filter((d) => (d.toJS() as Map | null)?.kind === 'IstioOperator');
    if (iops.length > 1) throw new IstioctlError('merge inputs: contains multiple IstioOperator CRs, only one per file is supported');
    const errs = docs.flatMap((d) => d.errors);
    if (errs.length > 0) throw new IstioctlError(`merge inputs: unable to parse file: ${errs[0]!.message.split('\n')[0]}`);
    const m = (docs[0]?.toJS() ?? {}) as Map;
    if (m.spec === null || m.spec === undefined) delete m.spec;
    mergeFrom(user, m);
  });
  for (const s of sets) setPath(user, `spec.${s}`);
  if (revision && revision !== 'default') setPath(user, `spec.revision=${revision}`);
  const profile = (user.spec?.profile as string | undefined) || 'default';
  if (REAL_BUT_UNSIMULATED.includes(profile)) {
    throw new IstioctlError(`merge inputs: the mesh-lab simulator does not model the "${profile}" profile (it exists in Istio; teach test/sim before using it)`);
  }
  if (!PROFILES[profile]) {
    throw new IstioctlError(`merge inputs: profile "${profile}" not found: open profiles/${profile}.yaml: file does not exist`);
  }
  const base: Map = { apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata: { namespace: 'istio-system' }, spec: structuredClone(PROFILES.default!) };
  if (profile !== 'default') mergeFrom(base.spec, structuredClone(PROFILES[profile]!));
  mergeFrom(base, user);
  return base;
}

/** ParseAndValidateIstioOperator: the first error wins, in istio's wording. */
export function validateIop(iop: Map): void {
  const res = validate(iop, iopSchema, false);
  if (res.unknown.length > 0) {
    const field = res.unknown[0]!.split('.').pop()!.replace(/\[\d+\]$/, '');
    throw new IstioctlError(`could not unmarshal: json: unknown field "${field}"`);
  }
  const typeErr = res.causes.find((c) => c.message.includes('must be of type'));
  if (typeErr) {
    const got = typeErr.message.match(/"(\w+)"$/)?.[1] ?? 'value';
    throw new IstioctlError(`could not unmarshal: json: cannot unmarshal ${got} into Go struct field ${typeErr.field.replace(/\[\d+\]/g, '')} of type ${typeErr.message.match(/type ([\w-]+)/)?.[1] ?? 'value'}`);
  }
  const spec = (iop.spec ?? {}) as Map;
  const mode = spec.meshConfig?.outboundTrafficPolicy?.mode;
  if (mode !== undefined && !['ALLOW_ANY', 'REGISTRY_ONLY'].includes(mode)) {
    throw new IstioctlError(`failed to convert to proto.: unknown value "${JSON.stringify(mode).replace(/"/g, '')}" for enum istio.mesh.v1alpha1.MeshConfig_OutboundTrafficPolicy_Mode`);
  }
  const errs: string[] = [];
  for (const [list, name] of [['ingressGateways', 'istio-ingressgateway'], ['egressGateways', 'istio-egressgateway']] as const) {
    if (spec.values?.gateways?.[name]?.runAsRoot === true) continue;
    for (const gw of (spec.components?.[list] ?? []) as Map[]) {
      for (const p of (gw?.k8s?.service?.ports ?? []) as Map[]) {
        if (typeof p.targetPort === 'string') continue;
        const tp = typeof p.targetPort === 'number' ? p.targetPort : 0;
        if (tp === 0 && p.port > 1024) continue;
        if (tp < 1024) {
          errs.push(`port ${p.name ?? ''}/${p.port} in gateway ${gw.name ?? ''} invalid: targetPort is set to ${tp}, which requires root. Set targetPort to be greater than 1024 or configure values.gateways.${name}.runAsRoot=true`);
        }
      }
    }
  }
  if (spec.revision && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(spec.revision)) errs.push(`invalid revision specified: ${spec.revision}`);
  if (errs.length > 0) throw new IstioctlError(errs.join(', '));
}

function gateways(spec: Map, list: 'ingressGateways' | 'egressGateways', ns: string): GatewayConfig[] {
  const defName = list === 'ingressGateways' ? 'istio-ingressgateway' : 'istio-egressgateway';
  const defIstio = list === 'ingressGateways' ? 'ingressgateway' : 'egressgateway';
  return ((spec.components?.[list] ?? []) as Map[])
    .filter((g) => g && g.enabled !== false)
    .map((g) => {
      const name = (g.name as string) || defName;
      return {
        name,
        namespace: (g.namespace as string) || ns,
        labels: { app: name === defName ? defName : name, istio: name === defName ? defIstio : name, ...(g.label ?? {}) },
        service: g.k8s?.service,
        replicas: g.k8s?.replicaCount,
      };
    });
}

export function resolveInstall(iop: Map, version: string): InstallConfig {
  const spec = (iop.spec ?? {}) as Map;
  const ns = (iop.metadata?.namespace as string) || (spec.namespace as string) || 'istio-system';
  const mesh = structuredClone((spec.meshConfig ?? {}) as Record<string, unknown>);
  return {
    version,
    hub: (spec.hub as string) || 'docker.io/istio',
    revision: (spec.revision as string) || '',
    namespace: ns,
    profile: (spec.profile as string) || 'default',
    base: spec.components?.base?.enabled !== false,
    pilot: spec.components?.pilot?.enabled !== false,
    ingress: gateways(spec, 'ingressGateways', ns),
    egress: gateways(spec, 'egressGateways', ns),
    meshConfig: mesh,
  };
}
