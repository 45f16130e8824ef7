// `mesh-lab doctor`: flags, output and exit code; runDoctor (./doctor.ts) runs the checks.
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../../config/defaults.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { localProviderNames, type LocalProviderName } from '../../providers/registry.js';
import type { DoctorReport } from '../../doctor/types.js';
import type { Factory } from '../factory.js';

export interface DoctorCommandOptions {
  provider: LocalProviderName;
  hostPort: number;
  allowDownload: boolean;
}

export type DoctorRun = (o: DoctorCommandOptions) => Promise<DoctorReport>;

export function defaultDoctorRun(f: Factory): DoctorRun {
  return async (o) => {
    const s = f.session();
    const { runDoctor } = await import('./doctor.js');
    return runDoctor(s, o);
  };
}

export function newDoctorCommand(f: Factory, run: DoctorRun = defaultDoctorRun(f)) {
  return new Command('doctor')
    .description('check Docker, resources, the host port, tools and versions; exit 1 on any failure')
    .addOption(new Option('--provider <name>', 'which local provider to check for').choices(localProviderNames).default(DEFAULTS.provider))
    .option('--host-port <port>', 'the ingress host port to check', String(DEFAULTS.httpNodePort))
    .option('--no-download', 'treat tools that would be downloaded as failures')
    .action(async (opts) => {
      f.environmentName();
      const hostPort = Number(opts.hostPort);
      if (!Number.isInteger(hostPort) || hostPort < 1 || hostPort > 65535) throw new MeshLabError(ExitCode.Usage, '--host-port must be between 1 and 65535');
      const report = await run({ provider: opts.provider, hostPort, allowDownload: opts.download });
      const { formatReport, doctorExitCode } = await import('../../doctor/types.js');
      if (f.flags.json) f.printJson(report);
      else f.printer().out(formatReport(report));
      process.exitCode = doctorExitCode(report) === 0 ? ExitCode.Ok : ExitCode.Prerequisite;
    });
}
