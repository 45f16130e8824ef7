// The entry point's hand parser (cli/fast-argv.ts) must hand curl, env, lab show and lab step exactly what
// commander would: for every argv it accepts, the global flags and the command's options
// are compared with what commander's preAction hook and action receive for the same argv.
// Everything it does not accept goes to commander, so those rows only check the fallback.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parseFastArgv } from '../../../cli/fast-argv.js';
import { buildProgram } from '../../../cli/program.js';

interface Seen {
  command: string;
  globals: { environment?: string; verbose: boolean; json: boolean };
  operand?: string;
  opts: Record<string, unknown>;
}

/** What commander gives the curl or env action for this argv (the actions replaced by a recorder). */
async function commanderSees(argv: string[]): Promise<Seen> {
  const program = buildProgram({ flags: { verbose: false, json: false } }) as unknown as Command;
  let seen: Seen | undefined;
  const lab = program.commands.find((c) => c.name() === 'lab')!;
  const commands = [...program.commands.filter((c) => ['curl', 'env'].includes(c.name())), ...lab.commands.filter((c) => ['show', 'step'].includes(c.name()))];
  for (const command of commands) {
    const name = command.parent === lab ? `lab ${command.name()}` : command.name();
    command.action((...a: unknown[]) => {
      const cmd = a.at(-1) as Command;
      const g = cmd.optsWithGlobals() as { environment?: string; verbose?: boolean; json?: boolean };
      seen = {
        command: name,
        globals: { ...(g.environment !== undefined ? { environment: g.environment } : {}), verbose: Boolean(g.verbose), json: Boolean(g.json) },
        ...(name === 'env' ? {} : { operand: a[0] as string | undefined }),
        opts: cmd.opts(),
      };
    });
  }
  await program.parseAsync(argv, { from: 'user' });
  return seen!;
}

const ACCEPTED: string[][] = [
  ['curl', '/helloworld'],
  ['--environment', 'bench-1', 'curl', '/helloworld'],
  ['-e', 'x', '--json', 'curl', '/helloworld'],
  ['-v', 'curl', '-i', '/a/b?c=d'],
  ['--verbose', '--json', 'curl', '/x', '--include', '--fail'],
  ['curl', '-f', '/x'],
  ['curl', '/x', '-i', '-i'],
  ['-e', 'Bad_Name', 'curl', '/x'],
  ['env'],
  ['--environment', 'bench-1', 'env'],
  ['--json', '-e', 'e2', 'env', '--export-kubeconfig'],
  ['lab', 'show', 'ingress-routing'],
  ['--environment', 'bench-1', 'lab', 'show', 'ingress-routing'],
  ['--json', 'lab', 'show', 'x.y_z'],
  ['lab', 'step'],
  ['-e', 'w', 'lab', 'step', '3'],
  ['--verbose', 'lab', 'step', 'gateway'],
];

const FALLBACK: string[][] = [
  ['curl', '/x', '--json'],
  ['curl', '/x', '-X', 'POST'],
  ['curl', '/x', '--timeout', '2'],
  ['curl', 'x'],
  ['curl'],
  ['curl', '/a', '/b'],
  ['--environment=x', 'curl', '/x'],
  ['-e', 'a', '-e', 'b', 'curl', '/x'],
  ['-e', '--json', 'curl', '/x'],
  ['-e'],
  ['--lab', 'x', 'curl', '/x'],
  ['-vj', 'curl', '/x'],
  ['curl', '--', '/x'],
  ['env', '--json'],
  ['env', 'x'],
  ['status'],
  ['up'],
  [],
  ['curl', '/x', '--help', 'extra'],
  ['lab', 'show'],
  ['lab', 'show', 'a', 'b'],
  ['lab', 'show', '--json', 'x'],
  ['lab', 'show', 'x', '--json'],
  ['lab', 'show', 'help'],
  ['lab', 'step', '-1'],
  ['lab', 'step', '1', '2'],
  ['lab', 'list'],
  ['lab', 'check'],
  ['lab'],
];

describe('the fast path of curl, env, lab show and lab step', () => {
  for (const argv of ACCEPTED) {
    it(`gives curl/env what commander gives them: ${argv.join(' ')}`, async () => {
      const fast = parseFastArgv(argv);
      expect(fast).toBeDefined();
      if (!fast || fast.kind === 'help') throw new Error('not a command fast path');
      const expected = await commanderSees(argv);
      const operand = fast.kind === 'curl' ? { operand: fast.path } : fast.kind === 'lab show' ? { operand: fast.id } : fast.kind === 'lab step' ? { operand: fast.n } : {};
      const opts = fast.kind === 'curl' || fast.kind === 'env' ? fast.opts : {};
      expect({ command: fast.kind, globals: fast.globals, ...operand, opts }).toEqual(expected);
    });
  }
  for (const argv of FALLBACK) {
    it(`leaves anything else to commander: ${argv.join(' ') || '(no arguments)'}`, () => {
      expect(parseFastArgv(argv)).toBeUndefined();
    });
  }
});

describe('the prebuilt help', () => {
  it('is looked up for [<command>...] --help or -h, and only then', () => {
    expect(parseFastArgv(['--help'])).toEqual({ kind: 'help', key: '' });
    expect(parseFastArgv(['lab', 'show', '-h'])).toEqual({ kind: 'help', key: 'lab show' });
    expect(parseFastArgv(['-e', 'x', 'up', '--help'])).toBeUndefined();
    expect(parseFastArgv(['curl', '/x', '--help'])).toBeUndefined();
  });
});
