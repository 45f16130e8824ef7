// `mesh-lab [<command>...] --help` is answered from dist/help.json, rendered by the build
// (scripts/prebuild-help.mjs). It must never drift from commander: every entry is compared
// here with commander's live output for the same command, asked through `help`, which the
// fast path does not recognise (`help <cmd>`, and `<parent> help <child>` for nested ones).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './support/harness.js';

const texts = JSON.parse(readFileSync(join(repoRoot, 'dist/help.json'), 'utf8')) as Record<string, string>;
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['FORCE_COLOR', 'NO_COLOR', 'CLICOLOR_FORCE'].includes(k)));
const cli = (...args: string[]) => execFileSync(process.execPath, [cliPath, ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the prebuilt help', () => {
  it('covers the program and every command, nested ones too', () => {
    expect(Object.keys(texts)).toEqual(expect.arrayContaining(['', 'up', 'curl', 'env', 'status', 'down', 'lab', 'lab show', 'lab step', 'tools install']));
  });

  for (const key of Object.keys(texts)) {
    it(`is byte-identical to commander's live help: ${key || '(program)'}`, () => {
      const words = key === '' ? [] : key.split(' ');
      const live = words.length === 0 ? cli('help') : cli(...words.slice(0, -1), 'help', words.at(-1)!);
      expect(texts[key]).toBe(live);
      // and the fast path prints exactly that entry
      expect(cli(...words, '--help')).toBe(live);
      expect(cli(...words, '-h')).toBe(live);
    });
  }
});
