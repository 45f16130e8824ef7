// `mesh-lab lab`: only the parent of its subcommands, one folder each.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { newLabCheckCommand } from './check/check.command.js';
import { newLabListCommand } from './list/list.command.js';
import { newLabResetCommand } from './reset/reset.command.js';
import { newLabRunCommand } from './run/run.command.js';
import { newLabShowCommand } from './show/show.command.js';
import { newLabStartCommand } from './start/start.command.js';
import { newLabStepCommand } from './step/step.command.js';
import { newLabValidateCommand } from './validate/validate.command.js';

export function newLabCommand(f: Factory) {
  return new Command('lab')
    .description('tutorial labs: show, run and check their steps')
    .addCommand(newLabListCommand(f))
    .addCommand(newLabValidateCommand(f))
    .addCommand(newLabShowCommand(f))
    .addCommand(newLabStartCommand(f))
    .addCommand(newLabStepCommand(f))
    .addCommand(newLabCheckCommand(f))
    .addCommand(newLabRunCommand(f))
    .addCommand(newLabResetCommand(f));
}
