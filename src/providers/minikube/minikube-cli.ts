// The minikube commands mesh-lab uses (flags of minikube v1.38). minikube writes its
// context into the first file of $KUBECONFIG, so every call gets KUBECONFIG pointing at
// the lab's own kubeconfig: the user's ~/.kube/config and current-context stay as they were.
import type { Runner, RunResult } from '../../process/runner.js';

/** minikube's exit codes (pkg/minikube/reason/exitcodes.go, cmd/minikube/cmd/status.go) */
export const MinikubeExit = {
  /** `status`: bit flags host|cluster|kubernetes not running; 7 = all stopped */
  stoppedMask: 7,
  guestNotRunning: 83,
  guestNotFound: 85,
  /** DRV_AS_ROOT: the docker driver refused for root */
  driverAsRoot: 57,
} as const;

export interface MinikubeStatus {
  Name: string;
  Host: string;
  Kubelet: string;
  APIServer: string;
  Kubeconfig: string;
}

export class MinikubeCli {
  constructor(
    private readonly runner: Runner,
    private readonly kubeconfig: string,
    private readonly binary = 'minikube',
  ) {}

  private run(args: string[], purpose: string, reject = true): Promise<RunResult> {
    return this.runner.run(this.binary, args, { purpose, reject, env: { ...process.env, KUBECONFIG: this.kubeconfig } as Record<string, string>, timeoutMs: 20 * 60_000 });
  }

  /** `minikube image load FILE.tar -p P` (cmd/minikube/cmd/image.go): an archive from disk */
  async imageLoad(profile: string, file: string): Promise<void> {
    await this.run(['image', 'load', file, '-p', profile], `load ${file} into minikube profile ${profile}`);
  }

  async profiles(): Promise<string[]> {
    const r = await this.run(['profile', 'list', '-o', 'json'], 'list minikube profiles', false);
    // with no profiles at all, older minikubes exit non-zero and print nothing useful
    if (!r.stdout.trim().startsWith('{')) return [];
    const parsed = JSON.parse(r.stdout) as { valid?: Array<{ Name: string }>; invalid?: Array<{ Name: string }> };
    return [...(parsed.valid ?? []), ...(parsed.invalid ?? [])].map((p) => p.Name);
  }

  /** `minikube status -o json`; exit codes carry meaning, so they are returned, not thrown. */
  async status(profile: string): Promise<{ exitCode: number; status?: MinikubeStatus; output: string }> {
    const r = await this.run(['status', '-p', profile, '-o', 'json'], `read the status of minikube profile ${profile}`, false);
    let status: MinikubeStatus | undefined;
    try {
      const parsed = JSON.parse(r.stdout) as MinikubeStatus | MinikubeStatus[];
      status = Array.isArray(parsed) ? parsed[0] : parsed;
    } catch {
      status = undefined;
    }
    return { exitCode: r.exitCode, ...(status ? { status } : {}), output: `${r.stdout}${r.stderr}` };
  }

  async start(profile: string, opts: { driver?: string; cpus?: number; memoryMb?: number; kubernetesVersion?: string }): Promise<void> {
    const args = ['start', '-p', profile];
    if (opts.driver) args.push(`--driver=${opts.driver}`);
    if (opts.cpus) args.push(`--cpus=${opts.cpus}`);
    if (opts.memoryMb) args.push(`--memory=${opts.memoryMb}`);
    if (opts.kubernetesVersion) args.push(`--kubernetes-version=${opts.kubernetesVersion}`);
    await this.run(args, `start minikube profile ${profile}`);
  }

  async updateContext(profile: string): Promise<void> {
    await this.run(['update-context', '-p', profile], `write the kubeconfig context of minikube profile ${profile}`);
  }

  async ip(profile: string): Promise<string> {
    return (await this.run(['ip', '-p', profile], `read the IP of minikube profile ${profile}`)).stdout.trim();
  }

  async delete(profile: string): Promise<void> {
    await this.run(['delete', '-p', profile], `delete minikube profile ${profile}`);
  }
}
