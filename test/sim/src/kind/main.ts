// Entry point of the simulated `kind` (v0.32.0). Command lookup and flag parsing
// follow cobra/pflag: persistent -v/-q anywhere, unknown flags and stray arguments
// fail, and every error is printed by kind's main as "ERROR: <err>" (plus the
// captured output of a failed command) with exit status 1.
import { readFileSync } from 'node:fs';
import { parseFlags, type FlagSpec } from '../lib/flags.js';
import { simHome } from '../lib/store.js';
import { Logger } from './logger.js';
import { runErrorOf, wrap } from './errors.js';
import { createCluster } from './create.js';
import { deleteCluster } from './delete.js';
import { exportKubeconfigCmd, getClusters, getKubeconfig, getNodes, KIND_VERSION, loadDockerImage, loadImageArchive, version } from './commands.js';
import { findCommand as findTreeCommand } from '../lib/command-tree.js';

const GLOBAL: FlagSpec[] = [
  { name: 'verbosity', short: 'v', type: 'int', def: 0 },
  { name: 'quiet', short: 'q', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
];

interface Ctx {
  flags: Record<string, unknown>;
  set: Set<string>;
  args: string[];
  log: Logger;
}

interface Cmd {
  use: string;
  flags?: FlagSpec[];
  /** cobra.NoArgs unless it says otherwise */
  args?: (args: string[]) => string | undefined;
  run?: (ctx: Ctx) => Promise<void> | void;
  children?: Record<string, Cmd>;
}

const nameFlag = (def: string): FlagSpec => ({ name: 'name', short: 'n', type: 'string', def });

/** cli.OverrideDefaultName: KIND_CLUSTER_NAME applies only when --name was not given. */
function clusterName(ctx: Ctx): string {
  if (!ctx.set.has('name') && process.env.KIND_CLUSTER_NAME) return process.env.KIND_CLUSTER_NAME;
  return String(ctx.flags.name ?? '');
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const TREE: Cmd = {
  use: 'kind',
  children: {
    version: { use: 'version', run: ({ log }) => version(log) },
    create: {
      use: 'create',
      children: {
        cluster: {
          use: 'cluster',
          flags: [
            nameFlag(''),
            { name: 'config', type: 'string', def: '' },
            { name: 'image', type: 'string', def: '' },
            { name: 'retain', type: 'bool' },
            { name: 'wait', type: 'duration', def: 0 },
            { name: 'kubeconfig', type: 'string', def: '' },
          ],
          run: async (ctx) => {
            try {
              await createCluster(
                {
                  name: clusterName(ctx),
                  config: str(ctx.flags.config),
                  image: String(ctx.flags.image ?? ''),
                  retain: ctx.flags.retain === true,
                  waitMs: Number(ctx.flags.wait ?? 0),
                  kubeconfig: str(ctx.flags.kubeconfig),
                  stdin: () => readFileSync(0, 'utf8'),
                },
                ctx.log,
              );
            } catch (err) {
              throw wrap(err, 'failed to create cluster');
            }
          },
        },
      },
    },
    delete: {
      use: 'delete',
      children: {
        cluster: {
          use: 'cluster',
          flags: [nameFlag('kind'), { name: 'kubeconfig', type: 'string', def: '' }],
          run: (ctx) => {
            const name = clusterName(ctx);
            ctx.log.info(`Deleting cluster ${JSON.stringify(name)} ...`);
            try {
              deleteCluster(name, str(ctx.flags.kubeconfig), ctx.log);
            } catch (err) {
              throw wrap(err, `failed to delete cluster ${JSON.stringify(name)}`);
            }
          },
        },
      },
    },
    get: {
      use: 'get',
      children: {
        clusters: { use: 'clusters', run: ({ log }) => getClusters(log) },
        nodes: {
          use: 'nodes',
          flags: [nameFlag('kind'), { name: 'all-clusters', short: 'A', type: 'bool' }],
          run: (ctx) => getNodes(clusterName(ctx), ctx.flags['all-clusters'] === true, ctx.log),
        },
        kubeconfig: {
          use: 'kubeconfig',
          flags: [nameFlag('kind'), { name: 'internal', type: 'bool' }],
          run: (ctx) => getKubeconfig(clusterName(ctx), ctx.flags.internal === true),
        },
      },
    },
    export: {
      use: 'export',
      children: {
        kubeconfig: {
          use: 'kubeconfig',
          flags: [nameFlag('kind'), { name: 'kubeconfig', type: 'string', def: '' }, { name: 'internal', type: 'bool' }],
          run: (ctx) => exportKubeconfigCmd(clusterName(ctx), str(ctx.flags.kubeconfig), ctx.flags.internal === true, ctx.log),
        },
      },
    },
    load: {
      use: 'load',
      children: {
        'docker-image': {
          use: 'docker-image',
          flags: [nameFlag('kind'), { name: 'nodes', type: 'stringSlice' }],
          args: (a) => (a.length < 1 ? 'a list of image names is required' : undefined),
          run: (ctx) => loadDockerImage(ctx.args, clusterName(ctx), (ctx.flags.nodes as string[] | undefined) ?? [], ctx.log),
        },
        'image-archive': {
          use: 'image-archive',
          flags: [nameFlag('kind'), { name: 'nodes', type: 'stringSlice' }],
          args: (a) => (a.length < 1 ? 'name of image archive is required' : undefined),
          run: (ctx) => loadImageArchive(ctx.args[0]!, clusterName(ctx), (ctx.flags.nodes as string[] | undefined) ?? []),
        },
      },
    },
  },
};

/** Flags that take a value anywhere in kind, so the command search can skip their values. */
const VALUE_FLAGS = new Set(['-v', '--verbosity', '-n', '--name', '--config', '--image', '--wait', '--kubeconfig', '--nodes']);

function findCommand(argv: string[]): { path: string[]; cmd: Cmd; rest: string[] } {
  return findTreeCommand(argv, TREE, 'kind', VALUE_FLAGS);
}

function usage(path: string[], cmd: Cmd): string {
  const subs = Object.keys(cmd.children ?? {});
  return `Usage:\n  ${path.join(' ')}${subs.length ? ' [command]' : ' [flags]'}\n${subs.length ? `\nAvailable Commands:\n${subs.map((s) => `  ${s}`).join('\n')}\n` : ''}`;
}

async function main(argv: string[]): Promise<number> {
  // kind's main pre-scans for -q so even cobra's own errors are silenced.
  const quiet = argv.includes('-q') || argv.includes('--quiet') || argv.includes('--quiet=true');
  let log = new Logger(quiet, 0);
  simHome(); // the simulator refuses to act without its state directory (exits 97)
  try {
    if (argv.length === 1 && argv[0] === '--version') {
      process.stdout.write(`kind version ${KIND_VERSION}\n`);
      return 0;
    }
    const { path, cmd, rest } = findCommand(argv);
    const parsed = parseFlags(rest, [...GLOBAL, ...(cmd.flags ?? [])]);
    log = new Logger(quiet, Number(parsed.flags.verbosity ?? 0));
    if (parsed.flags.help === true) {
      process.stdout.write(usage(path, cmd));
      return 0;
    }
    if (!cmd.run) {
      if (parsed.args.length > 0) throw new Error(`unknown command ${JSON.stringify(parsed.args[0])} for ${JSON.stringify(path.join(' '))}`);
      process.stdout.write(usage(path, cmd));
      return 0;
    }
    const argErr = cmd.args ? cmd.args(parsed.args) : parsed.args.length > 0 ? `unknown command ${JSON.stringify(parsed.args[0])} for ${JSON.stringify(path.join(' '))}` : undefined;
    if (argErr) throw new Error(argErr);
    await cmd.run({ flags: parsed.flags, set: parsed.set, args: parsed.args, log });
    return 0;
  } catch (err) {
    log.info(`ERROR: ${(err as Error).message}`);
    const run = runErrorOf(err);
    if (run) log.info(`\nCommand Output: ${run.output}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
