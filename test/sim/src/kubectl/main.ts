// Simulated kubectl: cobra-style dispatch on the shared command tree (lib/command-tree.ts)
// with persistent (global) flags accepted before or after the subcommand, pflag-exact flag
// errors, and only the commands mesh-lab uses.
import { FlagError, parseFlags, type FlagSpec } from '../lib/flags.js';
import { findCommand, valueFlags } from '../lib/command-tree.js';
import { simHome } from '../lib/store.js';
import { applyFlags, runApply } from './cmd-apply.js';
import { createNamespaceFlags, runCreateNamespace } from './cmd-create.js';
import { createTokenFlags, runCreateToken } from './cmd-create-token.js';
import { deleteFlags, runDelete } from './cmd-delete.js';
import { execFlags, runExec } from './cmd-exec.js';
import { getFlags, runGet } from './cmd-get.js';
import { labelFlags, runLabel } from './cmd-label.js';
import { patchFlags, runPatch } from './cmd-patch.js';
import { portForwardFlags, runPortForward } from './cmd-port-forward.js';
import { rolloutStatusFlags, runRolloutStatus } from './cmd-rollout.js';
import { runVersion, versionFlags } from './cmd-version.js';
import { runWait, waitFlags } from './cmd-wait.js';
import { globalFlags } from './context.js';

type Run = (args: string[], flags: Record<string, unknown>) => Promise<number>;

interface Cmd {
  flags?: FlagSpec[];
  run?: Run;
  children?: Record<string, Cmd>;
}

const createNamespace: Cmd = { flags: createNamespaceFlags, run: runCreateNamespace };

const TREE: Cmd = {
  children: {
    version: { flags: versionFlags, run: runVersion },
    apply: { flags: applyFlags, run: runApply },
    get: { flags: getFlags, run: runGet },
    rollout: { children: { status: { flags: rolloutStatusFlags, run: runRolloutStatus } } },
    wait: { flags: waitFlags, run: runWait },
    delete: { flags: deleteFlags, run: runDelete },
    label: { flags: labelFlags, run: runLabel },
    patch: { flags: patchFlags, run: runPatch },
    create: { children: { namespace: createNamespace, ns: createNamespace, token: { flags: createTokenFlags, run: runCreateToken } } },
    'port-forward': { flags: portForwardFlags, run: runPortForward },
    exec: { flags: execFlags, run: runExec },
  },
};

/** Only the global flags are known before the command is found (cobra strips those). */
const GLOBAL_VALUE_FLAGS = valueFlags(globalFlags);

async function main(argv: string[]): Promise<number> {
  simHome();
  const { path, cmd, rest, args, firstWordAt } = findCommand(argv, TREE, 'kubectl', GLOBAL_VALUE_FLAGS);
  if (firstWordAt === undefined) {
    process.stdout.write('kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n');
    return 0;
  }
  // kubectl resolves the command with cobra's Find; when that fails (an unknown word, or an
  // unknown flag before the command) it tries a plugin, and refuses flags placed before it.
  const known = (tok: string) => {
    const name = tok.startsWith('--') ? tok.slice(2).split('=')[0] : undefined;
    return name !== undefined ? globalFlags.some((g) => g.name === name) : globalFlags.some((g) => g.short === tok.slice(1, 2));
  };
  const unknownBefore = argv.slice(0, firstWordAt).find((a) => a.startsWith('-') && !known(a));
  if (unknownBefore) {
    process.stderr.write(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
    return 1;
  }
  if (path.length === 1) {
    if (firstWordAt > 0) process.stderr.write(`Error: flags cannot be placed before plugin name: ${argv[0]}\n`);
    else process.stderr.write(`error: unknown command "${args[0]}" for "kubectl"\n`);
    return 1;
  }
  if (!cmd.run) {
    const group = path.slice(1).join(' ');
    const sub = args[0];
    process.stderr.write(
      sub === undefined
        ? `error: the mesh-lab simulator implements "${group}" only as: ${Object.keys(cmd.children ?? {}).map((c) => `${group} ${c}`).join(', ')}\n`
        : `error: unknown command "${sub}"\nSee 'kubectl ${group} -h' for help and examples\n`,
    );
    return 1;
  }
  let parsed;
  try {
    parsed = parseFlags(rest, [...globalFlags, ...(cmd.flags ?? [])]);
  } catch (e) {
    if (e instanceof FlagError) {
      process.stderr.write(`Error: ${e.message}\nSee '${path.join(' ')} --help' for usage.\n`);
      return 1;
    }
    throw e;
  }
  return cmd.run(parsed.args, parsed.flags);
}

process.exitCode = await main(process.argv.slice(2));
