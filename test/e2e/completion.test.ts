// `mesh-lab completion bash|zsh|fish`: the bash script, sourced in a bash this test starts,
// completes commands, lab ids and flag values when its function is called as bash would
// call it on <TAB> (COMP_WORDS/COMP_CWORD set). No cluster: the script needs none.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Whether a shell is installed here (zsh and fish are optional on a workshop machine and in CI). */
function has(shell: string): boolean {
  try {
    execFileSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
import { createLabEnv, type LabEnv } from './support/harness.js';

describe('mesh-lab completion', () => {
  let lab: LabEnv;
  let script: string;
  beforeAll(async () => {
    lab = await createLabEnv();
    const r = await lab.run(['completion', 'bash']);
    expect(r.exitCode, r.stderr).toBe(0);
    script = join(lab.root, 'mesh-lab.bash');
    writeFileSync(script, r.stdout);
  });
  afterAll(async () => lab?.cleanup());

  /** What bash offers for the words typed so far (the last one is the word being completed). */
  function complete(...words: string[]): string[] {
    const program = [
      'set -e',
      `source ${JSON.stringify(script)}`,
      `complete -p mesh-lab >/dev/null`,
      `COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})`,
      `COMP_CWORD=${words.length - 1}`,
      '_mesh_lab',
      'printf "%s\\n" "${COMPREPLY[@]}"',
    ].join('\n');
    return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8' }).split('\n').filter(Boolean);
  }

  it('completes `mesh-lab lab start tr<TAB>` to traffic-shifting', () => {
    expect(complete('mesh-lab', 'lab', 'start', 'tr')).toEqual(['traffic-shifting']);
  });

  it('completes commands, subcommands after a global flag and its value, and flags', () => {
    expect(complete('mesh-lab', 'co')).toEqual(['completion']);
    expect(complete('mesh-lab', '-e', 'mine', 'lab', 'st')).toEqual(['start', 'step']);
    expect(complete('mesh-lab', 'up', '--prof')).toEqual(['--profile']);
  });

  it('completes --provider from the provider registry and --profile from the profile list', () => {
    expect(complete('mesh-lab', 'up', '--provider', '')).toEqual(['kind', 'minikube', 'existing']);
    expect(complete('mesh-lab', 'up', '--profile', '')).toEqual(['default', 'demo', 'minimal']);
  });

  it('completes step ids after lab step', () => {
    expect(complete('mesh-lab', 'lab', 'step', 'shift-')).toEqual(['shift-10', 'shift-50']);
  });

  it('prints zsh and fish scripts, and {shell, script} under --json', async () => {
    const zsh = await lab.run(['completion', 'zsh']);
    expect(zsh.stdout).toContain('bashcompinit');
    const fish = await lab.run(['completion', 'fish']);
    expect(fish.stdout).toContain("complete -c mesh-lab -n 'test (__mesh_lab_path) = '\\''up'\\''' -l provider -x -a 'kind minikube existing'");
    const json = await lab.run(['--json', 'completion', 'fish']);
    expect(JSON.parse(json.stdout)).toEqual({ shell: 'fish', script: fish.stdout });
  });

  // zsh runs the bash function through bashcompinit, which calls it under `emulate sh`:
  // only a real completion widget shows that, so an interactive zsh on a pty gets a <TAB>
  it.runIf(has('zsh'))('zsh: an interactive zsh completes `mesh-lab lab start tr<TAB>` to traffic-shifting', async () => {
    const r = await lab.run(['completion', 'zsh']);
    const zdot = join(lab.root, 'zdot');
    mkdirSync(zdot, { recursive: true });
    writeFileSync(join(zdot, 'completion.zsh'), r.stdout);
    writeFileSync(join(zdot, '.zshrc'), `autoload -U compinit && compinit -u -d ${join(zdot, '.zcompdump')}\nsource ${join(zdot, 'completion.zsh')}\nPS1='> '\n`);
    const driver = [
      'zmodload zsh/zpty',
      `zpty -b z 'ZDOTDIR=${zdot} zsh -i'`,
      "zpty -r z junk '*> '",
      "zpty -w -n z $'mesh-lab lab start tr\\t'",
      "zpty -r z out '*traffic-shifting*'",
      'print -r -- "$out"',
      'zpty -d z',
    ].join('\n');
    const out = execFileSync('zsh', ['-f', '-c', driver], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: lab.root } });
    expect(out).toContain('mesh-lab lab start traffic-shifting');
  });

  it.runIf(has('fish'))('fish: completes lab ids and --provider values', async () => {
    const r = await lab.run(['completion', 'fish']);
    const file = join(lab.root, 'mesh-lab.fish');
    writeFileSync(file, r.stdout);
    const complete = (line: string) => execFileSync('fish', ['--no-config', '-c', `source ${file}; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(complete('mesh-lab lab start tr')).toEqual(['traffic-shifting']);
    expect(complete('mesh-lab up --provider ')).toEqual(['existing', 'kind', 'minikube']);
  });
});
