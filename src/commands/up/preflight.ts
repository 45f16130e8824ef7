// Preflight, in the order that gives the most useful first failure: Docker reachable,
// then the tools (PATH, mesh-lab's cache, or a verified download of the pinned version),
// then the same environment checks as `mesh-lab doctor`, then the exact istioctl version.
// Each failure is one line that says how to fix it.
import type { ListrTask } from 'listr2';
import type { UpOptions } from '../../state/up-options.js';
import { runDoctor } from '../../doctor/doctor.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { fromToolsError } from '../tools/from-tools-error.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { istioctlClientVersion } from '../../istio/istioctl.js';
import type { Session } from '../../session/session.js';
import type { EngineInfo } from '../../docker/docker-api.js';
import type { ClusterProvider } from '../../providers/provider.js';
import { providers, type LocalProviderName } from '../../providers/registry.js';
import { resolveTools } from '../../tools/resolve.js';
import { manifestFromEnv, withIstioctlVersion } from '../../tools/manifest.js';
import { toolRunner } from '../tools/tool-runner.js';
import { readVersionCache, versionCacheFile, writeVersionCache } from '../../tools/version-cache.js';

export interface ToolVersions {
  docker?: string;
  kind?: string;
  minikube?: string;
  kubectl?: string;
  istioctl?: string;
}

export interface PreflightContext {
  versions: ToolVersions;
}

export interface PreflightOptions {
  allowDownload: boolean;
  warn: (text: string) => void;
}

export function preflightTasks<Ctx extends PreflightContext>(session: Session, o: UpOptions, provider: ClusterProvider, opts: PreflightOptions): ListrTask<Ctx>[] {
  const definition = providers.get(provider.name);
  const local = definition.local;
  const tasks: ListrTask<Ctx>[] = [];
  // read once by the Docker task, which runs first, and reused by the environment checks
  let engine: EngineInfo | undefined;
  // doctor checks of the tools the Tools task already wrote a note about
  const noted = new Set<string>();
  if (local && !session.dryRun) {
    tasks.push({
      title: 'Docker',
      task: async (ctx, task) => {
        const info = (engine = await session.docker.info());
        ctx.versions.docker = `${info.serverVersion} (${info.cpus} CPUs, ${(info.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${info.endpoint})`;
        task.title = `Docker ${ctx.versions.docker}`;
      },
    });
  }
  if (!session.dryRun) {
    tasks.push({
      title: `Tools: ${definition.tools.join(', ')}`,
      task: async (ctx, task) => {
        // versions the same binaries gave on an earlier run are not asked again
        if (session.reads) for (const p of readVersionCache(versionCacheFile(session.env))) session.reads.seedVersionProbe(p);
        const resolved = await resolveTools(definition.tools, {
          runner: toolRunner(session.runner),
          // istioctl must be exactly the version the lab installs; another on PATH is passed over
          manifest: withIstioctlVersion(manifestFromEnv(session.env), o.istioVersion),
          allowDownload: opts.allowDownload,
          env: session.env,
          onEvent: (e) => {
            if (e.type !== 'progress') task.output = `${e.tool}: ${e.type}`;
          },
        }).catch((err: unknown) => {
          throw fromToolsError(err);
        });
        for (const r of Object.values(resolved)) {
          if (r.note) {
            noted.add(`tool.${r.tool}`);
            opts.warn(r.note);
          }
          session.runner.paths.set(r.tool, r.path);
          (ctx.versions as Record<string, string>)[r.tool] = r.version ?? 'unknown';
        }
        task.title = Object.values(resolved).map((r) => r.message).join('; ');
      },
    });
  }
  if (local && !session.dryRun) {
    tasks.push({
      title: 'Environment (mesh-lab doctor)',
      task: async (_ctx, task) => {
        const report = await runDoctor(
          { docker: session.docker.doctorSource(), runner: toolRunner(session.runner), env: session.env },
          {
            provider: provider.name as LocalProviderName,
            port: o.httpHostPort,
            ownContainers: definition.nodeContainer ? [definition.nodeContainer(provider.clusterName)] : [],
            allowDownload: opts.allowDownload,
            istioVersion: o.istioVersion,
          },
        );
        // a provider that sizes its cluster measures --cpus/--memory when given; the doctor sizes for the defaults
        const sized = provider.sizeFor?.(engine!, { cpus: o.cpus, memoryMb: o.memoryMb });
        const checks = sized ? [...report.checks.filter((c) => c.id !== 'docker.resources'), sized] : report.checks;
        const failed = checks.find((c) => c.status === 'fail');
        if (failed) {
          throw new MeshLabError(ExitCode.Prerequisite, failed.summary, { ...(failed.fix ? { hint: failed.fix } : {}) });
        }
        const warns = checks.filter((c) => c.status === 'warn');
        // a passed-over tool's note was already printed by the Tools task
        for (const w of warns) if (!noted.has(w.id)) opts.warn(`${w.summary}${w.fix ? ` (${w.fix})` : ''}`);
        task.title = `Environment: ${checks.filter((c) => c.status === 'pass').length} checks passed${warns.length ? `, ${warns.length} warning(s)` : ''}`;
      },
    });
  }
  tasks.push({
    title: `istioctl ${o.istioVersion}`,
    task: async (ctx, task) => {
      const version = await istioctlClientVersion(session.runner);
      if (!session.dryRun && version !== o.istioVersion) {
        throw new MeshLabError(ExitCode.Prerequisite, `istioctl is ${version}, but this lab asks for Istio ${o.istioVersion}`, {
          hint: `put istioctl ${o.istioVersion} first on PATH, or pass --istio-version ${version}`,
        });
      }
      ctx.versions.istioctl = version;
      task.title = `istioctl ${version}`;
      if (session.reads && !session.dryRun) writeVersionCache(versionCacheFile(session.env), await session.reads.versionProbes());
    },
  });
  return tasks;
}
