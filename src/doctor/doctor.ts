/** Runs every doctor check for a local provider and collects a report (nothing is downloaded). */
import type { CheckResult, DoctorReport } from './types.js';
import { makeReport } from './types.js';
import type { DockerInfoSource, DockerPortSource } from '../docker/docker-source.js';
import { providers, type LocalProviderName } from '../providers/registry.js';
import type { KubeconfigCheckOptions } from './checks.js';
import {
  checkDockerReachable,
  checkDockerResources,
  checkDockerVersion,
  checkHostPort,
  checkIstioKubernetes,
  checkKubeconfig,
  checkKubectlSkew,
  checkToolPlan,
} from './checks.js';
import type { PortHolder, PortProbe } from './port-holder.js';
import { findPortHoldersLinux, findPortHoldersLsof, probePort } from './port-holder.js';
import type { ToolRunner } from '../tools/runner.js';
import type { ToolPlan } from '../tools/resolve.js';
import { planTool } from '../tools/resolve.js';
import type { ToolName, ToolsManifest } from '../tools/manifest.js';
import { withIstioctlVersion } from '../tools/manifest.js';
import type { Platform } from '../tools/platform.js';
import { installContext } from '../tools/install.js';
import { describeError } from '../tools/errors.js';

export interface DoctorDeps {
  docker: DockerInfoSource & Partial<DockerPortSource>;
  runner: ToolRunner;
  env?: NodeJS.ProcessEnv;
  exists?: (path: string) => Promise<boolean>;
  probePort?: (port: number, host: string) => Promise<PortProbe>;
  findPortHolders?: (port: number) => Promise<PortHolder[]>;
  /** process.platform by default. */
  nodePlatform?: string;
}

export interface DoctorOptions {
  provider: LocalProviderName;
  /** Host port the lab's ingress is published on. */
  port: number;
  /** Address it binds (default 127.0.0.1). */
  host?: string;
  kubeconfig?: KubeconfigCheckOptions;
  /** False for --no-download: missing tools become failures. */
  allowDownload?: boolean;
  manifest?: ToolsManifest;
  platform?: Platform;
  cacheDir?: string;
  /** Server version of an existing cluster; overrides the node image / minikube default. */
  kubernetesVersion?: string;
  /** kind node image the lab will use (default: the pinned kind's default image). */
  nodeImage?: string;
  /** Containers that may already publish the port (this lab's own node). */
  ownContainers?: string[];
  /** Istio version the lab asks for (`up --istio-version`): istioctl must be exactly it. */
  istioVersion?: string;
}

async function safe(id: string, fn: () => Promise<CheckResult> | CheckResult): Promise<CheckResult> {
  try {
    return await fn();
  } catch (e) {
    return { id, status: 'fail', summary: `${id} check crashed: ${describeError(e)}`, fix: 'report this as a mesh-lab bug, with `mesh-lab doctor --json` output' };
  }
}

export async function runDoctor(deps: DoctorDeps, opts: DoctorOptions): Promise<DoctorReport> {
  const env = deps.env ?? process.env;
  const host = opts.host ?? '127.0.0.1';
  const checks: CheckResult[] = [];
  let ctx: ReturnType<typeof installContext>;
  try {
    ctx = installContext({ env, ...(opts.manifest ? { manifest: opts.manifest } : {}), ...(opts.platform ? { platform: opts.platform } : {}), ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}) });
  } catch (e) {
    return makeReport([{ id: 'platform', status: 'fail', summary: describeError(e), fix: 'run mesh-lab on Linux or macOS (amd64/arm64)' }]);
  }
  const allowDownload = opts.allowDownload !== false;
  if (opts.istioVersion) ctx = { ...ctx, manifest: withIstioctlVersion(ctx.manifest, opts.istioVersion) };

  // Docker
  const reach = await safe('docker.reachable', () => checkDockerReachable(deps.docker, { env, ...(deps.exists ? { exists: deps.exists } : {}), ...(deps.nodePlatform ? { platform: deps.nodePlatform } : {}) }));
  checks.push(reach);
  if (reach.status === 'pass') {
    try {
      const info = await deps.docker.info();
      checks.push(await safe('docker.version', () => checkDockerVersion(info)));
      checks.push(await safe('docker.resources', () => checkDockerResources(info, opts.provider)));
    } catch (e) {
      checks.push({ id: 'docker.info', status: 'fail', summary: `Docker answered ping but not info (${describeError(e)})`, fix: 'restart Docker' });
    }
  }

  // Port
  const nodePlatform = deps.nodePlatform ?? process.platform;
  const findHolders =
    deps.findPortHolders ?? ((p: number) => (nodePlatform === 'linux' ? findPortHoldersLinux(p) : findPortHoldersLsof(p, deps.runner)));
  checks.push(
    await safe(`port.${opts.port}`, () =>
      checkHostPort(opts.port, host, {
        probe: deps.probePort ?? probePort,
        findHolders,
        ...(reach.status === 'pass' && deps.docker.listContainers ? { docker: { listContainers: () => deps.docker.listContainers!() } } : {}),
        ...(opts.ownContainers ? { ownContainers: opts.ownContainers } : {}),
      }),
    ),
  );

  // Tools (plan only: no download)
  const provider = providers.get(opts.provider);
  const plans = new Map<ToolName, ToolPlan>();
  for (const name of provider.tools) {
    const c = await safe(`tool.${name}`, async () => {
      const plan = await planTool(name, { runner: deps.runner, manifest: ctx.manifest, platform: ctx.platform, cacheDir: ctx.cacheDir, env });
      plans.set(name, plan);
      return checkToolPlan(plan, allowDownload);
    });
    checks.push(c);
  }
  const versionOf = (name: ToolName): string => {
    const p = plans.get(name);
    return (p?.kind === 'ready' ? p.resolved.version : undefined) ?? ctx.manifest.tools[name].version;
  };

  // Compatibility
  let k8s: string | undefined;
  let k8sSource: string;
  if (opts.kubernetesVersion) {
    k8s = opts.kubernetesVersion;
    k8sSource = 'cluster';
  } else {
    const planned = provider.kubernetesVersion?.({ manifest: ctx.manifest, nodeImage: opts.nodeImage, versionOf }) ?? { version: undefined, source: `${opts.provider} states no default` };
    k8s = planned.version;
    k8sSource = planned.source;
  }
  if (k8s) {
    const kube = k8s;
    checks.push(await safe('compat.istio-kubernetes', () => checkIstioKubernetes(versionOf('istioctl'), kube, k8sSource)));
    checks.push(await safe('compat.kubectl-skew', () => checkKubectlSkew(versionOf('kubectl'), kube, k8sSource)));
  } else {
    checks.push({ id: 'compat.istio-kubernetes', status: 'warn', summary: `cannot tell which Kubernetes version the lab will run (${k8sSource})`, fix: 'pass the Kubernetes version explicitly' });
  }

  // Kubeconfig
  if (opts.kubeconfig) {
    const kc = opts.kubeconfig;
    checks.push(await safe('kubeconfig', () => checkKubeconfig(kc)));
  }
  return makeReport(checks);
}
