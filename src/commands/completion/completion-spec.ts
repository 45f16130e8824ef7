// What a completion script knows, read from the CLI's own command tree (so a new command
// or flag completes without touching this folder) and from the shipped labs. `--provider`
// and `--profile` values are the options' declared choices: the provider registry and
// the profile list already feed them.
import type { Command, Option } from 'commander';
import { TOOL_NAMES } from '../../tools/manifest.js';

export interface FlagSpec {
  /** every spelling: `-e`, `--environment` */
  names: string[];
  takesValue: boolean;
  /** the values a value-taking flag accepts, when they are a closed list */
  choices?: string[];
}

/** One command node, keyed by its path below the program ("" for the program itself). */
export interface CommandSpec {
  path: string;
  subcommands: string[];
  flags: FlagSpec[];
  /** words for its positional argument (lab ids, step ids, shells) */
  args: string[];
}

export interface LabIds {
  id: string;
  steps: string[];
}

export interface CompletionSpec {
  program: string;
  commands: CommandSpec[];
}

function flagSpec(o: Option): FlagSpec {
  return {
    names: [o.short, o.long].filter((n): n is string => Boolean(n)),
    takesValue: o.required || o.optional,
    ...(o.argChoices ? { choices: [...o.argChoices] } : {}),
  };
}

/** Which words a command's positional argument completes to, by the command's path. */
function argWords(path: string, cmd: Command, labs: readonly LabIds[]): string[] {
  const arg = cmd.registeredArguments[0];
  if (arg?.argChoices) return [...arg.argChoices];
  const labIds = labs.map((l) => l.id);
  if (['lab start', 'lab show', 'lab run', 'lab reset', 'lab validate'].includes(path)) return labIds;
  // `lab step`/`lab check` take a step of the current lab: every lab's step ids
  if (['lab step', 'lab check'].includes(path)) return [...new Set(labs.flatMap((l) => l.steps))];
  if (path === 'tools install') return [...TOOL_NAMES];
  return [];
}

export function completionSpec(program: Command, labs: readonly LabIds[]): CompletionSpec {
  const commands: CommandSpec[] = [];
  const walk = (cmd: Command, path: string[]): void => {
    const key = path.join(' ');
    const visible = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
    commands.push({
      path: key,
      subcommands: visible.map((c) => c.name()),
      flags: [...cmd.options.filter((o) => !o.hidden).map(flagSpec), { names: ['-h', '--help'], takesValue: false }],
      args: argWords(key, cmd, labs),
    });
    for (const c of visible) walk(c, [...path, c.name()]);
  };
  walk(program, []);
  return { program: program.name(), commands };
}

/** Every value-taking flag of the tree, for skipping a flag's value while finding the command path. */
export function valueFlags(spec: CompletionSpec): FlagSpec[] {
  const seen = new Map<string, FlagSpec>();
  for (const c of spec.commands) for (const f of c.flags) if (f.takesValue) for (const n of f.names) if (!seen.has(n)) seen.set(n, f);
  return [...new Set(seen.values())];
}
