// `mesh-lab workshop list [--json]`: namespace, host and join file of every attendee.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';
import { DEFAULT_WORKSHOP_NAME, workshopName } from '../workshop-options.js';
import type { WorkshopListResult } from './workshop-list.js';

export type WorkshopListRun = (name: string) => Promise<WorkshopListResult>;

export const defaultWorkshopListRun: WorkshopListRun = async (name) => (await import('./workshop-list.js')).runWorkshopList(name);

export function newWorkshopListCommand(f: Factory, run: WorkshopListRun = defaultWorkshopListRun) {
  return new Command('list')
    .description("the workshop's attendees: namespace, host and join file")
    .option('--name <workshop>', 'the workshop name', DEFAULT_WORKSHOP_NAME)
    .action(async (opts) => {
      const r = await run(workshopName(opts.name));
      if (f.flags.json) return f.printJson(r);
      const rows = [['ATTENDEE', 'NAMESPACE', 'HOST', 'TOKEN EXPIRES', 'JOIN FILE'], ...r.attendees.map((a) => [a.id, a.namespace, a.host, a.tokenExpiresAt ?? '-', a.joinFile])];
      const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
      const p = f.printer();
      p.out(`Workshop ${r.workshop}: ${r.attendees.length} attendees${r.ingress ? `, ingress ${r.ingress.host}:${r.ingress.port}` : ''}`);
      p.out(rows.map((row) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join('  ')).join('\n'));
    });
}
