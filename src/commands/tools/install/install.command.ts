// `mesh-lab tools install [names...]`: flags and output; toolsInstall (../tools.ts) downloads and verifies.
import { Command } from '@commander-js/extra-typings';
import type { InstallResult } from '../../../tools/install.js';
import type { Factory } from '../../factory.js';

export interface ToolsInstallCommandOptions {
  names: string[];
  force: boolean;
}

export type ToolsInstallRun = (o: ToolsInstallCommandOptions) => Promise<InstallResult[]>;

export function defaultToolsInstallRun(f: Factory): ToolsInstallRun {
  return async (o) => {
    const s = f.session();
    const { toolsInstall } = await import('../tools.js');
    return toolsInstall(o.names, { force: o.force, env: s.env, progress: (l) => s.printer.err(l) });
  };
}

export function newToolsInstallCommand(f: Factory, run: ToolsInstallRun = defaultToolsInstallRun(f)) {
  return new Command('install')
    .description('download the pinned versions into the cache, verified by SHA-256')
    .argument('[names...]', 'kind, kubectl, istioctl, minikube (default: all)')
    .option('--force', 'reinstall even when a verified copy is cached', false)
    .action(async (names, opts) => {
      const results = await run({ names, force: opts.force });
      if (f.flags.json) return f.printJson(results);
      const p = f.printer();
      for (const r of results) p.out(`${r.tool} ${r.version}: ${r.status} at ${r.path} (sha256 ${r.sha256.slice(0, 12)}…, ${r.checksum} checksum)`);
    });
}
