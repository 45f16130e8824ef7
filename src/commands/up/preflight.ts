// Preflight: Docker reachable and the tools the provider needs, with their versions.
// Each failure is one line that says how to fix it.
import type { UpOptions } from '../../config/up-options.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { istioctlClientVersion } from '../../istio/istioctl.js';
import type { Session } from '../../lab/session.js';
import { KindCli } from '../../providers/kind/kind-cli.js';
import { MinikubeCli } from '../../providers/minikube/minikube-cli.js';
import type { ClusterProvider } from '../../providers/provider.js';

export interface ToolVersions {
  docker?: string;
  kind?: string;
  minikube?: string;
  kubectl?: string;
  istioctl?: string;
}

export interface PreflightCheck {
  title: string;
  run(): Promise<string>;
}

async function dockerCheck(session: Session, o: UpOptions, warn: (text: string) => void): Promise<string> {
  const info = await session.docker.info();
  const gib = info.memoryBytes / 2 ** 30;
  if (o.provider === 'minikube' && (info.cpus < o.cpus || info.memoryBytes < o.memoryMb * 2 ** 20)) {
    warn(`Docker has ${info.cpus} CPUs and ${gib.toFixed(1)} GiB; minikube was asked for ${o.cpus} CPUs and ${o.memoryMb} MB (Istio's guidance: 4 CPUs, 8 GB)`);
  }
  return `${info.serverVersion} (${info.cpus} CPUs, ${gib.toFixed(1)} GiB, ${info.endpoint})`;
}

async function kubectlVersion(session: Session): Promise<string> {
  const r = await session.runner.run('kubectl', ['version', '--client', '-o', 'json'], { purpose: 'read the kubectl version' });
  const parsed = JSON.parse(r.stdout || '{}') as { clientVersion?: { gitVersion?: string } };
  return parsed.clientVersion?.gitVersion ?? 'unknown';
}

async function istioctlVersion(session: Session, wanted: string): Promise<string> {
  const version = await istioctlClientVersion(session.runner);
  if (!session.dryRun && version !== wanted) {
    throw new MeshLabError(ExitCode.Prerequisite, `istioctl on PATH is ${version}, but this lab asks for Istio ${wanted}`, {
      hint: `put istioctl ${wanted} first on PATH (\`mesh-lab tools install istioctl\`), or pass --istio-version ${version}`,
    });
  }
  return version;
}

/** The checks for this provider; each returns the version line shown in the progress. */
export function preflightChecks(session: Session, o: UpOptions, provider: ClusterProvider, versions: ToolVersions, warn: (text: string) => void): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  // an existing cluster may be anywhere; Docker is only needed for local clusters
  if (!session.dryRun && provider.name !== 'existing') {
    checks.push({ title: 'Docker', run: async () => (versions.docker = await dockerCheck(session, o, warn)) });
  }
  if (provider.tools.includes('kind')) checks.push({ title: 'kind', run: async () => (versions.kind = await new KindCli(session.runner).version()) });
  if (provider.tools.includes('minikube')) {
    checks.push({ title: 'minikube', run: async () => (versions.minikube = await new MinikubeCli(session.runner, session.paths.kubeconfig).version()) });
  }
  checks.push({ title: 'kubectl', run: async () => (versions.kubectl = await kubectlVersion(session)) });
  checks.push({ title: 'istioctl', run: async () => (versions.istioctl = await istioctlVersion(session, o.istioVersion)) });
  return checks;
}
