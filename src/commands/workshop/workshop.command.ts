// `mesh-lab workshop`: only the parent of its subcommands (one shared cluster for a cohort:
// see docs/architecture.md, words "workshop" and "attendee").
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { newWorkshopUpCommand } from './up/workshop-up.command.js';
import { newWorkshopListCommand } from './list/workshop-list.command.js';
import { newWorkshopRemoveCommand } from './remove/workshop-remove.command.js';
import { newWorkshopDownCommand } from './down/workshop-down.command.js';
import { newWorkshopDashboardCommand } from './dashboard/dashboard.command.js';
import { newWorkshopStatusCommand } from './status/status.command.js';

export function newWorkshopCommand(f: Factory) {
  const workshop = new Command('workshop').description('one shared cluster for a whole cohort: isolated attendees and the instructor’s live view');
  // one line per subcommand, e.g. .addCommand(newWorkshopUpCommand(f))
  workshop.addCommand(newWorkshopUpCommand(f));
  workshop.addCommand(newWorkshopListCommand(f));
  workshop.addCommand(newWorkshopStatusCommand(f));
  workshop.addCommand(newWorkshopDashboardCommand(f));
  workshop.addCommand(newWorkshopRemoveCommand(f));
  workshop.addCommand(newWorkshopDownCommand(f));
  return workshop;
}
