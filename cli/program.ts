// The command tree: the global flags, the hook that runs before every action, and the list
// of commands. Each command (its flags, options, run function and output) lives in its own
// folder under src/commands/; what it needs from here comes through the Factory.
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../src/config/defaults.js';
import { createFactory, type ProgramState } from '../src/commands/factory.js';
import { newCompletionCommand } from '../src/commands/completion/completion.command.js';
import { newCurlCommand } from '../src/commands/curl/curl.command.js';
import { newDoctorCommand } from '../src/commands/doctor/doctor.command.js';
import { newJoinCommand } from '../src/commands/join/join.command.js';
import { newDownCommand } from '../src/commands/down/down.command.js';
import { newEnvCommand } from '../src/commands/env/env.command.js';
import { newImagesCommand } from '../src/commands/images/images.command.js';
import { newBundleCommand } from '../src/commands/bundle/bundle.command.js';
import { newLabCommand } from '../src/commands/lab/lab.command.js';
import { newWorkshopCommand } from '../src/commands/workshop/workshop.command.js';
import { newStatusCommand } from '../src/commands/status/status.command.js';
import { newToolsCommand } from '../src/commands/tools/tools.command.js';
import { newUpCommand } from '../src/commands/up/up.command.js';
import { VERSION } from '../src/version.js';

export type { ProgramState };

/** Commands (by their path under the program) that start from a LightSession instead of a full Session. */
const LIGHT_COMMANDS = new Set(['curl', 'env', 'lab show', 'lab step']);

/** A command built on its own inherits the program's settings (exitOverride above all) as `.command()` would give it. */
function adopt(parent: Command, child: Command): void {
  child.copyInheritedSettings(parent);
  for (const c of child.commands) adopt(child, c as Command);
}

export function buildProgram(state: ProgramState): Command {
  const program = new Command()
    .name('mesh-lab')
    .description('Istio service-mesh labs on your laptop: one command to a verified ingress route.')
    .version(VERSION)
    .option('-e, --environment <name>', `which environment: its state, and the default cluster name (default "${DEFAULTS.environment}")`)
    // the flag's name in mesh-lab 0.1.0, before "lab" meant only a tutorial
    .addOption(new Option('--lab <name>').hideHelp())
    .option('-v, --verbose', 'show every external command and its output', false)
    .option('--json', 'machine-readable output on stdout', false)
    .showSuggestionAfterError(true)
    .exitOverride();

  const factory = createFactory(state);
  // The full session (tool runner, Docker client, zod-validated state store) is loaded
  // here, once a command is chosen: `--help` never pays for it, and curl and env start
  // from the light LightSession, loading it only if they need it.
  program.hook('preAction', async (_this, action) => {
    const g = action.optsWithGlobals() as { verbose?: boolean; json?: boolean; environment?: string; lab?: string };
    state.flags = { verbose: Boolean(g.verbose), json: Boolean(g.json) };
    factory.setGlobals({ environment: g.environment, lab: g.lab });
    const path = action.parent === program ? action.name() : `${action.parent?.name()} ${action.name()}`;
    if (!LIGHT_COMMANDS.has(path)) await factory.loadSession();
  });

  const commands = [
    newUpCommand(factory),
    newCurlCommand(factory),
    newEnvCommand(factory),
    newStatusCommand(factory),
    newDownCommand(factory),
    newDoctorCommand(factory),
    newJoinCommand(factory),
    newToolsCommand(factory),
    newImagesCommand(factory),
    newBundleCommand(factory),
    newLabCommand(factory),
    newWorkshopCommand(factory),
    newCompletionCommand(factory),
  ];
  for (const c of commands) {
    adopt(program as unknown as Command, c as unknown as Command);
    program.addCommand(c);
  }
  return program;
}
