// Runs the docker CLI the way kind does (exec of `docker ...`), so failures carry
// Docker's own words. A non-zero exit becomes kind's RunError.
import { spawnSync } from 'node:child_process';
import { RunError } from './errors.js';
import { realDocker } from '../docker/real-docker.js';

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function docker(args: string[], input?: string): DockerResult {
  const r = spawnSync(realDocker(), args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) return { code: 127, stdout: '', stderr: `exec: "docker": ${r.error.message}` };
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs and throws RunError (with combined output) on failure. */
export function dockerOrThrow(args: string[]): string {
  const r = docker(args);
  if (r.code !== 0) throw new RunError(['docker', ...args], r.stdout + r.stderr, r.code);
  return r.stdout;
}

export function dockerLines(args: string[]): string[] {
  return dockerOrThrow(args)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}
