// Entry point of the simulated `minikube` (v1.38.1). Cobra/pflag rules: persistent root
// flags (-p/--profile, -b/--bootstrapper, --user, --skip-audit, --rootless and klog's Go
// flags) anywhere, unknown flags fail with "Error: unknown flag: --x" and exit 14
// (reason.ExProgramUsage, cmd/minikube/cmd/root.go Execute), unknown commands likewise.
// Profile = -p, else $MINIKUBE_PROFILE, else "minikube" (viper binds the flag and env).
import { FlagError, parseFlags, type FlagSpec } from '../lib/flags.js';
import { simHome } from '../lib/store.js';
import { Exit } from './out.js';
import { startFlags } from './start-flags.js';
import { deleteProfile, ip, profileList, service, start, status, stop, updateContext, version, DEFAULT_STATUS_FORMAT } from './commands.js';
import { imageLoad } from './image-load.js';
import { findCommand as findTreeCommand, valueFlags } from '../lib/command-tree.js';

const ROOT: FlagSpec[] = [
  { name: 'profile', short: 'p', type: 'string', def: 'minikube' },
  { name: 'bootstrapper', short: 'b', type: 'string', def: 'kubeadm' },
  { name: 'user', type: 'string', def: '' },
  { name: 'skip-audit', type: 'bool' },
  { name: 'rootless', type: 'bool' },
  { name: 'help', short: 'h', type: 'bool' },
  // klog.InitFlags (added to pflag.CommandLine in root.go init)
  { name: 'add_dir_header', type: 'bool' },
  { name: 'alsologtostderr', type: 'bool' },
  { name: 'log_backtrace_at', type: 'string' },
  { name: 'log_dir', type: 'string' },
  { name: 'log_file', type: 'string' },
  { name: 'log_file_max_size', type: 'int' },
  { name: 'logtostderr', type: 'bool' },
  { name: 'one_output', type: 'bool' },
  { name: 'skip_headers', type: 'bool' },
  { name: 'skip_log_headers', type: 'bool' },
  { name: 'stderrthreshold', type: 'string' },
  { name: 'v', short: 'v', type: 'int' },
  { name: 'vmodule', type: 'string' },
];

type Run = (ctx: { profile: string; flags: Record<string, unknown>; set: Set<string>; args: string[] }) => Promise<number | void> | number | void;

interface Cmd {
  flags?: FlagSpec[];
  run?: Run;
  children?: Record<string, Cmd>;
}

const outputFlag = (def: string): FlagSpec => ({ name: 'output', short: 'o', type: 'string', def });

const TREE: Cmd = {
  children: {
    start: { flags: startFlags, run: ({ profile, flags, set }) => start(profile, flags, set) },
    stop: {
      flags: [{ name: 'all', type: 'bool' }, { name: 'keep-context-active', type: 'bool' }, { name: 'schedule', type: 'duration', def: 0 }, { name: 'cancel-scheduled', type: 'bool' }, outputFlag('text')],
      run: ({ profile, flags }) => stop(profile, flags),
    },
    status: {
      flags: [
        { name: 'format', short: 'f', type: 'string', def: DEFAULT_STATUS_FORMAT },
        outputFlag('text'),
        { name: 'layout', short: 'l', type: 'string', def: 'nodes' },
        { name: 'node', short: 'n', type: 'string', def: '' },
        { name: 'watch', short: 'w', type: 'duration', def: 1000, noOptDefVal: '1s' },
      ],
      run: ({ profile, flags }) => status(profile, flags),
    },
    delete: {
      flags: [{ name: 'all', type: 'bool' }, { name: 'purge', type: 'bool' }, outputFlag('text')],
      run: ({ profile, flags, args }) => deleteProfile(profile, flags, args),
    },
    ip: { flags: [{ name: 'node', short: 'n', type: 'string', def: '' }], run: ({ profile }) => ip(profile) },
    'update-context': { run: ({ profile }) => updateContext(profile) },
    version: {
      flags: [outputFlag(''), { name: 'short', type: 'bool' }, { name: 'components', type: 'bool' }],
      run: ({ flags }) => version(flags),
    },
    profile: {
      children: {
        list: {
          flags: [outputFlag('table'), { name: 'light', short: 'l', type: 'bool' }, { name: 'detailed', short: 'd', type: 'bool' }],
          run: ({ flags }) => profileList(flags),
        },
      },
    },
    image: {
      children: {
        load: {
          flags: [{ name: 'pull', type: 'bool' }, { name: 'daemon', type: 'bool' }, { name: 'remote', type: 'bool' }, { name: 'overwrite', type: 'bool', def: true }],
          run: ({ profile, args }) => imageLoad(profile, args),
        },
      },
    },
    service: {
      flags: [
        { name: 'namespace', short: 'n', type: 'string', def: 'default' },
        { name: 'url', type: 'bool' },
        { name: 'all', type: 'bool' },
        { name: 'https', type: 'bool' },
        { name: 'wait', type: 'int', def: 2 },
        { name: 'interval', type: 'int', def: 1 },
        { name: 'format', type: 'string', def: 'http://{{.IP}}:{{.Port}}' },
      ],
      run: ({ profile, args, flags }) => service(profile, args, flags),
    },
  },
};

const ALL_VALUE_FLAGS = valueFlags([...ROOT, ...startFlags, { name: 'format', short: 'f', type: 'string' }, { name: 'node', short: 'n', type: 'string' }, { name: 'namespace', short: 'n', type: 'string' }, { name: 'output', short: 'o', type: 'string' }]);

function findCommand(argv: string[]): { path: string[]; cmd: Cmd; rest: string[] } {
  return findTreeCommand(argv, TREE, 'minikube', ALL_VALUE_FLAGS);
}

async function main(argv: string[]): Promise<number> {
  simHome();
  const { path, cmd, rest } = findCommand(argv);
  let parsed;
  try {
    parsed = parseFlags(rest, [...ROOT, ...(cmd.flags ?? [])]);
  } catch (e) {
    if (e instanceof FlagError) {
      process.stderr.write(`Error: ${e.message}\nSee '${path.join(' ')} --help' for usage.\n`);
      return 14;
    }
    throw e;
  }
  if (!cmd.run) {
    if (parsed.args.length > 0) {
      process.stderr.write(`Error: unknown command "${parsed.args[0]}" for "${path.join(' ')}"\nRun '${path.join(' ')} --help' for usage.\n`);
      return 14;
    }
    process.stdout.write(`Usage:\n  ${path.join(' ')} [command]\n\nAvailable Commands:\n${Object.keys(cmd.children ?? {}).map((c) => `  ${c}`).join('\n')}\n`);
    return 0;
  }
  if (parsed.flags.help === true) {
    process.stdout.write(`Usage:\n  ${path.join(' ')} [flags]\n`);
    return 0;
  }
  const profile = parsed.set.has('profile') ? String(parsed.flags.profile) : process.env.MINIKUBE_PROFILE || 'minikube';
  try {
    const code = await cmd.run({ profile, flags: parsed.flags, set: parsed.set, args: parsed.args });
    return typeof code === 'number' ? code : 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
