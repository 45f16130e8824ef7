/**
 * How many CPUs and how much memory `up --provider minikube` gives the profile, decided
 * the way minikube v1.38.1 itself decides what it accepts with the docker driver, so a
 * start that minikube would refuse is refused up front with a fix.
 *
 * minikube's rules (cmd/minikube/cmd/start.go, start_flags.go at v1.38.1):
 *  - minimums: minimumCPUS = 2, minUsableMem = 1800 (MB);
 *  - Docker's total memory in MiB is `util.ConvertBytesToMB(docker info MemTotal)`, i.e.
 *    bytes / 1 MiB rounded down (pkg/util/utils.go);
 *  - getMemorySize: an explicit --memory above that exits MK_USAGE (14) with
 *    "Docker has only {container_limit}MB memory but you specified {specified_memory}MB";
 *    no slack: exactly Docker's total is accepted;
 *  - validateCPUCount: --cpus above Docker's NCPU exits RSRC_INSUFFICIENT_CORES (29),
 *    "Requested cpu count N is greater than the available cpus of M"; Docker with fewer
 *    than 2 CPUs, or --cpus below 2, exit the same way.
 *
 * mesh-lab's own default is 4 CPUs and 8192 MB (its floor for Istio plus the app; istio.io's
 * minikube page asks for `--memory=16384 --cpus=4`). When Docker has less, the default
 * shrinks to what Docker has, down to minikube's minimums, with one warning.
 */
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';

/** minikube's own minimums (start_flags.go minimumCPUS, minUsableMem). */
export const MINIKUBE_MINIMUM = { cpus: 2, memoryMb: 1800 } as const;

/** mesh-lab's default and floor for a minikube lab. */
export const MINIKUBE_DEFAULT = { cpus: 4, memoryMb: 8192 } as const;

/** What istio.io's minikube platform page starts minikube with. */
export const ISTIO_MINIKUBE_GUIDE = { cpus: 4, memoryMb: 16384 } as const;

export interface DockerCapacity {
  cpus: number;
  memoryBytes: number;
}

export interface RequestedResources {
  /** --cpus when the user gave it. */
  cpus?: number | undefined;
  /** --memory (MB) when the user gave it. */
  memoryMb?: number | undefined;
}

export type MinikubeSizing =
  | { ok: true; cpus: number; memoryMb: number; dockerMemoryMb: number; warning?: string }
  | { ok: false; reason: string; fix: string; dockerMemoryMb: number };

/** Docker's total memory as minikube counts it: whole MiB, rounded down. */
export function dockerMemoryMb(memoryBytes: number): number {
  return Math.floor(memoryBytes / 2 ** 20);
}

const GIVE_DOCKER_MORE = 'give Docker more (Docker Desktop: Settings › Resources; colima: colima start --cpu 4 --memory 8)';

export function sizeMinikube(docker: DockerCapacity, requested: RequestedResources = {}): MinikubeSizing {
  const dockerMb = dockerMemoryMb(docker.memoryBytes);
  const have = `Docker has ${docker.cpus} CPU${docker.cpus === 1 ? '' : 's'} and ${dockerMb} MiB`;
  const fail = (reason: string, fix: string): MinikubeSizing => ({ ok: false, reason, fix, dockerMemoryMb: dockerMb });

  if (docker.cpus < MINIKUBE_MINIMUM.cpus) {
    return fail(`${have}; minikube needs at least ${MINIKUBE_MINIMUM.cpus} CPUs (it exits with RSRC_INSUFFICIENT_CORES)`, GIVE_DOCKER_MORE);
  }
  if (dockerMb < MINIKUBE_MINIMUM.memoryMb) {
    return fail(`${have}; minikube needs at least ${MINIKUBE_MINIMUM.memoryMb} MB (it exits with RSRC_INSUFFICIENT_CONTAINER_MEMORY)`, GIVE_DOCKER_MORE);
  }
  if (requested.cpus !== undefined) {
    if (requested.cpus < MINIKUBE_MINIMUM.cpus) {
      return fail(`--cpus ${requested.cpus} is below minikube's minimum of ${MINIKUBE_MINIMUM.cpus}`, `pass --cpus ${MINIKUBE_MINIMUM.cpus} or more`);
    }
    if (requested.cpus > docker.cpus) {
      return fail(
        `--cpus ${requested.cpus} is more than the ${docker.cpus} CPUs Docker has; minikube would refuse it ("Requested cpu count ${requested.cpus} is greater than the available cpus of ${docker.cpus}")`,
        `pass --cpus ${docker.cpus} or fewer (or leave --cpus out), or ${GIVE_DOCKER_MORE}`,
      );
    }
  }
  if (requested.memoryMb !== undefined) {
    if (requested.memoryMb < MINIKUBE_MINIMUM.memoryMb) {
      return fail(`--memory ${requested.memoryMb} is below minikube's usable minimum of ${MINIKUBE_MINIMUM.memoryMb} MB`, `pass --memory ${MINIKUBE_MINIMUM.memoryMb} or more`);
    }
    if (requested.memoryMb > dockerMb) {
      return fail(
        `--memory ${requested.memoryMb} is more than the ${dockerMb} MiB Docker has; minikube would refuse it ("Docker has only ${dockerMb}MB memory but you specified ${requested.memoryMb}MB")`,
        `pass --memory ${dockerMb} or less (or leave --memory out), or ${GIVE_DOCKER_MORE}`,
      );
    }
  }

  const cpus = requested.cpus ?? Math.min(MINIKUBE_DEFAULT.cpus, docker.cpus);
  const memoryMb = requested.memoryMb ?? Math.min(MINIKUBE_DEFAULT.memoryMb, dockerMb);
  const below = cpus < MINIKUBE_DEFAULT.cpus || memoryMb < MINIKUBE_DEFAULT.memoryMb;
  if (!below) return { ok: true, cpus, memoryMb, dockerMemoryMb: dockerMb };
  const floor = `mesh-lab's floor of ${MINIKUBE_DEFAULT.cpus} CPUs and ${MINIKUBE_DEFAULT.memoryMb} MB (istio.io's minikube guide asks for --cpus=${ISTIO_MINIKUBE_GUIDE.cpus} --memory=${ISTIO_MINIKUBE_GUIDE.memoryMb})`;
  const shrunk = (requested.cpus === undefined && cpus < MINIKUBE_DEFAULT.cpus) || (requested.memoryMb === undefined && memoryMb < MINIKUBE_DEFAULT.memoryMb);
  const warning = shrunk
    ? `${have}, so minikube gets ${cpus} CPUs and ${memoryMb} MB, below ${floor}; ${GIVE_DOCKER_MORE} if Istio struggles`
    : `minikube gets ${cpus} CPUs and ${memoryMb} MB as asked, below ${floor}`;
  return { ok: true, cpus, memoryMb, dockerMemoryMb: dockerMb, warning };
}

/**
 * The size `up` starts a new profile with; what Docker cannot give is a prerequisite
 * failure (exit 3) naming the reason and the fix, before minikube is run at all.
 */
export function minikubeSizeFor(docker: DockerCapacity, requested: RequestedResources): { cpus: number; memoryMb: number; warning?: string } {
  const s = sizeMinikube(docker, requested);
  if (!s.ok) throw new MeshLabError(ExitCode.Prerequisite, s.reason, { hint: s.fix });
  return { cpus: s.cpus, memoryMb: s.memoryMb, ...(s.warning ? { warning: s.warning } : {}) };
}
