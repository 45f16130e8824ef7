/** Finding tools on PATH and asking them for their version (no cluster involved). */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { ToolName, ToolSpec } from './manifest.js';
import type { ToolRunner } from './runner.js';
import { describeError } from './errors.js';

/** First executable file named `binary` on `pathEnv` (absolute entries only). */
export async function findOnPath(binary: string, pathEnv: string | undefined): Promise<string | undefined> {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir || !isAbsolute(dir)) continue;
    const candidate = join(dir, binary);
    try {
      const st = await stat(candidate);
      if (!st.isFile()) continue;
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Pulls the client version out of a tool's version output; undefined if unrecognised. */
export function parseToolVersion(tool: ToolName, stdout: string): string | undefined {
  const text = stdout.trim();
  if (tool === 'kubectl' || tool === 'istioctl') {
    try {
      const j = JSON.parse(text) as { clientVersion?: { gitVersion?: string; version?: string } };
      const v = tool === 'kubectl' ? j.clientVersion?.gitVersion : j.clientVersion?.version;
      if (typeof v === 'string') {
        const m = /v?\d+\.\d+\.\d+[^\s"]*/.exec(v);
        if (m) return m[0];
      }
    } catch {
      // fall through to text forms
    }
    const m =
      tool === 'kubectl'
        ? /Client Version:\s*(v?\d+\.\d+\.\d+\S*)/.exec(text) ?? /GitVersion:"(v?\d+\.\d+\.\d+[^"]*)"/.exec(text)
        : /client version:\s*(\d+\.\d+\.\d+\S*)/i.exec(text) ?? /^(\d+\.\d+\.\d+\S*)$/m.exec(text);
    return m?.[1];
  }
  if (tool === 'kind') return /kind\s+(v\d+\.\d+\.\d+\S*)/.exec(text)?.[1];
  // minikube version --short → "v1.38.1"; full form → "minikube version: v1.38.1"
  return /(v\d+\.\d+\.\d+\S*)/.exec(text)?.[1];
}

export interface ProbeResult {
  path: string;
  version: string | undefined;
  /** Why no version could be read. */
  error?: string;
}

export async function probeVersion(spec: Pick<ToolSpec, 'name' | 'versionArgs'>, path: string, runner: ToolRunner, timeoutMs = 15_000): Promise<ProbeResult> {
  try {
    const r = await runner.run(path, spec.versionArgs, { timeoutMs });
    const version = parseToolVersion(spec.name, r.stdout) ?? parseToolVersion(spec.name, r.stderr);
    if (version) return { path, version };
    return {
      path,
      version: undefined,
      error: `\`${spec.name} ${spec.versionArgs.join(' ')}\` exited ${r.exitCode} without a recognisable version${r.stderr.trim() ? `: ${r.stderr.trim().split('\n')[0]}` : ''}`,
    };
  } catch (e) {
    return { path, version: undefined, error: `cannot run ${path}: ${describeError(e)}` };
  }
}
