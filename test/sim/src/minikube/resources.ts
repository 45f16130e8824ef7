// minikube v1.38.1's CPU and memory rules for the docker driver (cmd/minikube/cmd/start.go
// validateCPUCount / validateChangedMemoryFlags / validateRequestedMemorySize /
// suggestMemoryAllocation, start_flags.go getMemorySize, getCPUCount; reasons and exit codes
// from pkg/minikube/reason). The numbers it compares with come from the real Docker
// (`docker info`: NCPU, MemTotal) and the real host (total memory), each overridable:
//   MESHLAB_SIM_DOCKER_NCPU       Docker's CPUs            (e.g. 2)
//   MESHLAB_SIM_DOCKER_MEM_TOTAL  Docker's MemTotal, bytes (e.g. 8267812864 for a 7.7 GiB Docker Desktop)
//   MESHLAB_SIM_HOST_MEMORY_MB    the host's memory, MB    (minikube's "system limit")
import { totalmem } from 'node:os';
import { docker } from '../kind/docker.js';
import { errT, exitMessage, ln, warning } from './out.js';
import type { Style } from './out.js';

const MIB = 1024 * 1024;
/** start_flags.go */
const MIN_USABLE_MEM = 1800;
const MIN_RECOMMENDED_MEM = 1900;
const MINIMUM_CPUS = 2;

export interface DaemonInfo {
  cpus: number;
  totalMemory: number;
}

/** oci.DaemonInfo: NCPU and MemTotal of the Docker the profile runs on. */
export function daemonInfo(): DaemonInfo {
  const cpusKnob = process.env.MESHLAB_SIM_DOCKER_NCPU;
  const memKnob = process.env.MESHLAB_SIM_DOCKER_MEM_TOTAL;
  let real: DaemonInfo | undefined;
  const fromDocker = (): DaemonInfo => {
    if (real) return real;
    const r = docker(['info', '--format', '{{.NCPU}} {{.MemTotal}}']);
    const [c, m] = r.stdout.trim().split(/\s+/).map(Number);
    if (r.code !== 0 || !c || !m) exitMessage('MK_USAGE', 14, 'Ensure your Docker is running and is healthy.');
    return (real = { cpus: c, totalMemory: m });
  };
  return {
    cpus: cpusKnob ? Number(cpusKnob) : fromDocker().cpus,
    totalMemory: memKnob ? Number(memKnob) : fromDocker().totalMemory,
  };
}

/** memoryLimits: the host's memory (machine.LocalHostInfo) and Docker's, both in whole MiB. */
function memoryLimits(info: DaemonInfo): { sysLimit: number; containerLimit: number } {
  const knob = process.env.MESHLAB_SIM_HOST_MEMORY_MB;
  return { sysLimit: knob ? Number(knob) : Math.floor(totalmem() / MIB), containerLimit: Math.floor(info.totalMemory / MIB) };
}

/** exitIfNotForced: exit.Message, or with --force the same text as an error line and carry on. */
function exitIfNotForced(force: boolean, id: string, code: number, msg: string, st: Style = 'Failure'): void {
  if (!force) exitMessage(id, code, msg, st);
  ln('');
  errT(st, msg);
  ln('');
}

/** validateCPUCount (the docker driver is KIC: Docker's NCPU is what is available). */
export function validateCPUCount(raw: string | undefined, info: DaemonInfo, force: boolean): number {
  const available = info.cpus;
  if (available < 2) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_CORES', 29, 'Docker has less than 2 CPUs available, but Kubernetes requires at least 2 to be available', 'UnmetRequirement');
  }
  // getCPUCount: the flag's default is "2"; "no-limit" is 0 on KIC, "max" is Docker's NCPU
  const cpus = raw === undefined ? 2 : raw === 'no-limit' ? 0 : raw === 'max' ? available : Number.parseInt(raw, 10) || 0;
  if (cpus === 0) return cpus;
  if (cpus < MINIMUM_CPUS) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_CORES', 29, `Requested cpu count ${cpus} is less than the minimum allowed of ${MINIMUM_CPUS}`, 'UnmetRequirement');
  }
  if (available < cpus) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_CORES', 29, `Requested cpu count ${cpus} is greater than the available cpus of ${available}`, 'UnmetRequirement');
  }
  return cpus;
}

/** suggestMemoryAllocation for one node. */
function suggestMemoryAllocation(sysLimit: number, containerLimit: number): number {
  const fallback = 3072;
  let maximum = 6144;
  if (sysLimit > 0 && fallback > sysLimit) return sysLimit;
  if (containerLimit > 0) {
    if (fallback > containerLimit) return containerLimit;
    maximum = containerLimit - 48;
  }
  const suggested = Math.floor(sysLimit / 400) * 100;
  if (suggested > maximum) return maximum;
  return suggested < fallback ? fallback : suggested;
}

/** validateRequestedMemorySize(req, "docker"). */
export function validateRequestedMemorySize(req: number, info: DaemonInfo, force: boolean): void {
  const { sysLimit, containerLimit } = memoryLimits(info);
  if (containerLimit < MIN_USABLE_MEM) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_CONTAINER_MEMORY', 23, `docker only has ${containerLimit}MiB available, less than the required ${MIN_USABLE_MEM}MiB for Kubernetes`, 'UnmetRequirement');
  }
  if (sysLimit < MIN_USABLE_MEM) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_SYS_MEMORY', 23, `System only has ${sysLimit}MiB available, less than the required ${MIN_USABLE_MEM}MiB for Kubernetes`, 'UnmetRequirement');
  }
  if (req === 0) return; // --memory=no-limit
  if (req < MIN_USABLE_MEM) {
    exitIfNotForced(force, 'RSRC_INSUFFICIENT_REQ_MEMORY', 23, `Requested memory allocation ${req}MiB is less than the usable minimum of ${MIN_USABLE_MEM}MB`, 'UnmetRequirement');
  }
  if (req < MIN_RECOMMENDED_MEM) {
    warning(`Requested memory allocation (${req}MB) is less than the recommended minimum ${MIN_RECOMMENDED_MEM}MB. Deployments may fail.`);
  }
  // RSRC_OVER_ALLOC_MEM has no exit code of its own: exit.Message's default, ExProgramError (10)
  if (req > sysLimit) {
    exitIfNotForced(force, 'RSRC_OVER_ALLOC_MEM', 10, `Requested memory allocation ${req}MB is more than your system limit ${sysLimit}MB.`);
  }
  if (req > sysLimit - 1024) {
    warning(`The requested memory allocation of ${req}MiB does not leave room for system overhead (total system memory: ${sysLimit}MiB). You may face stability issues.`);
  }
}

/**
 * getMemorySize for the docker driver: an explicit --memory (already in MB) above Docker's
 * total exits MK_USAGE (14), whatever --force says; without --memory, minikube's suggestion.
 */
export function getMemorySize(requested: number | undefined, info: DaemonInfo, force: boolean): number {
  const { sysLimit, containerLimit } = memoryLimits(info);
  if (requested === undefined) {
    const mem = suggestMemoryAllocation(sysLimit, containerLimit);
    validateRequestedMemorySize(mem, info, force);
    return mem;
  }
  if (requested > containerLimit) {
    exitMessage('MK_USAGE', 14, `Docker has only ${containerLimit}MB memory but you specified ${requested}MB`);
  }
  return requested;
}
