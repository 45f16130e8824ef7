/**
 * The narrow slice of the project's process runner (src/process/runner.ts) that tool
 * probing needs. The lead's Runner satisfies it structurally.
 */
export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ToolRunner {
  run(cmd: string, args: string[], opts?: { input?: string; timeoutMs?: number; env?: Record<string, string> }): Promise<RunResult>;
}
