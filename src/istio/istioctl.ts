// istioctl bound to one cluster; like kubectl, it always names --kubeconfig and --context.
import type { Runner } from '../process/runner.js';
import type { ClusterAccess } from '../kube/cluster-access.js';

export class Istioctl {
  constructor(
    private readonly runner: Runner,
    readonly access: ClusterAccess,
    private readonly binary = 'istioctl',
  ) {}

  private cluster(): string[] {
    return ['--kubeconfig', this.access.kubeconfig, '--context', this.access.context];
  }

  /** Any istioctl command a lab step runs, with this cluster's flags appended; the exit code is returned. */
  runWithCluster(args: string[], opts: { timeoutMs?: number; input?: string } = {}) {
    return this.runner.run(this.binary, [...args, ...this.cluster()], { ...opts, reject: false });
  }

  async install(operatorFile: string, readinessTimeoutSeconds = 300): Promise<void> {
    await this.runner.run(
      this.binary,
      ['install', '-y', '-f', operatorFile, '--readiness-timeout', `${readinessTimeoutSeconds}s`, ...this.cluster()],
      { purpose: 'install Istio', timeoutMs: (readinessTimeoutSeconds + 120) * 1000 },
    );
  }

  /** Removes what `install -f operatorFile` created (used only for an Istio mesh-lab installed). */
  async uninstall(operatorFile: string): Promise<void> {
    await this.runner.run(this.binary, ['uninstall', '-y', '-f', operatorFile, ...this.cluster()], { purpose: 'uninstall the Istio mesh-lab installed', timeoutMs: 600_000 });
  }

  /** `istioctl analyze`: diagnostics only, so a failure to analyze is reported, not thrown. */
  async analyze(namespace: string): Promise<string> {
    const r = await this.runner.run(this.binary, ['analyze', '-n', namespace, ...this.cluster()], { reject: false });
    return `${r.stdout}${r.stderr}`.trim();
  }
}

/** `istioctl version --remote=false -o json` → the client version, without touching any cluster. */
export async function istioctlClientVersion(runner: Runner, binary = 'istioctl'): Promise<string> {
  const r = await runner.run(binary, ['version', '--remote=false', '-o', 'json'], { purpose: 'read the istioctl version' });
  const parsed = JSON.parse(r.stdout || '{}') as { clientVersion?: { version?: string } };
  return parsed.clientVersion?.version ?? 'unknown';
}
