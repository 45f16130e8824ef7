// What every command needs from the program (the GitHub CLI's cmdutil.Factory): the global
// flags, the environment they name, a session, the printer, the JSON printer and the
// environment lock. Commands get it as their first argument and never read argv or
// process state themselves, so a test can hand them a fake one.
// Only light modules are imported here: `--help`, `curl` and `env` load this file too.
import { DEFAULTS } from '../config/defaults.js';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { LightSession } from '../session/light-session.js';
import type { Session } from '../session/session.js';
import { parseWaitLock } from '../session/wait-lock.js';
import { consolePrinter, type GlobalFlags, type Printer } from '../ui/output.js';

export interface Factory {
  /** --json and --verbose as parsed (read them when the action runs, not when the command is built) */
  readonly flags: GlobalFlags;
  /** -e/--environment (or the hidden 0.1.0 --lab), validated; the default environment otherwise */
  environmentName(): string;
  /** the one printer: human lines on stdout, or on stderr under --json */
  printer(): Printer;
  /** the full session (tool runner, Docker, state store) */
  session(dryRun?: boolean): Session;
  /** the cheap start of curl and env: saved state only, the full session on demand */
  lightSession(): Promise<LightSession>;
  /** the one JSON document a command prints under --json */
  printJson(value: unknown): void;
  /** runs `fn` holding the environment's lock (one writer per environment) */
  withLock<T>(session: Session, command: string, waitSeconds: number, fn: () => Promise<T>): Promise<T>;
}

/** Where the global flags live for one invocation; the entry point reads them for error output. */
export interface ProgramState {
  flags: GlobalFlags;
}

/** The program's side of the factory: it records the global options and loads the session module before an action. */
export interface ProgramFactory extends Factory {
  setGlobals(globals: { environment?: string; lab?: string }): void;
  loadSession(): Promise<void>;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `--wait-lock <seconds>` of up, down and lab start/run/reset: one flag, one meaning. */
export const WAIT_LOCK_FLAG = ['--wait-lock <seconds>', 'wait this long for another mesh-lab command using the same environment (default 60)'] as const;
export { parseWaitLock };

export function createFactory(state: ProgramState): ProgramFactory {
  let globals: { environment?: string; lab?: string } = {};
  // loaded once a command is chosen: `--help` never pays for it, curl and env only on demand
  let sessions: typeof import('../session/session.js') | undefined;
  const factory: ProgramFactory = {
    get flags() {
      return state.flags;
    },
    setGlobals: (g) => void (globals = g),
    loadSession: async () => void (sessions = await import('../session/session.js')),
    environmentName: () => {
      const name = globals.environment ?? globals.lab ?? DEFAULTS.environment;
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
        throw new MeshLabError(ExitCode.Usage, `environment name "${name}" must be lower-case letters, digits and '-'`);
      }
      return name;
    },
    printer: () => consolePrinter(state.flags),
    session: (dryRun = false) => sessions!.createSession(factory.environmentName(), consolePrinter(state.flags), { dryRun }),
    lightSession: async () => (await import('../session/light-session.js')).createLightSession(factory.environmentName(), consolePrinter(state.flags)),
    printJson,
    // loaded by the commands that take the lock only: curl, env and lab step never do
    withLock: async (session, command, waitSeconds, fn) => (await import('../session/environment-lock.js')).withEnvironmentLock(session, command, waitSeconds, fn),
  };
  return factory;
}
