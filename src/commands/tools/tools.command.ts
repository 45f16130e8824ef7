// `mesh-lab tools`: only the parent of its subcommands.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { newToolsInstallCommand } from './install/install.command.js';
import { newToolsListCommand } from './list/list.command.js';

export function newToolsCommand(f: Factory) {
  return new Command('tools')
    .description("mesh-lab's own copies of kind, kubectl, istioctl and minikube")
    .addCommand(newToolsInstallCommand(f))
    .addCommand(newToolsListCommand(f));
}
