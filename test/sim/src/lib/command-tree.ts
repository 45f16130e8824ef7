// cobra-style command lookup shared by the simulated tools (kind, minikube, kubectl,
// istioctl): walk the sub-command tree with the words of argv, skipping flags and the
// values of flags that take one, and hand back the command found plus everything else for
// flag parsing. Like cobra's Command.Find (stripFlags, then the first remaining word names
// the sub-command), a flag's value is never taken for a command or an argument.
import type { FlagSpec } from './flags.js';

export interface CommandNode<C> {
  children?: Record<string, C>;
}

export interface Found<C> {
  /** root name first, e.g. ["kubectl", "rollout", "status"] */
  path: string[];
  cmd: C;
  /** argv without the command words, in order: flags, their values, arguments */
  rest: string[];
  /** the arguments left after the command words (no flags, no flag values) */
  args: string[];
  /** index in argv of the first word that is neither a flag nor a flag's value */
  firstWordAt: number | undefined;
}

export function findCommand<C extends CommandNode<C>>(argv: string[], root: C, rootName: string, valueFlags: ReadonlySet<string>): Found<C> {
  let cmd = root;
  const path = [rootName];
  const rest: string[] = [];
  const args: string[] = [];
  let firstWordAt: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const t = argv[i]!;
    if (t === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (t.startsWith('-') && t !== '-') {
      rest.push(t);
      if (!t.includes('=') && valueFlags.has(t) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    firstWordAt ??= i;
    const child = cmd.children?.[t];
    // the first argument ends the walk: later words are arguments, not commands
    if (child && args.length === 0) {
      cmd = child;
      path.push(t);
    } else {
      rest.push(t);
      args.push(t);
    }
  }
  return { path, cmd, rest, args, firstWordAt };
}

/** The flags (as typed: "--name", "-n") whose value may follow as the next word. */
export function valueFlags(specs: readonly FlagSpec[]): Set<string> {
  const s = new Set<string>();
  for (const f of specs) {
    if (f.type === 'bool' || f.noOptDefVal !== undefined) continue;
    s.add(`--${f.name}`);
    if (f.short) s.add(`-${f.short}`);
  }
  return s;
}
