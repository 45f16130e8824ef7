// Everything one command invocation needs to act on one lab: where its files are, how
// to run tools, how to reach Docker, how to print. Built once per command.
import { DockerEngine } from '../docker/docker-engine.js';
import type { DockerApi } from '../docker/docker-api.js';
import { DryRunRunner } from '../process/dry-run-runner.js';
import { ReadAheadRunner } from '../process/read-ahead-runner.js';
import { ExecaRunner, type Runner } from '../process/runner.js';
import { ToolPathRunner } from '../process/tool-path-runner.js';
import { LabStateStore } from '../state/lab-state.js';
import { labPaths, type LabPaths } from '../state/paths.js';
import type { Printer } from '../ui/output.js';
import { verboseCommandListener } from '../ui/verbose-listener.js';
import { diskWriter, printingWriter, type FileWriter } from './file-writer.js';

export interface Session {
  lab: string;
  paths: LabPaths;
  store: LabStateStore;
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

export function createSession(lab: string, printer: Printer, opts: { dryRun?: boolean } = {}, overrides: SessionOverrides = {}): Session {
  const env = overrides.env ?? process.env;
  const paths = labPaths(lab, env);
  const dryRun = opts.dryRun ?? false;
  const reads = overrides.runner || dryRun ? undefined : new ReadAheadRunner(new ExecaRunner(verboseCommandListener(printer)));
  const runner = new ToolPathRunner(overrides.runner ?? reads ?? new DryRunRunner((t) => printer.out(t)));
  return {
    lab,
    paths,
    store: new LabStateStore(paths.state),
    runner,
    ...(reads ? { reads } : {}),
    docker: overrides.docker ?? new DockerEngine(env),
    printer,
    writeFile: dryRun ? printingWriter((t) => printer.out(t)) : diskWriter,
    dryRun,
    env,
  };
}
