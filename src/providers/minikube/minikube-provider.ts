// minikube: the seed tutorial's environment. The ingress NodePort is reached at
// `minikube ip`, exactly as the tutorial does.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { ToolFailedError, type Runner } from '../../process/runner.js';
import type { EngineInfo } from '../../docker/docker-api.js';
import type { CheckResult } from '../../doctor/types.js';
import type { ClusterAccess } from '../../kube/cluster-access.js';
import type { ClusterProvider, EnsureResult, HostEndpoint } from '../provider.js';
import { MinikubeCli, MinikubeExit } from './minikube-cli.js';
import { minikubeSizeFor, type RequestedResources } from './minikube-sizing.js';

export interface MinikubeProviderOptions {
  profile: string;
  kubeconfig: string;
  driver: string;
  cpus: number;
  memoryMb: number;
  kubernetesVersion?: string;
}

export class MinikubeProvider implements ClusterProvider {
  readonly name = 'minikube' as const;
  private readonly cli: MinikubeCli;

  constructor(
    runner: Runner,
    private readonly opts: MinikubeProviderOptions,
  ) {
    this.cli = new MinikubeCli(runner, opts.kubeconfig);
  }

  /**
   * The CPUs and memory a new profile gets: what --cpus/--memory ask, or by default what
   * fits in Docker (minikube-sizing.ts); what Docker cannot give fails here (exit 3).
   */
  sizeFor(info: EngineInfo, requested: RequestedResources): CheckResult {
    const s = minikubeSizeFor(info, requested);
    this.opts.cpus = s.cpus;
    this.opts.memoryMb = s.memoryMb;
    if (s.warning) return { id: 'docker.resources', status: 'warn', summary: s.warning };
    return { id: 'docker.resources', status: 'pass', summary: `minikube gets ${s.cpus} CPUs and ${s.memoryMb} MB (Docker has ${info.cpus} CPUs)` };
  }

  get clusterName(): string {
    return this.opts.profile;
  }

  /** minikube names the context after the profile. */
  access(): ClusterAccess {
    return { kubeconfig: this.opts.kubeconfig, context: this.opts.profile };
  }

  loadImageArchive(file: string): Promise<void> {
    return this.cli.imageLoad(this.opts.profile, file);
  }

  async exists(): Promise<boolean> {
    return (await this.cli.profiles()).includes(this.opts.profile);
  }

  async ensure(): Promise<EnsureResult> {
    const { exitCode, status, output } = await this.cli.status(this.opts.profile);
    if (exitCode === MinikubeExit.guestNotFound || (!status && exitCode !== 0)) {
      await this.cli.start(this.opts.profile, this.startOptions()).catch((err: unknown) => {
        throw explainStartFailure(err);
      });
      return { created: true, summary: `created minikube profile ${this.opts.profile}` };
    }
    if (exitCode === 0 && status?.Host === 'Running' && status.APIServer === 'Running') {
      await this.cli.updateContext(this.opts.profile);
      return { created: false, summary: `reusing running minikube profile ${this.opts.profile}` };
    }
    if (status && (status.Host === 'Stopped' || exitCode === MinikubeExit.stoppedMask || exitCode === MinikubeExit.guestNotRunning)) {
      await this.cli.start(this.opts.profile, {});
      return { created: false, summary: `started stopped minikube profile ${this.opts.profile}` };
    }
    throw new MeshLabError(ExitCode.ToolFailed, `minikube profile ${this.opts.profile} is in an unexpected state (minikube status exit ${exitCode})`, {
      hint: `inspect it with \`minikube status -p ${this.opts.profile}\`; \`minikube delete -p ${this.opts.profile}\` removes it if it is broken`,
      detail: output,
    });
  }

  private startOptions() {
    return {
      driver: this.opts.driver,
      cpus: this.opts.cpus,
      memoryMb: this.opts.memoryMb,
      ...(this.opts.kubernetesVersion ? { kubernetesVersion: this.opts.kubernetesVersion } : {}),
    };
  }

  async delete(): Promise<void> {
    await this.cli.delete(this.opts.profile);
  }

  async nodePortEndpoint(nodePort: number): Promise<HostEndpoint | undefined> {
    const ip = await this.cli.ip(this.opts.profile);
    if (!ip) return undefined;
    return { host: ip, port: nodePort, nodeIP: ip, source: 'minikube-ip', reason: `\`minikube ip -p ${this.opts.profile}\` is ${ip}; the gateway's nodePort ${nodePort} answers there` };
  }
}

/** minikube's DRV_AS_ROOT (exit 57): it will not run the docker driver as root without --force. */
function explainStartFailure(err: unknown): unknown {
  if (!(err instanceof ToolFailedError)) return err;
  const text = `${err.result.stdout}\n${err.result.stderr}`;
  if (err.result.exitCode === MinikubeExit.driverAsRoot || /DRV_AS_ROOT/.test(text)) {
    return new MeshLabError(ExitCode.Prerequisite, 'minikube refuses to run the docker driver as root', {
      hint: 'run mesh-lab as a regular user in the docker group (minikube advises against --force), or use --provider kind',
      detail: err.detail,
    });
  }
  return err;
}
