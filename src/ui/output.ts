// How mesh-lab talks to people and machines: listr2's default renderer on a terminal,
// a plain line per event in CI or when piped, nothing but the final JSON on stdout with
// --json (human lines then go to stderr).
// Colours follow NO_COLOR (listr2's colorette and our own helpers both honour it).
export interface GlobalFlags {
  verbose: boolean;
  json: boolean;
}

export type RendererChoice = 'default' | 'simple' | 'silent';

export function chooseRenderer(flags: GlobalFlags, env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): RendererChoice {
  if (flags.json) return 'silent';
  if (!isTTY || env.CI || env.TERM === 'dumb') return 'simple';
  return 'default';
}

export function useColor(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stderr.isTTY)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY;
}

export interface Printer {
  /** normal output (stdout) */
  out(text: string): void;
  /** diagnostics (stderr) */
  err(text: string): void;
  /** only with --verbose (stderr) */
  verbose(text: string): void;
  flags: GlobalFlags;
}

export function consolePrinter(flags: GlobalFlags): Printer {
  // Under --json stdout carries exactly one JSON document (written by the command, or by
  // the error handler); every human line, progress or a dry run's commands, goes to stderr.
  const human = flags.json ? process.stderr : process.stdout;
  return {
    flags,
    out: (t) => human.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    verbose: (t) => {
      if (flags.verbose) process.stderr.write(t.endsWith('\n') ? t : `${t}\n`);
    },
  };
}
