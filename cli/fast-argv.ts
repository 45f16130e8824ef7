// The commander-free fast path of the entry point: recognises the few simple argv shapes
// a learner types dozens of times (`--help`, `curl /path`, `env`, `lab show <id>`,
// `lab step [n]`) and parses them by hand,
// so they start without loading commander and building the whole command tree (≈20 ms).
// Anything else, even a harmless variant (`--environment=x`, a flag after the path, a
// second `-e`), returns undefined and goes to commander, so behaviour cannot change: the
// result is exactly what commander would hand the same action (test/unit/cli/fast-argv.test.ts
// compares both over a table of argv).
import type { CurlFlags } from '../src/commands/curl/curl.action.js';
import type { EnvCommandOptions } from '../src/commands/env/env.action.js';

/** The global flags as commander's optsWithGlobals() gives them to the preAction hook. */
export interface FastGlobals {
  environment?: string;
  verbose: boolean;
  json: boolean;
}

export type FastCommand =
  | { kind: 'help'; key: string }
  | { kind: 'curl'; globals: FastGlobals; path: string; opts: CurlFlags }
  | { kind: 'env'; globals: FastGlobals; opts: EnvCommandOptions }
  | { kind: 'lab show'; globals: FastGlobals; id: string }
  | { kind: 'lab step'; globals: FastGlobals; n: string | undefined };

const WORD = /^[a-z][-a-z]*$/;

/** `[<command>...] --help`: the key of dist/help.json ('' for the program's own help). */
function helpKey(args: readonly string[]): string | undefined {
  const last = args.at(-1);
  if (last !== '--help' && last !== '-h') return undefined;
  const words = args.slice(0, -1);
  return words.every((w) => WORD.test(w)) ? words.join(' ') : undefined;
}

/** Global flags before the command name: `-e/--environment <name>`, `-v/--verbose`, `--json`, each at most once. */
function parseGlobals(args: readonly string[]): { globals: FastGlobals; rest: string[] } | undefined {
  const globals: FastGlobals = { verbose: false, json: false };
  const seen = new Set<string>();
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    const flag = a === '-e' ? '--environment' : a === '-v' ? '--verbose' : a;
    if (seen.has(flag)) return undefined;
    seen.add(flag);
    if (flag === '--environment') {
      const value = args[++i];
      // a value that looks like a flag is commander's call to make
      if (value === undefined || value.startsWith('-')) return undefined;
      globals.environment = value;
    } else if (flag === '--verbose') globals.verbose = true;
    else if (flag === '--json') globals.json = true;
    else if (a.startsWith('-')) return undefined;
    else break;
  }
  return { globals, rest: args.slice(i) };
}

function parseCurl(args: readonly string[]): { path: string; opts: CurlFlags } | undefined {
  const opts: CurlFlags = { request: 'GET', include: false, fail: false, timeout: '10' };
  let path: string | undefined;
  for (const a of args) {
    if (a === '-i' || a === '--include') opts.include = true;
    else if (a === '-f' || a === '--fail') opts.fail = true;
    else if (a.startsWith('/') && path === undefined) path = a;
    else return undefined;
  }
  return path === undefined ? undefined : { path, opts };
}

export function parseFastArgv(args: readonly string[]): FastCommand | undefined {
  const key = helpKey(args);
  if (key !== undefined) return { kind: 'help', key };
  const parsed = parseGlobals(args);
  if (!parsed) return undefined;
  const [command, ...rest] = parsed.rest;
  if (command === 'curl') {
    const curl = parseCurl(rest);
    return curl && { kind: 'curl', globals: parsed.globals, ...curl };
  }
  if (command === 'env') {
    if (rest.length === 0) return { kind: 'env', globals: parsed.globals, opts: { exportKubeconfig: false } };
    if (rest.length === 1 && rest[0] === '--export-kubeconfig') return { kind: 'env', globals: parsed.globals, opts: { exportKubeconfig: true } };
  }
  if (command === 'lab') {
    // one plain argument at most (an id or a step number), never one that looks like a flag or a command word
    const [sub, ...operands] = rest;
    if (operands.length > 1 || operands.some((a) => !/^[A-Za-z0-9][-A-Za-z0-9_.]*$/.test(a) || a === 'help')) return undefined;
    if (sub === 'show' && operands.length === 1) return { kind: 'lab show', globals: parsed.globals, id: operands[0]! };
    if (sub === 'step') return { kind: 'lab step', globals: parsed.globals, n: operands[0] };
  }
  return undefined;
}
