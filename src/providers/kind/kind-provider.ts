// kind: a cluster in Docker containers. The ingress NodePort is reached through the
// node container's extraPortMappings, published on 127.0.0.1 only.
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import type { FileWriter } from '../../session/file-writer.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { ToolFailedError, type Runner } from '../../process/runner.js';
import type { DockerApi, PortBinding } from '../../docker/docker-api.js';
import type { ClusterAccess } from '../../kube/cluster-access.js';
import type { ClusterProvider, EnsureResult, HostEndpoint } from '../provider.js';
import { KindCli } from './kind-cli.js';

export interface KindProviderOptions {
  clusterName: string;
  kubeconfig: string;
  configFile: string;
  /** the rendered kind config (YAML), written to configFile before create */
  configYaml: string;
  writeFile: FileWriter;
  /** the node ports that must be mapped to the host, with their expected host ports */
  requiredMappings: Array<{ nodePort: number; hostPort: number; listenAddress: string }>;
  waitSeconds: number;
  nodeImage?: string;
  env?: NodeJS.ProcessEnv;
}

export class KindProvider implements ClusterProvider {
  readonly name = 'kind' as const;
  private readonly kind: KindCli;

  constructor(
    runner: Runner,
    private readonly docker: DockerApi,
    private readonly opts: KindProviderOptions,
  ) {
    this.kind = new KindCli(runner);
  }

  get clusterName(): string {
    return this.opts.clusterName;
  }

  /** kind names contexts kind-<cluster>. */
  access(): ClusterAccess {
    return { kubeconfig: this.opts.kubeconfig, context: `kind-${this.opts.clusterName}` };
  }

  private nodeContainer(): string {
    return `${this.opts.clusterName}-control-plane`;
  }

  /** kind's KIND_EXPERIMENTAL_DOCKER_NETWORK, as kind itself reads it */
  private network(): string {
    return (this.opts.env ?? process.env).KIND_EXPERIMENTAL_DOCKER_NETWORK || 'kind';
  }

  loadImageArchive(file: string): Promise<void> {
    return this.kind.loadImageArchive(this.opts.clusterName, file);
  }

  async exists(): Promise<boolean> {
    return (await this.kind.clusters()).includes(this.opts.clusterName);
  }

  async ensure(): Promise<EnsureResult> {
    if (await this.exists()) {
      await this.checkReusable();
      this.ensureKubeconfig(await this.kind.kubeconfig(this.opts.clusterName));
      return { created: false, summary: `reusing kind cluster ${this.opts.clusterName}` };
    }
    this.opts.writeFile(this.opts.configFile, this.opts.configYaml);
    try {
      await this.kind.create({
        name: this.opts.clusterName,
        configFile: this.opts.configFile,
        kubeconfig: this.opts.kubeconfig,
        waitSeconds: this.opts.waitSeconds,
        ...(this.opts.nodeImage ? { image: this.opts.nodeImage } : {}),
      });
    } catch (err) {
      throw explainCreateFailure(err, this.opts);
    }
    if (existsSync(this.opts.kubeconfig)) chmodSync(this.opts.kubeconfig, 0o600);
    return { created: true, summary: `created kind cluster ${this.opts.clusterName}` };
  }

  /** An existing cluster is used only when its node publishes the ports the lab needs. */
  private async checkReusable(): Promise<void> {
    const node = await this.docker.inspectContainer(this.nodeContainer());
    if (!node) {
      throw new MeshLabError(ExitCode.Conflict, `kind lists cluster ${this.opts.clusterName} but its node container ${this.nodeContainer()} is missing`, {
        hint: `delete it with \`kind delete cluster --name ${this.opts.clusterName}\` and run \`mesh-lab up\` again`,
      });
    }
    if (!node.running) {
      throw new MeshLabError(ExitCode.Conflict, `kind cluster ${this.opts.clusterName} exists but its node container is stopped`, {
        hint: `start it with \`docker start ${this.nodeContainer()}\`, then run \`mesh-lab up\` again`,
      });
    }
    const missing = this.opts.requiredMappings.filter((m) => !findMapping(node.ports, m.nodePort, m.hostPort));
    if (missing.length > 0) {
      const want = missing.map((m) => `${m.listenAddress}:${m.hostPort}->${m.nodePort}`).join(', ');
      const have = node.ports.filter((p) => p.containerPort !== 6443).map((p) => `${p.hostIp}:${p.hostPort}->${p.containerPort}`).join(', ') || 'none';
      throw new MeshLabError(ExitCode.Conflict, `kind cluster ${this.opts.clusterName} exists but does not map ${want} (it maps ${have})`, {
        hint: `kind cannot add port mappings to a running cluster: use another --cluster-name, or delete this one (\`kind delete cluster --name ${this.opts.clusterName}\`) if you no longer need it`,
      });
    }
  }

  /** Writes kind's kubeconfig for this cluster into the lab's own kubeconfig file, if it differs. */
  private ensureKubeconfig(content: string): void {
    if (!content.trim()) return; // dry-run
    if (existsSync(this.opts.kubeconfig) && readFileSync(this.opts.kubeconfig, 'utf8') === content) return;
    this.opts.writeFile(this.opts.kubeconfig, content, 0o600);
  }

  async delete(): Promise<void> {
    await this.kind.delete(this.opts.clusterName, this.opts.kubeconfig);
  }

  async nodePortEndpoint(nodePort: number): Promise<HostEndpoint | undefined> {
    const node = await this.docker.inspectContainer(this.nodeContainer());
    if (!node) return undefined;
    const nodeIP = node.networks[this.network()];
    const binding = node.ports.find((p) => p.containerPort === nodePort && p.protocol === 'tcp');
    if (!binding) return undefined;
    // 0.0.0.0 / :: mean "every interface": loopback is one of them
    const host = binding.hostIp === '' || binding.hostIp === '0.0.0.0' ? '127.0.0.1' : binding.hostIp === '::' ? '::1' : binding.hostIp;
    return {
      host,
      port: binding.hostPort,
      ...(nodeIP ? { nodeIP } : {}),
      source: 'kind-port-mapping',
      reason: `kind maps ${host}:${binding.hostPort} to nodePort ${nodePort} on ${this.nodeContainer()}${nodeIP ? ` (${nodeIP})` : ''}`,
    };
  }
}

function findMapping(ports: PortBinding[], nodePort: number, hostPort: number): PortBinding | undefined {
  return ports.find((p) => p.containerPort === nodePort && p.hostPort === hostPort && p.protocol === 'tcp');
}

/** Turns kind's most common create failures into an actionable line. */
function explainCreateFailure(err: unknown, opts: KindProviderOptions): unknown {
  if (!(err instanceof ToolFailedError)) return err;
  const text = `${err.result.stderr}\n${err.result.stdout}`;
  const busy = /(?:Bind for|listen tcp4?) (\S+?):(\d+)(?: failed)?:? .*(?:port is already allocated|address already in use)/.exec(text);
  if (busy) {
    return new MeshLabError(ExitCode.Conflict, `could not create kind cluster ${opts.clusterName}: host port ${busy[2]} on ${busy[1]} is already in use`, {
      hint: `free the port or choose another with --host-port / --https-host-port (\`mesh-lab doctor\` shows what holds it)`,
      detail: err.detail,
    });
  }
  if (/node\(s\) already exist for a cluster with the name/.test(text)) {
    return new MeshLabError(ExitCode.Conflict, `could not create kind cluster ${opts.clusterName}: its node containers already exist`, {
      hint: `a half-created cluster is left over: \`kind delete cluster --name ${opts.clusterName}\`, then retry`,
      detail: err.detail,
    });
  }
  return err;
}
