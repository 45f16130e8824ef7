// The program only adds commands: each one, built on its own, still gets the program's
// settings (usage errors thrown to the one error handler, not process.exit) and the
// global flags through the factory.
import { CommanderError } from '@commander-js/extra-typings';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildProgram } from '../../../cli/program.js';

afterEach(() => vi.restoreAllMocks());

const argv = (...a: string[]) => ['node', 'mesh-lab', ...a];

describe('buildProgram', () => {
  it.each([
    ['down', '--no-such-flag'],
    ['lab', 'check', '--no-such-flag'],
    ['tools', 'install', '--no-such-flag'],
  ])('a usage error in %s %s is thrown as a CommanderError, not an exit', async (...args) => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const p = buildProgram({ flags: { verbose: false, json: false } });
    await expect(p.parseAsync(argv(...args))).rejects.toBeInstanceOf(CommanderError);
  });

  it('reads the global flags before the action: --json and an invalid -e reach the command', async () => {
    const state = { flags: { verbose: false, json: false } };
    await expect(buildProgram(state).parseAsync(argv('--json', '-e', 'BAD', 'curl', '/x'))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('environment name "BAD"') });
    expect(state.flags.json).toBe(true);
  });

  it('lists the same commands as before the split', () => {
    const p = buildProgram({ flags: { verbose: false, json: false } });
    expect(p.commands.map((c) => c.name())).toEqual(['up', 'curl', 'env', 'status', 'down', 'doctor', 'join', 'tools', 'images', 'bundle', 'lab', 'workshop', 'completion']);
    expect(p.commands.find((c) => c.name() === 'lab')!.commands.map((c) => c.name())).toEqual(['list', 'validate', 'show', 'start', 'step', 'check', 'run', 'reset']);
  });
});
