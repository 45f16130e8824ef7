// cobra-style command lookup shared by the simulated tools: walk the sub-command tree with
// the words of argv, skipping flags (and the values of flags that take one), and hand
// back the command found plus everything else for flag parsing.
export interface CommandNode<C> {
  children?: Record<string, C>;
}

export function findCommand<C extends CommandNode<C>>(argv: string[], root: C, rootName: string, valueFlags: ReadonlySet<string>): { path: string[]; cmd: C; rest: string[] } {
  let cmd = root;
  const path = [rootName];
  const rest: string[] = [];
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
    const child = cmd.children?.[t];
    // the first positional argument ends the walk: later words are arguments, not commands
    if (child && !rest.some((r) => !r.startsWith('-'))) {
      cmd = child;
      path.push(t);
    } else rest.push(t);
  }
  return { path, cmd, rest };
}
