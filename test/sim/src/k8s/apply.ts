// `kubectl apply` against the simulated API server: resource mapping (CRD-backed kinds
// are unknown until their CRD exists), strict field validation, server-side defaults,
// create/configure/unchanged detection, resourceVersion/generation/uid bookkeeping.
// Objects are processed in order and one failure does not stop the others, as in
// kubectl (errors are reported after the successful lines).
import { readObjects, updateObjects, type ClusterRecord, type K8sObject } from '../lib/store.js';
import { coreSchemas, objectMeta } from '../schemas/core.js';
import { istioSchemas } from '../schemas/istio.js';
import { gatewayApiSchemas } from '../schemas/gateway-api.js';
import { reconcileGatewayApi } from '../gateway-api/controller.js';
import { applyDefaults } from './defaults.js';
import { ApiError, invalid } from './errors.js';
import { deepEqual, findObject, hasGeneration, newUid, nextResourceVersion, nowTimestamp } from './objects.js';
import { byKind, qualifiedKind, type ResourceType } from './registry.js';
import { validate } from './validate.js';
import type { RequestAttributes } from '../rbac/authorizer.js';
import { namespaceExists } from './view.js';
import { effectiveVersion } from '../mesh/objects.js';
import { optionsFromEnv } from '../mesh/knobs.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

export type DryRun = 'none' | 'client' | 'server';
export type Validation = 'strict' | 'warn' | 'ignore';

export interface ApplyOptions {
  source: string;
  namespace: string;
  /** -n was given explicitly: objects naming another namespace are refused */
  namespaceExplicit: boolean;
  serverSide: boolean;
  dryRun: DryRun;
  validate: Validation;
  /** keep the last-applied annotation (client-side apply); istioctl's installer does not */
  lastApplied: boolean;
  /** the authorizer of the requesting user (../rbac/guard.ts denial); absent = admin */
  authorize?: (req: RequestAttributes) => ApiError | undefined;
}

export interface ApplyResult {
  type: ResourceType;
  name: string;
  namespace?: string;
  op: 'created' | 'configured' | 'unchanged' | 'serverside-applied';
  object: K8sObject;
}

export interface ApplyOutcome {
  results: ApplyResult[];
  errors: ApiError[];
  warnings: string[];
}

interface Mapped {
  doc: K8sObject;
  type: ResourceType;
}

function crdExists(objects: K8sObject[], t: ResourceType): boolean {
  return !t.crd || objects.some((o) => o.kind === 'CustomResourceDefinition' && o.metadata.name === t.crd);
}

/** kubectl's resource-mapping step (the builder), before anything is sent to the server. */
export function mapDocs(docs: unknown[], stored: K8sObject[], opts: ApplyOptions): { mapped: Mapped[]; errors: ApiError[] } {
  const mapped: Mapped[] = [];
  const errors: ApiError[] = [];
  for (const raw of docs) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      errors.push(new ApiError('', `error validating "${opts.source}": error validating data: invalid object to validate`));
      continue;
    }
    const doc = raw as K8sObject;
    const json = JSON.stringify(doc);
    if (!doc.kind) {
      errors.push(new ApiError('', `unable to decode "${opts.source}": Object 'Kind' is missing in '${json}'`));
      continue;
    }
    if (!doc.apiVersion) {
      errors.push(new ApiError('', `unable to decode "${opts.source}": Object 'apiVersion' is missing in '${json}'`));
      continue;
    }
    doc.metadata ??= { name: '' };
    const t = byKind(doc.apiVersion, doc.kind);
    if (!t || !crdExists(stored, t)) {
      errors.push(
        new ApiError(
          '',
          `resource mapping not found for name: "${doc.metadata.name ?? ''}" namespace: "${doc.metadata.namespace ?? ''}" from "${opts.source}": ` +
            `no matches for kind "${doc.kind}" in version "${doc.apiVersion}"\nensure CRDs are installed first`,
        ),
      );
      continue;
    }
    if (t.virtual && t.kind !== 'Pod') {
      errors.push(new ApiError('Forbidden', `error when creating "${opts.source}": the simulator does not accept ${t.plural} objects`));
      continue;
    }
    if (t.namespaced) {
      const ns = doc.metadata.namespace;
      if (ns && opts.namespaceExplicit && ns !== opts.namespace) {
        errors.push(
          new ApiError('', `the namespace from the provided object "${ns}" does not match the namespace "${opts.namespace}". You must pass '--namespace=${ns}' to perform this operation.`),
        );
        continue;
      }
    }
    mapped.push({ doc, type: t });
  }
  return { mapped, errors };
}

function schemaFor(t: ResourceType, apiVersion: string) {
  const core = coreSchemas[`${apiVersion}/${t.kind}`];
  if (core) return { schema: core, crd: false };
  // Istio's and the Gateway API's Gateway share a kind name: look up by group.
  const istio = [istioSchemas[t.kind], gatewayApiSchemas[t.kind]].find((x) => x?.group === t.group);
  // A CRD's openAPIV3Schema describes spec/status; the API server adds the standard envelope.
  if (istio) return { schema: { ...istio.schema, p: { ...istio.schema.p, apiVersion: { t: 'string' }, kind: { t: 'string' }, metadata: objectMeta } }, crd: true };
  return undefined;
}

function versionOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[1]! : apiVersion;
}

/** Strict decoding + structural validation; returns the error the API server would answer with. */
export function serverValidate(doc: K8sObject, t: ResourceType, mode: Validation, warnings: string[]): ApiError | undefined {
  const s = schemaFor(t, doc.apiVersion);
  if (!s) return undefined;
  const res = validate(doc, s.schema, s.crd);
  const v = versionOf(doc.apiVersion);
  if (!s.crd && res.causes.some((c) => c.message.includes('must be of type'))) {
    // Built-in types fail JSON decoding on a type mismatch before any field validation.
    const c = res.causes.find((x) => x.message.includes('must be of type'))!;
    return new ApiError('BadRequest', `${t.kind} in version "${v}" cannot be handled as a ${t.kind}: json: cannot unmarshal ${c.message.match(/"(\w+)"$/)?.[1] ?? 'value'} into Go struct field ${c.field} of type ${c.message.match(/type (\S+):/)?.[1] ?? 'value'}`);
  }
  if (res.unknown.length > 0) {
    if (mode === 'strict') {
      return new ApiError('BadRequest', `${t.kind} in version "${v}" cannot be handled as a ${t.kind}: strict decoding error: ${res.unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
    }
    if (mode === 'warn') for (const u of res.unknown) warnings.push(`Warning: unknown field "${u}"`);
    prune(doc, res.unknown);
  }
  if (res.causes.length > 0) return invalid(t.kind, t.group ? `${t.kind}.${t.group}` : t.kind, doc.metadata.name, res.causes);
  return undefined;
}

/** The API server drops unknown fields it was told to ignore. */
function prune(doc: K8sObject, paths: string[]): void {
  for (const p of paths) {
    const parts = p.split('.').flatMap((seg) => seg.split(/\[(\d+)\]/).filter(Boolean));
    let cur: any = doc;
    for (let i = 0; i < parts.length - 1 && cur; i++) cur = cur[parts[i]!];
    if (cur) delete cur[parts[parts.length - 1]!];
  }
}

function threeWayMap(live: Record<string, string> | undefined, lastApplied: Record<string, string> | undefined, desired: Record<string, string> | undefined) {
  const out: Record<string, string> = { ...(live ?? {}) };
  for (const k of Object.keys(lastApplied ?? {})) if (!(k in (desired ?? {}))) delete out[k];
  Object.assign(out, desired ?? {});
  return Object.keys(out).length ? out : undefined;
}

function comparable(o: K8sObject): unknown {
  const { __sim: _s, status: _st, metadata, ...rest } = o;
  const { resourceVersion: _r, generation: _g, uid: _u, creationTimestamp: _c, managedFields: _m, ...meta } = metadata;
  return { ...rest, metadata: meta };
}

/**
 * The requests kubectl apply makes and where RBAC can refuse them (kubectl
 * pkg/cmd/apply/apply.go): client-side, a GET of the live object ("retrieving current
 * configuration of: <info> from server for:"), then a POST ("creating") or a PATCH
 * ("applying patch: <patch> to: <info> for:"); server-side, one PATCH ("serverside-apply").
 * <info> is cli-runtime's resource.Info String().
 */
function authorizeApply(t: ResourceType, doc: K8sObject, ns: string | undefined, exists: boolean, opts: ApplyOptions): void {
  if (!opts.authorize) return;
  const name = doc.metadata.name;
  const base = { group: t.group, resource: t.plural, ...(ns ? { namespace: ns } : {}) };
  const v = versionOf(doc.apiVersion);
  const info = `Resource: "${t.group}/${v}, Resource=${t.plural}", GroupVersionKind: "${t.group}/${v}, Kind=${t.kind}"\nName: "${name}", Namespace: "${ns ?? ''}"`;
  if (opts.serverSide) {
    const e = opts.authorize({ ...base, verb: 'patch', name });
    if (e) throw e.withSource('serverside-apply', opts.source);
    return;
  }
  const g = opts.authorize({ ...base, verb: 'get', name });
  if (g) throw g.withSource(`retrieving current configuration of:\n${info}\nfrom server for:`, opts.source);
  if (!exists) {
    const c = opts.authorize({ ...base, verb: 'create' });
    if (c) throw c.withSource('creating', opts.source);
    return;
  }
  const p = opts.authorize({ ...base, verb: 'patch', name });
  // The patch text is kubectl's three-way merge patch; the simulator shows the applied
  // configuration in its place.
  if (p) throw p.withSource(`applying patch:\n${JSON.stringify(doc)}\nto:\n${info}\nfor:`, opts.source);
}

/** One object through admission and storage. Mutates `objects` unless dry-run. */
function applyOne(m: Mapped, objects: K8sObject[], opts: ApplyOptions, warnings: string[], now: number): ApplyResult {
  const { type: t } = m;
  const doc = structuredClone(m.doc);
  const ns = t.namespaced ? doc.metadata.namespace || opts.namespace : undefined;
  if (t.namespaced) doc.metadata.namespace = ns;
  else delete doc.metadata.namespace;
  const name = doc.metadata.name;
  if (!name) throw new ApiError('', `resource name may not be empty`);
  const live0 = findObject(objects, t, ns, name);
  authorizeApply(t, doc, ns, live0 !== undefined, opts);
  const err = serverValidate(doc, t, opts.validate, warnings);
  if (err) throw err.withSource('creating', opts.source);
  if (ns && opts.dryRun !== 'client' && !namespaceExists(objects, ns)) {
    throw new ApiError('NotFound', `namespaces "${ns}" not found`).withSource('creating', opts.source);
  }
  const live = findObject(objects, t, ns, name);
  const group = t.group;

  const desired: K8sObject = structuredClone(doc);
  delete desired.status;
  if (opts.lastApplied && !opts.serverSide) {
    const cfg = structuredClone(m.doc);
    if (cfg.metadata.annotations) delete cfg.metadata.annotations[LAST_APPLIED];
    desired.metadata.annotations = { ...(desired.metadata.annotations ?? {}), [LAST_APPLIED]: `${JSON.stringify(cfg)}\n` };
    // apimachinery ValidateAnnotations: 256 KiB in total, which is why the large Gateway API
    // CRDs (httproutes) must be applied with --server-side (field.TooLong's wording).
    const size = Object.entries(desired.metadata.annotations).reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (size > 262144) {
      throw invalid(t.kind, t.group ? `${t.kind}.${t.group}` : t.kind, name, [{ field: 'metadata.annotations', message: 'Too long: must have at most 262144 bytes' }])
        .withSource(live ? 'patching' : 'creating', opts.source);
    }
  }
  if (live) {
    let last: K8sObject | undefined;
    try {
      last = JSON.parse(live.metadata.annotations?.[LAST_APPLIED] ?? 'null') ?? undefined;
    } catch {
      last = undefined;
    }
    desired.metadata.labels = threeWayMap(live.metadata.labels, last?.metadata?.labels, desired.metadata.labels);
    desired.metadata.annotations = threeWayMap(live.metadata.annotations, last?.metadata?.annotations, desired.metadata.annotations);
    if (!desired.metadata.labels) delete desired.metadata.labels;
    if (!desired.metadata.annotations) delete desired.metadata.annotations;
    desired.metadata.uid = live.metadata.uid;
    desired.metadata.creationTimestamp = live.metadata.creationTimestamp;
    if (live.metadata.generation !== undefined) desired.metadata.generation = live.metadata.generation;
  }
  const causes = applyDefaults(desired, live, objects);
  if (causes.length > 0) {
    throw invalid(t.kind, group ? `${t.kind}.${group}` : t.kind, name, causes).withSource(live ? 'patching' : 'creating', opts.source);
  }
  if (live && deepEqual(comparable(desired), comparable(live))) {
    return { type: t, name, namespace: ns, op: opts.serverSide ? 'serverside-applied' : 'unchanged', object: live };
  }
  const specChanged = !live || !deepEqual({ ...desired, metadata: undefined, status: undefined, __sim: undefined }, { ...live, metadata: undefined, status: undefined, __sim: undefined });
  desired.metadata.resourceVersion = nextResourceVersion(objects);
  if (!live) {
    desired.metadata.uid = newUid();
    desired.metadata.creationTimestamp = nowTimestamp();
    if (hasGeneration(t.kind, group)) desired.metadata.generation = 1;
  } else if (specChanged && hasGeneration(t.kind, group)) {
    desired.metadata.generation = (live.metadata.generation ?? 1) + 1;
  }
  desired.__sim = { ...(live?.__sim ?? {}), appliedAt: specChanged ? now : (live?.__sim?.appliedAt ?? now) };
  if (live && specChanged && group === 'networking.istio.io') rememberServedSpec(desired, live, now);
  if (opts.dryRun === 'none') {
    if (live) objects.splice(objects.indexOf(live), 1, desired);
    else objects.push(desired);
  }
  return { type: t, name, namespace: ns, op: opts.serverSide ? 'serverside-applied' : live ? 'configured' : 'created', object: desired };
}

/**
 * Envoy keeps serving an Istio object's old config until the update propagates
 * (docs/tool-contract.md: `__sim.previousSpec`). What it serves now is the live spec
 * once that propagated, else whatever the live object itself was still replacing.
 */
function rememberServedSpec(desired: K8sObject, live: K8sObject, now: number): void {
  const served = effectiveVersion(live, now, optionsFromEnv());
  const sim = desired.__sim!;
  delete sim.effectiveAt; // it timed the version being replaced
  if (served?.spec !== undefined) sim.previousSpec = structuredClone(served.spec);
  else delete sim.previousSpec;
}

export function applyDocs(rec: ClusterRecord, docs: unknown[], opts: ApplyOptions): ApplyOutcome {
  const warnings: string[] = [];
  const { mapped, errors } = mapDocs(docs, readObjects(rec.key), opts);
  const results: ApplyResult[] = [];
  const run = (objects: K8sObject[]) => {
    const now = Date.now();
    for (const m of mapped) {
      try {
        results.push(applyOne(m, objects, opts, warnings, now));
      } catch (e) {
        if (e instanceof ApiError) errors.push(e);
        else throw e;
      }
    }
    if (opts.dryRun === 'none') reconcileGatewayApi(objects, now); // istiod's Gateway API controller
  };
  if (opts.dryRun === 'none') updateObjects(rec.key, run);
  else run(readObjects(rec.key));
  // kubectl reports builder (mapping) errors and per-object errors after the successes.
  return { results, errors, warnings };
}

export function qualifiedName(r: { type: ResourceType; name: string }): string {
  return `${qualifiedKind(r.type)}/${r.name}`;
}
