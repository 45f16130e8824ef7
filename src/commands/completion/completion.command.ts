// `mesh-lab completion bash|zsh|fish`: prints a completion script for the shell (commands,
// flags, lab and step ids, --provider and --profile values), or {shell, script} under --json.
import { Argument, Command } from '@commander-js/extra-typings';
import type { Command as PlainCommand } from 'commander';
import type { Factory } from '../factory.js';
import type { LabIds } from './completion-spec.js';

// the shell names, here and in scripts.ts (kept light: --help must not load the generator)
const SHELL_NAMES = ['bash', 'zsh', 'fish'] as const;

export interface CompletionResult {
  shell: (typeof SHELL_NAMES)[number];
  script: string;
}

export type CompletionRun = (o: { shell: CompletionResult['shell']; program: PlainCommand }) => Promise<CompletionResult>;

/** The shipped labs and their step ids; a lab that does not load is left out. */
async function shippedLabs(env: NodeJS.ProcessEnv): Promise<LabIds[]> {
  const { labsDir } = await import('../lab/lab-binding.js');
  const { defaultTemplatesDir, listLabs } = await import('../../labs/registry.js');
  return listLabs(labsDir(env), { templatesDir: defaultTemplatesDir() }).flatMap((e) =>
    e.result.ok ? [{ id: e.id, steps: e.result.value.lab.steps.map((s) => s.id) }] : [],
  );
}

export function defaultCompletionRun(f: Factory): CompletionRun {
  return async ({ shell, program }) => {
    const { completionSpec } = await import('./completion-spec.js');
    const { completionScript } = await import('./scripts.js');
    const spec = completionSpec(program, await shippedLabs(f.session().env));
    return { shell, script: completionScript(shell, spec) };
  };
}

export function newCompletionCommand(f: Factory, run: CompletionRun = defaultCompletionRun(f)) {
  return new Command('completion')
    .description('print a shell completion script (see README "Shell completion")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(SHELL_NAMES))
    .action(async (shell, _opts, cmd) => {
      let root = cmd as unknown as PlainCommand;
      while (root.parent) root = root.parent;
      const r = await run({ shell, program: root });
      if (f.flags.json) f.printJson(r);
      else f.printer().out(r.script);
    });
}
