// Renders `mesh-lab [<command>...] --help` at build time into dist/help.json, so the
// entry point can answer a bare `--help` without loading commander and the command tree
// (≈20 ms of every such start). The text is commander's own output: each entry is what the
// freshly built CLI printed for that argv, with stdout a pipe (so commander wraps at its
// default 80 columns and adds no colour; cli/mesh-lab.ts uses the file only then).
// test/e2e/help-prebuilt.test.ts compares every entry with the live `help <command>` output.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The subcommand names of a commander help text: the first word of each "Commands:" row. */
function subcommands(help) {
  const at = help.indexOf('\nCommands:\n');
  if (at < 0) return [];
  const names = [];
  for (const line of help.slice(at + '\nCommands:\n'.length).split('\n')) {
    if (line === '') break;
    const m = /^ {2}([a-z][-a-z]*)\b/.exec(line);
    if (m && m[1] !== 'help') names.push(m[1]);
  }
  return names;
}

export function prebuildHelp(root) {
  const cli = join(root, 'dist', 'cli', 'mesh-lab.js');
  // the variables commander reads for colour, removed so none can leak into the text
  const env = { ...process.env };
  for (const k of ['FORCE_COLOR', 'NO_COLOR', 'CLICOLOR_FORCE']) delete env[k];
  const texts = {};
  const visit = (path) => {
    const text = execFileSync(process.execPath, [cli, ...path, '--help'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    texts[path.join(' ')] = text;
    for (const name of subcommands(text)) visit([...path, name]);
  };
  visit([]);
  writeFileSync(join(root, 'dist', 'help.json'), `${JSON.stringify(texts)}\n`);
  return Object.keys(texts).length;
}
