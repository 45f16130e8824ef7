// Simulated istioctl 1.30.3: cobra dispatch on the shared command tree (lib/command-tree.ts) with the root persistent flags
// (istioctl/pkg/cli/option.go AddRootFlags: -c/--kubeconfig, --context, -n/--namespace,
// -i/--istioNamespace, --as, --as-uid, --as-group, --kubeclient-timeout) accepted anywhere.
// Errors print as "Error: ..." (cobra, SilenceUsage); exit codes from istioctl/cmd/sysexits.go:
// flag/usage errors 64, analyzer findings 79, everything else 1.
import { FlagError, parseFlags, type FlagSpec } from '../lib/flags.js';
import { findCommand, valueFlags } from '../lib/command-tree.js';
import { simHome } from '../lib/store.js';
import { AnalyzerFoundIssues, analyzeFlags, runAnalyze } from './cmd-analyze.js';
import { installFlags, runInstall } from './cmd-install.js';
import { runUninstall, uninstallFlags } from './cmd-uninstall.js';
import { runVersion, versionFlags } from './cmd-version.js';

const rootFlags: FlagSpec[] = [
  { name: 'kubeconfig', short: 'c', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'istioNamespace', short: 'i', type: 'string', def: 'istio-system' },
  { name: 'as', type: 'string' },
  { name: 'as-uid', type: 'string' },
  { name: 'as-group', type: 'stringArray' },
  { name: 'kubeclient-timeout', type: 'string', def: '15s' },
];

interface Cmd {
  flags?: FlagSpec[];
  run?: (args: string[], flags: Record<string, unknown>) => Promise<number>;
  children?: Record<string, Cmd>;
}

const install: Cmd = { flags: installFlags, run: runInstall };

const TREE: Cmd = {
  children: {
    version: {
      flags: versionFlags,
      run: async (a, f) => {
        const r = await runVersion(a, f);
        if (r.error) process.stderr.write(`Error: ${r.error}\n`);
        return r.code;
      },
    },
    // `apply` is install's alias (see cmd-install.ts)
    install,
    apply: install,
    analyze: { flags: analyzeFlags, run: runAnalyze },
    uninstall: { flags: uninstallFlags, run: runUninstall },
  },
};

async function main(argv: string[]): Promise<number> {
  simHome();
  const { cmd, rest, args } = findCommand(argv, TREE, 'istioctl', valueFlags(rootFlags));
  if (!cmd.run) {
    if (args.length === 0) {
      process.stdout.write('Istio configuration command line utility for service operators to\ndebug and diagnose their Istio mesh.\n');
      return 0;
    }
    process.stderr.write(`Error: unknown command "${args[0]}" for "istioctl"\nRun 'istioctl --help' for usage.\n`);
    return 64;
  }
  let parsed;
  try {
    parsed = parseFlags(rest, [...rootFlags, ...(cmd.flags ?? [])]);
  } catch (e) {
    if (e instanceof FlagError) {
      process.stderr.write(`Error: ${e.message}\n`);
      return 64;
    }
    throw e;
  }
  try {
    return await cmd.run(parsed.args, parsed.flags);
  } catch (e) {
    if (e instanceof AnalyzerFoundIssues) {
      process.stderr.write(`Error: ${e.message}\n`);
      return 79;
    }
    if (e instanceof Error && e.constructor.name === 'IstioctlError') {
      process.stderr.write(`Error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
