// Several reads of one namespace answered by ONE `kubectl get <type>,<type>... -n NS -o json`
// (a comma list of types: everything of each, in one process; kubectl prints one List,
// kubernetes/kubectl pkg/cmd/get/get.go printGeneric). The snapshot is taken on the first
// question and kept: use one only for a stretch with no write in between (a step's checks).
// Two snapshots of the same namespace and types ask exactly the same argv, so on a rerun
// the read-ahead (src/process/read-ahead-runner.ts) answers both with one kubectl process.
// Questions it cannot answer (another namespace or type, a selector other than `k=v,...`)
// go to kubectl as before.
import type { Kubectl } from './kubectl.js';
import { parseGetOutput } from './live-objects.js';
import type { K8sObject } from './objects.js';

/** The reads of Kubectl that a snapshot can stand in for. */
export type KubeReader = Pick<Kubectl, 'list' | 'getNamed'>;

/** A resource type as kubectl accepts it, with the kind and API group of its objects. */
export interface SnapshotType {
  /** kubectl's plural, group-qualified when not core (`deployments.apps`) */
  resource: string;
  kind: string;
  group: string;
  /** the other names callers use for it (`deployments`, `deployment`, `configmap`) */
  aliases: readonly string[];
}

export const SNAPSHOT_TYPES = {
  deployments: { resource: 'deployments.apps', kind: 'Deployment', group: 'apps', aliases: ['deployments', 'deployment', 'deployment.apps', 'deploy'] },
  services: { resource: 'services', kind: 'Service', group: '', aliases: ['service', 'svc'] },
  pods: { resource: 'pods', kind: 'Pod', group: '', aliases: ['pod', 'po'] },
  configmaps: { resource: 'configmaps', kind: 'ConfigMap', group: '', aliases: ['configmap', 'cm'] },
} as const satisfies Record<string, SnapshotType>;

/** `a=b,c==d` as a list of required labels; undefined for anything else (set-based, `!=`, `!key`). */
export function equalitySelector(selector: string | undefined): Array<[string, string]> | undefined {
  if (!selector) return [];
  const out: Array<[string, string]> = [];
  for (const term of selector.split(',')) {
    const m = /^\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*==?\s*([-A-Za-z0-9_.]*)\s*$/.exec(term);
    if (!m) return undefined;
    out.push([m[1]!, m[2]!]);
  }
  return out;
}

const groupOf = (o: K8sObject): string => (o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '');

export class NamespaceSnapshot implements KubeReader {
  private taken?: Promise<K8sObject[]>;

  constructor(
    private readonly kubectl: Kubectl,
    readonly namespace: string,
    private readonly types: readonly SnapshotType[],
    private readonly purpose: string,
  ) {}

  /** The argv of the one read (after kubectl's global flags). */
  get args(): string[] {
    return ['get', this.types.map((t) => t.resource).join(','), '-n', this.namespace, '-o', 'json'];
  }

  private objects(): Promise<K8sObject[]> {
    this.taken ??= this.kubectl.run(this.args, { purpose: this.purpose }).then((r) => parseGetOutput(r.stdout));
    return this.taken;
  }

  private typeOf(resource: string): SnapshotType | undefined {
    return this.types.find((t) => t.resource === resource || t.aliases.includes(resource));
  }

  async list(resource: string, opts: { namespace?: string; selector?: string; purpose?: string } = {}): Promise<K8sObject[]> {
    const type = this.typeOf(resource);
    const wanted = equalitySelector(opts.selector);
    if (!type || opts.namespace !== this.namespace || !wanted) return this.kubectl.list(resource, opts);
    return (await this.objects()).filter((o) => o.kind === type.kind && groupOf(o) === type.group && wanted.every(([k, v]) => o.metadata.labels?.[k] === v));
  }

  async getNamed(refs: readonly string[], namespace: string | undefined, purpose: string): Promise<K8sObject[]> {
    const named = refs.map((ref) => ({ type: this.typeOf(ref.slice(0, ref.indexOf('/'))), name: ref.slice(ref.indexOf('/') + 1) }));
    if (namespace !== this.namespace || refs.some((r) => !r.includes('/')) || named.some((n) => !n.type)) return this.kubectl.getNamed(refs, namespace, purpose);
    const all = await this.objects();
    return named.flatMap(({ type, name }) => all.filter((o) => o.kind === type!.kind && groupOf(o) === type!.group && o.metadata.name === name));
  }
}
