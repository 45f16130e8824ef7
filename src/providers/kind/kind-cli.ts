// The kind commands mesh-lab uses, with the flags of kind v0.32 (see docs/tool-contract.md).
import type { Runner } from '../../process/runner.js';

export class KindCli {
  constructor(
    private readonly runner: Runner,
    private readonly binary = 'kind',
  ) {}

  async clusters(): Promise<string[]> {
    // "No kind clusters found." goes to stderr; stdout is one name per line
    const r = await this.runner.run(this.binary, ['get', 'clusters'], { purpose: 'list kind clusters' });
    return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  async create(opts: { name: string; configFile: string; kubeconfig: string; waitSeconds: number; image?: string }): Promise<void> {
    const args = ['create', 'cluster', '--name', opts.name, '--config', opts.configFile, '--kubeconfig', opts.kubeconfig, '--wait', `${opts.waitSeconds}s`];
    if (opts.image) args.push('--image', opts.image);
    await this.runner.run(this.binary, args, { purpose: `create kind cluster ${opts.name}`, timeoutMs: (opts.waitSeconds + 600) * 1000 });
  }

  async kubeconfig(name: string): Promise<string> {
    const r = await this.runner.run(this.binary, ['get', 'kubeconfig', '--name', name], { purpose: `read the kubeconfig of kind cluster ${name}` });
    return r.stdout;
  }

  /** `kind load image-archive FILE --name N` (pkg/cmd/kind/load/image-archive): all nodes */
  async loadImageArchive(name: string, file: string): Promise<void> {
    await this.runner.run(this.binary, ['load', 'image-archive', file, '--name', name], { purpose: `load ${file} into kind cluster ${name}`, timeoutMs: 20 * 60_000 });
  }

  async delete(name: string, kubeconfig: string): Promise<void> {
    await this.runner.run(this.binary, ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig], { purpose: `delete kind cluster ${name}` });
  }
}
