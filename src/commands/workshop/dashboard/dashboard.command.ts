// `mesh-lab workshop dashboard [--name W] [--port P] [--lab ID...]`: flags and output;
// runWorkshopDashboard (./dashboard.ts) serves until Ctrl-C. Under --json the one document
// ({"url": …}) is printed once the server listens; the command keeps serving after it.
import { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import type { Factory } from '../../factory.js';
import { splitLabs, WORKSHOP_NAME_FLAG, workshopName } from '../workshop-options.js';
import type { DashboardRunOptions } from './dashboard.js';

export type WorkshopDashboardRun = (o: DashboardRunOptions) => Promise<void>;

export function defaultWorkshopDashboardRun(f: Factory): WorkshopDashboardRun {
  return async (o) => {
    const { runWorkshopDashboard } = await import('./dashboard.js');
    return runWorkshopDashboard(f.session(), o);
  };
}

export function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new MeshLabError(ExitCode.Usage, `--port must be a port number (0-65535), not "${raw}"`);
  return n;
}

export function newWorkshopDashboardCommand(f: Factory, run: WorkshopDashboardRun = defaultWorkshopDashboardRun(f)) {
  return new Command('dashboard')
    .description('instructor: a live page of every attendee’s steps on http://127.0.0.1 (Ctrl-C stops it)')
    .option(...WORKSHOP_NAME_FLAG)
    .option('--port <port>', 'port on 127.0.0.1 (default: any free one)')
    .option('--labs <ids>', 'only these labs, comma-separated (default: every lab an attendee has checked)')
    .action(async (opts) => {
      const name = workshopName(opts.name);
      const port = parsePort(opts.port);
      await run({
        name,
        port,
        ...(opts.labs ? { labs: splitLabs(opts.labs) } : {}),
        onListening: (url) => {
          if (f.flags.json) f.printJson({ workshop: name, url });
          else f.printer().out(`dashboard of workshop ${name}: ${url}\n(updates every 2 s; Ctrl-C stops it)`);
        },
      });
    });
}
