/**
 * Which binary `up` runs for each tool: the one on PATH when its version is in the
 * accepted range, else mesh-lab's cached pinned copy, else (unless downloads are
 * forbidden) download the pinned version into the cache and use that.
 */
import type { ToolName, ToolSpec } from './manifest.js';
import { toolSpec } from './manifest.js';
import type { VersionRange } from './version.js';
import { describeRange, inRange, parseVersion } from './version.js';
import { readCached, toolInstallDir } from './cache.js';
import type { InstallOptions } from './install.js';
import { installContext, installTool } from './install.js';
import type { ProbeResult } from './probe.js';
import { findOnPath, probeVersion } from './probe.js';
import type { ToolRunner } from './runner.js';
import { ToolsError } from './errors.js';

export type ToolSource = 'path' | 'cache' | 'download';

export interface ResolvedTool {
  tool: ToolName;
  path: string;
  version: string | undefined;
  source: ToolSource;
  /** One line for the user, e.g. "kind v0.32.0 from PATH (/usr/local/bin/kind)". */
  message: string;
  /** The PATH binary that was passed over, and why. */
  rejected?: { path: string; version: string | undefined; reason: string };
  /** One line saying which PATH binary was passed over for the pinned copy (up and doctor print it as is). */
  note?: string;
}

export interface ResolveOptions extends InstallOptions {
  runner: ToolRunner;
  /** False for --no-download. Default true. */
  allowDownload?: boolean;
  /** Defaults to env.PATH. */
  pathEnv?: string;
  /** Replace the manifest's accepted range, e.g. kubectl skew against an existing cluster. */
  accept?: Partial<Record<ToolName, VersionRange>>;
}

export type ToolPlan =
  | { kind: 'ready'; resolved: ResolvedTool }
  | { kind: 'needs-download'; tool: ToolName; version: string; reason: string; rejected?: ResolvedTool['rejected']; note?: string };

function rangeFor(spec: ToolSpec, opts: ResolveOptions): VersionRange {
  return opts.accept?.[spec.name] ?? spec.accept;
}

/** Whether the PATH binary's version is one `up` can use; undefined when it is. */
function unsuitable(spec: ToolSpec, range: VersionRange, probe: ProbeResult): string | undefined {
  const v = parseVersion(probe.version);
  if (!v) return probe.error ?? 'version unknown';
  if (spec.exact) {
    // exact means the whole version string, pre-release included ("1.30.0-rc.1" is not 1.30.0)
    return probe.version!.replace(/^v/, '') === spec.version.replace(/^v/, '') ? undefined : `version ${probe.version} is not the requested ${spec.version}`;
  }
  return inRange(v, range) ? undefined : `version ${probe.version} is outside ${describeRange(range)}`;
}

/**
 * The one-line note for a PATH tool that is passed over: a wrong version never blocks
 * `up`, it is replaced by the pinned copy (cached, or downloaded).
 */
export function passedOverNote(tool: ToolName, version: string, rejected: NonNullable<ResolvedTool['rejected']>, from: 'cache' | 'download'): string {
  const what = rejected.version ? `${tool} ${rejected.version} on PATH (${rejected.path})` : `${tool} on PATH (${rejected.path})`;
  const why = rejected.version ? rejected.reason.replace(/^version \S+ /, '') : `did not report a usable version (${rejected.reason})`;
  return `${what} ${why}: using the pinned ${tool} ${version} instead (${from === 'cache' ? "from mesh-lab's cache" : "a verified download into mesh-lab's cache"})`;
}

/** Decides without downloading anything. */
export async function planTool(name: ToolName, opts: ResolveOptions): Promise<ToolPlan> {
  const ctx = installContext(opts);
  const spec = toolSpec(ctx.manifest, name);
  const range = rangeFor(spec, opts);
  let rejected: ResolvedTool['rejected'];
  const onPath = await findOnPath(spec.binary, opts.pathEnv ?? ctx.env['PATH']);
  if (onPath) {
    const probe: ProbeResult = await probeVersion(spec, onPath, opts.runner);
    const reason = unsuitable(spec, range, probe);
    if (reason === undefined) {
      return {
        kind: 'ready',
        resolved: { tool: name, path: onPath, version: probe.version, source: 'path', message: `${name} ${probe.version} from PATH (${onPath})` },
      };
    }
    rejected = { path: onPath, version: probe.version, reason };
  }
  const cached = await readCached(toolInstallDir(ctx.cacheDir, spec, ctx.platform), spec, ctx.platform);
  if (cached) {
    const why = rejected ? ` (${rejected.path}: ${rejected.reason})` : '';
    return {
      kind: 'ready',
      resolved: {
        tool: name,
        path: cached.path,
        version: spec.version,
        source: 'cache',
        message: `${name} ${spec.version} from mesh-lab's cache${why}`,
        ...(rejected ? { rejected, note: passedOverNote(name, spec.version, rejected, 'cache') } : {}),
      },
    };
  }
  return {
    kind: 'needs-download',
    tool: name,
    version: spec.version,
    reason: rejected ? `${rejected.path}: ${rejected.reason}` : 'not on PATH and not cached',
    ...(rejected ? { rejected, note: passedOverNote(name, spec.version, rejected, 'download') } : {}),
  };
}

function missingError(missing: Array<Extract<ToolPlan, { kind: 'needs-download' }>>): ToolsError {
  const what = missing.map((m) => `${m.tool} (${m.reason})`).join('; ');
  const names = missing.map((m) => m.tool).join(' ');
  return new ToolsError(
    'missing-tools',
    `missing ${what}; downloads are disabled by --no-download: run \`mesh-lab tools install ${names}\` or put ${missing.map((m) => `${m.tool} ${m.version}`).join(', ')} on PATH`,
  );
}

async function realise(plan: ToolPlan, opts: ResolveOptions): Promise<ResolvedTool> {
  if (plan.kind === 'ready') return plan.resolved;
  const r = await installTool(plan.tool, opts);
  return {
    tool: plan.tool,
    path: r.path,
    version: r.version,
    source: r.status === 'installed' ? 'download' : 'cache',
    message:
      r.status === 'installed'
        ? `${plan.tool} ${r.version} downloaded into mesh-lab's cache and verified (${r.checksum} SHA-256) because ${plan.reason}`
        : `${plan.tool} ${r.version} from mesh-lab's cache`,
    ...(plan.rejected ? { rejected: plan.rejected, note: passedOverNote(plan.tool, r.version, plan.rejected, r.status === 'installed' ? 'download' : 'cache') } : {}),
  };
}

export async function resolveTool(name: ToolName, opts: ResolveOptions): Promise<ResolvedTool> {
  const plan = await planTool(name, opts);
  if (plan.kind === 'needs-download' && opts.allowDownload === false) throw missingError([plan]);
  return realise(plan, opts);
}

/**
 * Resolves several tools. With downloads forbidden, every missing tool is named in
 * one error before anything else happens.
 */
export async function resolveTools<N extends ToolName>(names: readonly N[], opts: ResolveOptions): Promise<Record<N, ResolvedTool>> {
  const plans = await Promise.all(names.map((n) => planTool(n, opts)));
  const missing = plans.filter((p): p is Extract<ToolPlan, { kind: 'needs-download' }> => p.kind === 'needs-download');
  if (missing.length > 0 && opts.allowDownload === false) throw missingError(missing);
  const out = {} as Record<N, ResolvedTool>;
  for (let i = 0; i < names.length; i++) {
    const n = names[i] as N;
    out[n] = await realise(plans[i] as ToolPlan, opts);
  }
  return out;
}
