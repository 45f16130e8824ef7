// Preflight: Docker reachable and the tools the provider needs, with their versions.
// Each failure is one line that says how to fix it.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { istioctlClientVersion } from '../../istio/istioctl.js';
import type { Session } from '../../lab/session.js';
import { KindCli } from '../../providers/kind/kind-cli.js';

export interface ToolVersions {
  docker?: string;
  kind?: string;
  kubectl?: string;
  istioctl?: string;
}

export async function dockerVersion(session: Session): Promise<string> {
  const info = await session.docker.info();
  return `${info.serverVersion} (${info.cpus} CPUs, ${(info.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${info.endpoint})`;
}

export async function kubectlVersion(session: Session): Promise<string> {
  const r = await session.runner.run('kubectl', ['version', '--client', '-o', 'json'], { purpose: 'read the kubectl version' });
  const parsed = JSON.parse(r.stdout || '{}') as { clientVersion?: { gitVersion?: string } };
  return parsed.clientVersion?.gitVersion ?? 'unknown';
}

export async function kindVersion(session: Session): Promise<string> {
  return new KindCli(session.runner).version();
}

export async function istioctlVersion(session: Session, wanted: string): Promise<string> {
  const version = await istioctlClientVersion(session.runner);
  if (!session.dryRun && version !== wanted) {
    throw new MeshLabError(ExitCode.Prerequisite, `istioctl on PATH is ${version}, but this lab asks for Istio ${wanted}`, {
      hint: `put istioctl ${wanted} first on PATH (\`mesh-lab tools install istioctl\`), or pass --istio-version ${version}`,
    });
  }
  return version;
}
