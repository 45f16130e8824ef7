// `mesh-lab workshop`: only the parent of its subcommands (one shared cluster for a cohort:
// see docs/architecture.md, words "workshop" and "attendee").
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { newWorkshopDashboardCommand } from './dashboard/dashboard.command.js';
import { newWorkshopStatusCommand } from './status/status.command.js';

export function newWorkshopCommand(f: Factory) {
  const workshop = new Command('workshop').description('one shared cluster for a whole cohort: isolated attendees and the instructor’s live view');
  // one line per subcommand, e.g. .addCommand(newWorkshopUpCommand(f))
  workshop.addCommand(newWorkshopStatusCommand(f));
  workshop.addCommand(newWorkshopDashboardCommand(f));
  return workshop;
}
