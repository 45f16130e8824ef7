// kubectl bound to one cluster. Every call carries --kubeconfig and --context, so the
// user's current context is neither read nor changed.
import type { Runner, RunResult } from '../process/runner.js';
import type { ClusterAccess } from './cluster-access.js';
import type { K8sList, K8sObject } from './objects.js';

export class Kubectl {
  constructor(
    private readonly runner: Runner,
    readonly access: ClusterAccess,
    private readonly binary = 'kubectl',
  ) {}

  private args(rest: string[]): string[] {
    return ['--kubeconfig', this.access.kubeconfig, '--context', this.access.context, ...rest];
  }

  run(rest: string[], opts: { input?: string; purpose?: string; reject?: boolean; timeoutMs?: number } = {}): Promise<RunResult> {
    return this.runner.run(this.binary, this.args(rest), opts);
  }

  /** `kubectl apply -f -`; returns kubectl's per-object lines ("x created", "y unchanged"). */
  async apply(manifest: string, purpose: string, namespace?: string): Promise<string[]> {
    const r = await this.run(['apply', ...(namespace ? ['-n', namespace] : []), '-f', '-'], { input: manifest, purpose });
    return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  async deleteManifest(manifest: string, purpose: string, namespace?: string): Promise<string[]> {
    const r = await this.run(['delete', ...(namespace ? ['-n', namespace] : []), '-f', '-', '--ignore-not-found'], { input: manifest, purpose });
    return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  /** `kubectl get <resource> -o json` with optional namespace and label selector; always a List. */
  async list(resource: string, opts: { namespace?: string; allNamespaces?: boolean; selector?: string; purpose?: string } = {}): Promise<K8sObject[]> {
    const rest = ['get', resource];
    if (opts.namespace) rest.push('-n', opts.namespace);
    else if (opts.allNamespaces) rest.push('-A');
    if (opts.selector) rest.push('-l', opts.selector);
    rest.push('-o', 'json');
    const r = await this.run(rest, { purpose: opts.purpose ?? `read ${resource}` });
    if (!r.stdout.trim()) return [];
    const parsed = JSON.parse(r.stdout) as K8sList | K8sObject;
    return 'items' in parsed && Array.isArray(parsed.items) ? parsed.items : [parsed as K8sObject];
  }

  /** Live objects by kind/name; missing ones are simply absent (`--ignore-not-found`). */
  async getNamed(refs: readonly string[], namespace: string | undefined, purpose: string): Promise<K8sObject[]> {
    const rest = ['get', ...refs];
    if (namespace) rest.push('-n', namespace);
    rest.push('--ignore-not-found', '-o', 'json');
    const r = await this.run(rest, { purpose });
    if (!r.stdout.trim()) return [];
    const parsed = JSON.parse(r.stdout) as K8sList | K8sObject;
    return 'items' in parsed && Array.isArray(parsed.items) ? parsed.items : [parsed as K8sObject];
  }

  async rolloutStatus(deployment: string, namespace: string, timeoutSeconds: number): Promise<RunResult> {
    return this.run(['rollout', 'status', `deployment/${deployment}`, '-n', namespace, `--timeout=${timeoutSeconds}s`], {
      purpose: `wait for deployment ${namespace}/${deployment} to become available`,
      timeoutMs: (timeoutSeconds + 30) * 1000,
    });
  }
}
