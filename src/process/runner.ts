// The one way mesh-lab starts external programs: an argv array through execa, never a
// shell string. Commands are recorded so `--verbose` can show them and failures can
// say exactly what ran.
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Options as ExecaOptions } from 'execa';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import { formatCommand } from './format-command.js';

export interface RunOptions {
  /** written to the child's stdin (manifests for `kubectl apply -f -`) */
  input?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
  /** when false, a non-zero exit is returned instead of thrown */
  reject?: boolean;
  /** a line for the error message when the command fails: "create the kind cluster" */
  purpose?: string;
}

export interface RunResult {
  command: string;
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface Runner {
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  /**
   * Starts a long-lived helper (kubectl port-forward) detached from mesh-lab, its output
   * appended to logFile; returns its pid. mesh-lab records the pid and stops it on `down`.
   */
  spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }>;
}

/** A child mesh-lab waits on while it runs (the port-forward supervisor's kubectl). */
export interface AttachedChild {
  pid: number;
  exited: Promise<{ exitCode: number | undefined; signal: string | undefined }>;
  kill(): void;
}

export type CommandListener = (event: { command: string; input?: string; result?: RunResult }) => void;

/** Thrown (as a MeshLabError) when a tool exits non-zero; keeps the command and stderr for --verbose. */
export class ToolFailedError extends MeshLabError {
  readonly result: RunResult;
  constructor(result: RunResult, purpose: string | undefined, hint?: string) {
    const firstLine = lastMeaningfulLine(result.stderr) || lastMeaningfulLine(result.stdout) || `exit code ${result.exitCode}`;
    super(ExitCode.ToolFailed, `${purpose ? `could not ${purpose}` : `command failed`}: ${firstLine}`, {
      hint: hint ?? 'rerun with --verbose to see the command and its full output',
      detail: `$ ${result.command}\nexit code ${result.exitCode}\n${result.stderr.trim()}${result.stdout.trim() ? `\n--- stdout ---\n${result.stdout.trim()}` : ''}`,
    });
    this.result = result;
  }
}

export function lastMeaningfulLine(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  // tools print their reason on the line that starts with "error"/"ERROR"; prefer it
  const errorLine = lines.find((l) => /^(error|ERROR|Error)\b/.test(l));
  return errorLine ?? lines[lines.length - 1] ?? '';
}

export class ExecaRunner implements Runner {
  constructor(private readonly listener?: CommandListener) {}

  async run(file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const command = formatCommand(file, args);
    this.listener?.({ command, ...(options.input !== undefined ? { input: options.input } : {}) });
    const execaOptions: ExecaOptions = {
      reject: false,
      stripFinalNewline: false,
      ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
      ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
      ...(options.env ? { env: options.env } : {}),
    };
    let result: RunResult;
    try {
      // loaded on first use: commands that run no tool (env, curl) start faster
      const { execa } = await import('execa');
      const r = await execa(file, [...args], execaOptions);
      if (r.failed && r.exitCode === undefined) {
        // spawn failed (ENOENT, EACCES) or timed out: not a tool answer
        if ((r as { code?: string }).code === 'ENOENT') {
          throw new MeshLabError(ExitCode.Prerequisite, `${file} was not found on PATH`, {
            hint: `install ${file} (see \`mesh-lab doctor\`) or put it on PATH`,
          });
        }
        if (r.timedOut) {
          throw new MeshLabError(ExitCode.ToolFailed, `${command} did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)}s`, {
            hint: 'rerun with --verbose; a slow machine may need a longer --timeout',
          });
        }
        throw new MeshLabError(ExitCode.ToolFailed, `could not start ${file}: ${r.shortMessage}`);
      }
      result = {
        command,
        stdout: String(r.stdout ?? ''),
        stderr: String(r.stderr ?? ''),
        exitCode: r.exitCode ?? 1,
      };
    } catch (err) {
      if (err instanceof MeshLabError) throw err;
      throw new MeshLabError(ExitCode.ToolFailed, `could not start ${file}: ${(err as Error).message}`);
    }
    this.listener?.({ command, result });
    if (result.exitCode !== 0 && options.reject !== false) {
      throw new ToolFailedError(result, options.purpose);
    }
    return result;
  }

  async spawnBackground(file: string, args: readonly string[], options: { logFile: string }): Promise<{ pid: number; command: string }> {
    const command = formatCommand(file, args);
    this.listener?.({ command: `${command} &` });
    // execa pipes file targets through this process and so keeps it alive; a helper that
    // must outlive mesh-lab gets the log file's descriptor directly from node:child_process.
    const fd = openSync(options.logFile, 'a');
    try {
      const child = spawn(file, [...args], { detached: true, stdio: ['ignore', fd, fd] });
      const pid = await new Promise<number>((resolve, reject) => {
        child.once('spawn', () => resolve(child.pid!));
        child.once('error', (err: NodeJS.ErrnoException) =>
          reject(
            err.code === 'ENOENT'
              ? new MeshLabError(ExitCode.Prerequisite, `${file} was not found on PATH`, { hint: `install ${file} or put it on PATH` })
              : new MeshLabError(ExitCode.ToolFailed, `could not start ${command}: ${err.message}`),
          ),
        );
      });
      child.unref();
      return { pid, command };
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Starts a tool whose output is streamed as it comes (the port-forward supervisor tees
   * kubectl's lines into its log and watches for "Forwarding from") and whose exit the
   * caller awaits; the child shares the caller's process group, so stopping the group stops both.
   */
  async startAttached(file: string, args: readonly string[], on: { stdout(chunk: string): void; stderr(chunk: string): void }): Promise<AttachedChild> {
    const command = formatCommand(file, args);
    this.listener?.({ command });
    const { execa } = await import('execa');
    const child = execa(file, [...args], { reject: false, stdin: 'ignore', buffer: false, stripFinalNewline: false });
    child.stdout?.on('data', (d: Buffer) => on.stdout(String(d)));
    child.stderr?.on('data', (d: Buffer) => on.stderr(String(d)));
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid!));
      child.once('error', (err: Error) => reject(new MeshLabError(ExitCode.ToolFailed, `could not start ${command}: ${err.message}`)));
    });
    return {
      pid,
      exited: child.then((r) => ({ exitCode: r.exitCode, signal: r.signal })),
      kill: () => void child.kill('SIGTERM'),
    };
  }
}
