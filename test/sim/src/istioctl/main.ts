// Simulated istioctl 1.30.3: cobra dispatch with the root persistent flags
// (istioctl/pkg/cli/option.go AddRootFlags: -c/--kubeconfig, --context, -n/--namespace,
// -i/--istioNamespace, --as, --as-uid, --as-group, --kubeclient-timeout) accepted anywhere.
// Errors print as "Error: ..." (cobra, SilenceUsage); exit codes from istioctl/cmd/sysexits.go:
// flag/usage errors 64, analyzer findings 79, everything else 1.
import { FlagError, parseFlags, type FlagSpec } from '../lib/flags.js';
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

interface Command {
  names: string[];
  flags: FlagSpec[];
  run: (args: string[], flags: Record<string, unknown>) => Promise<number>;
}

const commands: Command[] = [
  {
    names: ['version'],
    flags: versionFlags,
    run: async (a, f) => {
      const r = await runVersion(a, f);
      if (r.error) process.stderr.write(`Error: ${r.error}\n`);
      return r.code;
    },
  },
  { names: ['install', 'apply'], flags: installFlags, run: runInstall },
  { names: ['analyze'], flags: analyzeFlags, run: runAnalyze },
  { names: ['uninstall'], flags: uninstallFlags, run: runUninstall },
];

async function main(argv: string[]): Promise<number> {
  simHome();
  const idx = argv.findIndex((a, i) => !a.startsWith('-') && !(i > 0 && /^(-c|--kubeconfig|--context|-n|--namespace|-i|--istioNamespace|--as|--as-uid|--as-group|--kubeclient-timeout)$/.test(argv[i - 1]!)));
  if (idx === -1) {
    process.stdout.write('Istio configuration command line utility for service operators to\ndebug and diagnose their Istio mesh.\n');
    return 0;
  }
  const name = argv[idx]!;
  const cmd = commands.find((c) => c.names.includes(name));
  if (!cmd) {
    process.stderr.write(`Error: unknown command "${name}" for "istioctl"\nRun 'istioctl --help' for usage.\n`);
    return 64;
  }
  let parsed;
  try {
    parsed = parseFlags([...argv.slice(0, idx), ...argv.slice(idx + 1)], [...rootFlags, ...cmd.flags]);
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
