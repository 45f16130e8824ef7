// Simulated kubectl: cobra-style dispatch with persistent (global) flags accepted before
// or after the subcommand, pflag-exact flag errors, and only the commands mesh-lab uses.
import { FlagError, parseFlags, type FlagSpec } from '../lib/flags.js';
import { simHome } from '../lib/store.js';
import { applyFlags, runApply } from './cmd-apply.js';
import { createNamespaceFlags, runCreateNamespace } from './cmd-create.js';
import { deleteFlags, runDelete } from './cmd-delete.js';
import { execFlags, runExec } from './cmd-exec.js';
import { getFlags, runGet } from './cmd-get.js';
import { labelFlags, runLabel } from './cmd-label.js';
import { portForwardFlags, runPortForward } from './cmd-port-forward.js';
import { rolloutStatusFlags, runRolloutStatus } from './cmd-rollout.js';
import { runVersion, versionFlags } from './cmd-version.js';
import { runWait, waitFlags } from './cmd-wait.js';
import { globalFlags } from './context.js';

interface Command {
  path: string[];
  flags: FlagSpec[];
  run: (args: string[], flags: Record<string, unknown>) => Promise<number>;
}

const commands: Command[] = [
  { path: ['version'], flags: versionFlags, run: runVersion },
  { path: ['apply'], flags: applyFlags, run: runApply },
  { path: ['get'], flags: getFlags, run: runGet },
  { path: ['rollout', 'status'], flags: rolloutStatusFlags, run: runRolloutStatus },
  { path: ['wait'], flags: waitFlags, run: runWait },
  { path: ['delete'], flags: deleteFlags, run: runDelete },
  { path: ['label'], flags: labelFlags, run: runLabel },
  { path: ['create', 'namespace'], flags: createNamespaceFlags, run: runCreateNamespace },
  { path: ['create', 'ns'], flags: createNamespaceFlags, run: runCreateNamespace },
  { path: ['port-forward'], flags: portForwardFlags, run: runPortForward },
  { path: ['exec'], flags: execFlags, run: runExec },
];

/** Positions of the non-flag words, skipping global flags and their values. */
function positionals(argv: string[], specs: FlagSpec[]): number[] {
  const takesValue = (tok: string): boolean => {
    if (tok.startsWith('--')) {
      if (tok.includes('=')) return false;
      const s = specs.find((x) => x.name === tok.slice(2));
      return !!s && s.type !== 'bool' && s.noOptDefVal === undefined;
    }
    const s = specs.find((x) => x.short === tok.slice(1, 2));
    return tok.length === 2 && !!s && s.type !== 'bool';
  };
  const pos: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a.startsWith('-') && a !== '-') {
      if (takesValue(a)) i++;
      continue;
    }
    pos.push(i);
  }
  return pos;
}

async function main(argv: string[]): Promise<number> {
  simHome();
  const pos = positionals(argv, globalFlags);
  if (pos.length === 0) {
    process.stdout.write('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
    return 0;
  }
  // kubectl resolves the command with cobra's Find; when that fails (an unknown word, or an
  // unknown flag before the command) it tries a plugin, and refuses flags placed before it.
  const known = (tok: string) => {
    const name = tok.startsWith('--') ? tok.slice(2).split('=')[0] : undefined;
    return name !== undefined ? globalFlags.some((g) => g.name === name) : globalFlags.some((g) => g.short === tok.slice(1, 2));
  };
  const unknownBefore = argv.slice(0, pos[0]).find((a) => a.startsWith('-') && !known(a));
  if (unknownBefore) {
    process.stderr.write(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
    return 1;
  }
  const first = argv[pos[0]!]!;
  const candidates = commands.filter((c) => c.path[0] === first);
  if (candidates.length === 0) {
    if (pos[0]! > 0) process.stderr.write(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
    else process.stderr.write(`error: unknown command "${first}" for "kubectl"\n`);
    return 1;
  }
  let cmd = candidates.find((c) => c.path.length === 1);
  const used = [pos[0]!];
  if (!cmd) {
    const sub = pos[1] !== undefined ? argv[pos[1]] : undefined;
    cmd = candidates.find((c) => c.path[1] === sub);
    if (!cmd) {
      process.stderr.write(
        sub === undefined
          ? `error: the mesh-lab simulator implements "${first}" only as: ${candidates.map((c) => c.path.join(' ')).join(', ')}\n`
          : `error: unknown command "${sub}"\nSee 'kubectl ${first} -h' for help and examples\n`,
      );
      return 1;
    }
    used.push(pos[1]!);
  }
  const rest = argv.filter((_, i) => !used.includes(i));
  let parsed;
  try {
    parsed = parseFlags(rest, [...globalFlags, ...cmd.flags]);
  } catch (e) {
    if (e instanceof FlagError) {
      process.stderr.write(`Error: ${e.message}\nSee 'kubectl ${cmd.path.join(' ')} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  return cmd.run(parsed.args, parsed.flags);
}

process.exitCode = await main(process.argv.slice(2));
