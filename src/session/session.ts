// Everything one command invocation (a session) needs to act on one environment: where its files are, how
// to run tools, how to reach Docker, how to print. Built once per command.
import { dockerApiFor } from '../docker/socket-docker.js';
import type { DockerApi } from '../docker/docker-api.js';
import { DryRunRunner } from '../process/dry-run-runner.js';
import { ReadAheadRunner } from '../process/read-ahead-runner.js';
import { ExecaRunner, type Runner } from '../process/runner.js';
import { ToolPathRunner } from '../process/tool-path-runner.js';
import { EnvironmentStore } from '../state/environment-state.js';
import { environmentPaths, moveLegacyEnvironmentDir, type EnvironmentPaths } from '../state/paths.js';
import type { Printer } from '../ui/output.js';
import { verboseCommandListener } from '../ui/verbose-listener.js';
import { diskWriter, printingWriter, type FileWriter } from './file-writer.js';

export interface Session {
  /** the environment's name (--environment) */
  environment: string;
  paths: EnvironmentPaths;
  store: EnvironmentStore;
  /** resolves tool names to the binaries preflight chose */
  runner: ToolPathRunner;
  /** under runner when tools really run: version probes asked once, reads started ahead (`up`) */
  reads?: ReadAheadRunner;
  docker: DockerApi;
  printer: Printer;
  writeFile: FileWriter;
  dryRun: boolean;
  env: NodeJS.ProcessEnv;
}

export interface SessionOverrides {
  runner?: Runner;
  docker?: DockerApi;
  env?: NodeJS.ProcessEnv;
}

export function createSession(environment: string, printer: Printer, opts: { dryRun?: boolean } = {}, overrides: SessionOverrides = {}): Session {
  const env = overrides.env ?? process.env;
  if (!opts.dryRun) moveLegacyEnvironmentDir(environment, env);
  const paths = environmentPaths(environment, env);
  const dryRun = opts.dryRun ?? false;
  const reads = overrides.runner || dryRun ? undefined : new ReadAheadRunner(new ExecaRunner(verboseCommandListener(printer)));
  const runner = new ToolPathRunner(overrides.runner ?? reads ?? new DryRunRunner((t) => printer.out(t)));
  return {
    environment,
    paths,
    store: new EnvironmentStore(paths.state),
    runner,
    ...(reads ? { reads } : {}),
    docker: overrides.docker ?? dockerApiFor(env),
    printer,
    writeFile: dryRun ? printingWriter((t) => printer.out(t)) : diskWriter,
    dryRun,
    env,
  };
}
