// The completion scripts for bash, zsh and fish, generated from a CompletionSpec. Each
// script finds the command path in the words typed so far (skipping flags and the value
// of a value-taking flag), then offers that command's subcommands, flags and argument
// words, or a flag's choices right after the flag. Nothing runs mesh-lab at <TAB> time:
// the words are fixed when the script is printed (re-source it after an upgrade).
import { valueFlags, type CommandSpec, type CompletionSpec } from './completion-spec.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Words are command names, flags and ids: quote anyway, so a stray character cannot break the script. */
const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
const fnName = (program: string): string => `_${program.replace(/[^A-Za-z0-9]/g, '_')}`;

/** A command's own flags and the program's (global flags go anywhere; --help and --version once). */
function flagsFor(c: CommandSpec, globals: CommandSpec): CommandSpec['flags'] {
  return c.path === '' ? c.flags : [...c.flags, ...globals.flags.filter((g) => !g.names.includes('--help') && !g.names.includes('--version'))];
}

function wordsFor(c: CommandSpec, globals: CommandSpec): string[] {
  const flags = flagsFor(c, globals);
  return [...c.subcommands, ...c.args, ...flags.flatMap((f) => f.names.filter((n) => n.startsWith('--')))];
}

function bashScript(spec: CompletionSpec): string {
  const fn = fnName(spec.program);
  const globals = spec.commands.find((c) => c.path === '')!;
  const vflags = valueFlags(spec);
  const sub = spec.commands.filter((c) => c.subcommands.length).map((c) => `    ${sq(c.path)}) subs=${sq(c.subcommands.join(' '))} ;;`);
  const words = spec.commands.map((c) => `    ${sq(c.path)}) cands=${sq(wordsFor(c, globals).join(' '))} ;;`);
  const values = vflags
    .filter((f) => f.choices)
    .map((f) => `    ${f.names.join('|')}) COMPREPLY=($(compgen -W ${sq(f.choices!.join(' '))} -- "$cur")); return 0 ;;`);
  // a free value (a path, a name): nothing offered, so bash falls back to file names (-o default)
  const free = vflags.filter((f) => !f.choices).flatMap((f) => f.names);
  return `# ${spec.program} completion for bash: save it, e.g.
#   ${spec.program} completion bash > ~/.local/share/bash-completion/completions/${spec.program}
# or source that file from ~/.bashrc
${fn}() {
  # zsh's bashcompinit calls this under \`emulate sh\` (compgen -F): arrays count from 0 there too
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" cmdpath="" subs cands w i
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for (( i = 1; i < COMP_CWORD; i++ )); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
${vflags.map((f) => `      ${f.names.join('|')}) (( i++ )) ;;`).join('\n')}
      -*) ;;
      *)
        subs=""
        case "$cmdpath" in
${sub.map((l) => `    ${l}`).join('\n')}
        esac
        [[ " $subs " == *" $w "* ]] && cmdpath="\${cmdpath:+$cmdpath }$w"
        ;;
    esac
  done
  case "$prev" in
${values.join('\n')}
    ${free.join('|')}) COMPREPLY=(); return 0 ;;
  esac
  cands=""
  case "$cmdpath" in
${words.join('\n')}
  esac
  COMPREPLY=($(compgen -W "$cands" -- "$cur"))
}
complete -o default -F ${fn} ${spec.program}
`;
}

function zshScript(spec: CompletionSpec): string {
  // zsh runs the bash function through bashcompinit: one completion logic for both shells
  return `#compdef ${spec.program}
# ${spec.program} completion for zsh: save it and source the file from ~/.zshrc, after compinit:
#   ${spec.program} completion zsh > ~/.${spec.program}-completion.zsh
autoload -U +X bashcompinit && bashcompinit
${bashScript(spec).split('\n').filter((l) => !l.startsWith('#')).join('\n')}`;
}

function fishScript(spec: CompletionSpec): string {
  const p = spec.program;
  const fn = `__${fnName(p).slice(1)}_path`;
  const globals = spec.commands.find((c) => c.path === '')!;
  const vflags = valueFlags(spec);
  const lines = [
    `# ${p} completion for fish: save it as ~/.config/fish/completions/${p}.fish, or:`,
    `#   ${p} completion fish | source`,
    `function ${fn} --description 'the ${p} command path typed so far'`,
    '    set -l words (commandline -opc)',
    '    set -l path ""',
    '    set -l skip 0',
    '    for w in $words[2..-1]',
    '        if test $skip -eq 1; set skip 0; continue; end',
    '        switch $w',
    ...(vflags.length ? [`            case ${vflags.flatMap((f) => f.names).map(sq).join(' ')}`, '                set skip 1'] : []),
    "            case '-*'",
    '            case \'*\'',
    '                set -l subs',
    '                switch "$path"',
    ...spec.commands.filter((c) => c.subcommands.length).flatMap((c) => [`                    case ${sq(c.path)}`, `                        set subs ${c.subcommands.map(sq).join(' ')}`]),
    '                end',
    '                if contains -- $w $subs',
    '                    if test -z "$path"; set path $w; else; set path "$path $w"; end',
    '                end',
    '        end',
    '    end',
    '    echo $path',
    'end',
    `complete -c ${p} -f`,
  ];
  for (const c of spec.commands) {
    const cond = `-n ${sq(`test (${fn}) = ${sq(c.path)}`)}`;
    const positional = [...c.subcommands, ...c.args];
    if (positional.length) lines.push(`complete -c ${p} ${cond} -a ${sq(positional.join(' '))}`);
    for (const f of flagsFor(c, globals)) {
      const long = f.names.find((n) => n.startsWith('--'))?.slice(2);
      const short = f.names.find((n) => /^-[^-]$/.test(n))?.slice(1);
      if (!long) continue;
      const value = f.takesValue ? (f.choices ? ` -x -a ${sq(f.choices.join(' '))}` : ' -r -F') : '';
      lines.push(`complete -c ${p} ${cond} -l ${long}${short ? ` -s ${short}` : ''}${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export function completionScript(shell: Shell, spec: CompletionSpec): string {
  return shell === 'bash' ? bashScript(spec) : shell === 'zsh' ? zshScript(spec) : fishScript(spec);
}
