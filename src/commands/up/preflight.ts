// Preflight, in the order that gives the most useful first failure: Docker reachable,
// then the tools (PATH, mesh-lab's cache, or a verified download of the pinned version),
// then the same environment checks as `mesh-lab doctor`, then the exact istioctl version.
// Each failure is one line that says how to fix it.
import type { ListrTask } from 'listr2';
import type { UpOptions } from '../../config/up-options.js';
import { runDoctor } from '../../doctor/doctor.js';
import type { Profile } from '../../doctor/compatibility.js';
import type { CheckResult } from '../../doctor/types.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { fromToolsError } from '../../errors/from-tools-error.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { istioctlClientVersion } from '../../istio/istioctl.js';
import type { Session } from '../../session/session.js';
import type { EngineInfo } from '../../docker/docker-api.js';
import type { ClusterProvider } from '../../providers/provider.js';
import { resolveTools } from '../../tools/resolve.js';
import { manifestFromEnv, withIstioctlVersion } from '../../tools/manifest.js';
import { MinikubeProvider } from '../../providers/minikube/minikube-provider.js';
import { minikubeSizeFor } from '../../providers/minikube/minikube-sizing.js';
import type { ToolName } from '../../tools/manifest.js';
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

function nodeContainer(provider: ClusterProvider): string {
  return provider.name === 'kind' ? `${provider.clusterName}-control-plane` : provider.clusterName;
}

/**
 * minikube gets what --cpus/--memory ask, or by default what fits in Docker
 * (minikube-sizing.ts); the size is handed to the provider, which starts the profile with it.
 */
function minikubeResources(info: EngineInfo, o: UpOptions, provider: ClusterProvider): CheckResult {
  const s = minikubeSizeFor(info, { cpus: o.cpus, memoryMb: o.memoryMb });
  if (provider instanceof MinikubeProvider) provider.setResources(s);
  if (s.warning) return { id: 'docker.resources', status: 'warn', summary: s.warning };
  return { id: 'docker.resources', status: 'pass', summary: `minikube gets ${s.cpus} CPUs and ${s.memoryMb} MB (Docker has ${info.cpus} CPUs)` };
}

export function preflightTasks<Ctx extends PreflightContext>(session: Session, o: UpOptions, provider: ClusterProvider, opts: PreflightOptions): ListrTask<Ctx>[] {
  const local = provider.name !== 'existing';
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
      title: `Tools: ${provider.tools.join(', ')}`,
      task: async (ctx, task) => {
        // versions the same binaries gave on an earlier run are not asked again
        if (session.reads) for (const p of readVersionCache(versionCacheFile(session.env))) session.reads.seedVersionProbe(p);
        const resolved = await resolveTools(provider.tools as readonly ToolName[], {
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
          { profile: provider.name as Profile, port: o.httpHostPort, ownContainers: [nodeContainer(provider)], allowDownload: opts.allowDownload, istioVersion: o.istioVersion },
        );
        // minikube is measured against --cpus/--memory when given; the doctor sizes for the defaults
        const checks = provider.name === 'minikube' ? [...report.checks.filter((c) => c.id !== 'docker.resources'), minikubeResources(engine!, o, provider)] : report.checks;
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
