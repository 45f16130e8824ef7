// An existing cluster, named by its kubeconfig context. mesh-lab never creates or
// deletes it; it only reads the user's kubeconfig (never writes it) and names the
// context on every call.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { ClusterAccess } from '../../kube/cluster-access.js';
import type { ClusterProvider, EnsureResult, HostEndpoint } from '../provider.js';

interface KubeconfigFile {
  contexts?: Array<{ name: string }>;
}

/** The kubeconfig file that defines `context`: --kubeconfig, else the $KUBECONFIG entry that has it, else ~/.kube/config. */
export function kubeconfigDefining(context: string, explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const files = explicit ? [explicit] : env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(env.HOME || homedir(), '.kube', 'config')];
  for (const file of files) {
    if (!existsSync(file)) continue;
    const doc = (parse(readFileSync(file, 'utf8')) ?? {}) as KubeconfigFile;
    if (doc.contexts?.some((c) => c.name === context)) return file;
  }
  return undefined;
}

export interface ExistingProviderOptions {
  context: string;
  kubeconfig?: string;
  env?: NodeJS.ProcessEnv;
}

export class ExistingProvider implements ClusterProvider {
  readonly name = 'existing' as const;
  private readonly kubeconfig: string | undefined;

  constructor(private readonly opts: ExistingProviderOptions) {
    this.kubeconfig = kubeconfigDefining(opts.context, opts.kubeconfig, opts.env);
  }

  get clusterName(): string {
    return this.opts.context;
  }

  access(): ClusterAccess {
    if (!this.kubeconfig) throw this.noContext();
    return { kubeconfig: this.kubeconfig, context: this.opts.context };
  }

  private noContext(): MeshLabError {
    return new MeshLabError(ExitCode.NotFound, `no kubeconfig context named ${this.opts.context}`, {
      hint: 'list yours with `kubectl config get-contexts`; pass --kubeconfig when the context lives in another file',
    });
  }

  async exists(): Promise<boolean> {
    return this.kubeconfig !== undefined;
  }

  async ensure(): Promise<EnsureResult> {
    if (!this.kubeconfig) throw this.noContext();
    return { created: false, summary: `using existing cluster (context ${this.opts.context})` };
  }

  async delete(): Promise<void> {
    throw new MeshLabError(ExitCode.Conflict, `mesh-lab never deletes an existing cluster (context ${this.opts.context})`);
  }

  /** Node addresses come from the cluster itself (candidates.ts); there is no provider-specific route. */
  async nodePortEndpoint(): Promise<HostEndpoint | undefined> {
    return undefined;
  }
}
