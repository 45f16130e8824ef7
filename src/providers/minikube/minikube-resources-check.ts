// doctor's resource check for minikube: what `up` would give the profile by default
// (minikube-sizing.ts), no slack. It replaces the generic check of ResourceNeeds.
import type { DockerInfo } from '../../docker/docker-source.js';
import type { CheckResult } from '../../doctor/types.js';
import { sizeMinikube } from './minikube-sizing.js';

const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;

export function checkMinikubeResources(info: DockerInfo): CheckResult {
  const s = sizeMinikube({ cpus: info.NCPU, memoryBytes: info.MemTotal });
  // `profile` is the provider here: the key stays for `doctor --json` readers
  const details = { cpus: info.NCPU, memoryBytes: info.MemTotal, profile: 'minikube', dockerMemoryMb: s.dockerMemoryMb, ...(s.ok ? { minikubeCpus: s.cpus, minikubeMemoryMb: s.memoryMb } : {}) };
  if (!s.ok) return { id: 'docker.resources', status: 'fail', summary: s.reason, fix: s.fix, details };
  if (s.warning) return { id: 'docker.resources', status: 'warn', summary: s.warning, fix: 'give Docker 4 CPUs and 8 GB or more, or choose with `mesh-lab up --cpus N --memory MB`', details };
  return { id: 'docker.resources', status: 'pass', summary: `Docker has ${info.NCPU} CPUs, ${gib(info.MemTotal)}: minikube gets ${s.cpus} CPUs and ${s.memoryMb} MB`, details };
}
