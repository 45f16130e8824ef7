// The `docker` CLI calls a bundle needs, through the one runner: `docker pull --platform`,
// `docker save`, `docker load` and `docker image inspect`. The CLI (not the Engine API)
// because these are the commands a user would type and the ones kind and minikube's own
// docs give; the simulator's `docker` shim counts `docker pull` (docs/tool-contract.md).
import type { Runner } from '../process/runner.js';
import { ToolFailedError } from '../process/runner.js';

export interface LocalImage {
  /** image ID: sha256 of its config */
  id: string;
  /** `os/arch[/variant]` */
  platform: string;
  repoDigests: string[];
  repoTags: string[];
}

/** The image as the local Docker has it, or undefined when absent. */
export async function inspectImage(runner: Runner, ref: string): Promise<LocalImage | undefined> {
  const r = await runner.run('docker', ['image', 'inspect', ref], { reject: false });
  if (r.exitCode !== 0) return undefined;
  const [img] = JSON.parse(r.stdout) as Array<{ Id: string; Os: string; Architecture: string; Variant?: string; RepoDigests?: string[] | null; RepoTags?: string[] | null }>;
  if (!img) return undefined;
  return {
    id: img.Id,
    platform: [img.Os, img.Architecture, img.Variant].filter(Boolean).join('/'),
    repoDigests: img.RepoDigests ?? [],
    repoTags: img.RepoTags ?? [],
  };
}

export async function pullImage(runner: Runner, ref: string, platform: string): Promise<void> {
  await runner.run('docker', ['pull', '--platform', platform, ref], { purpose: `pull ${ref} (${platform})` });
}

/**
 * The Engine API version: `docker save --platform` needs API 1.48 (Docker 28). Older
 * engines keep one platform per tag (the classic image store), so a plain save is already
 * single-platform there.
 */
export async function serverApiVersion(runner: Runner): Promise<string> {
  const r = await runner.run('docker', ['version', '--format', '{{.Server.APIVersion}}'], { purpose: 'read the Docker Engine API version' });
  return r.stdout.trim();
}

export function apiAtLeast(version: string, min: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [c = 0, d = 0] = min.split('.').map(Number);
  return a > c || (a === c && b >= d);
}

export async function saveImage(runner: Runner, ref: string, file: string, platform: string | undefined): Promise<void> {
  await runner.run('docker', ['save', ...(platform ? ['--platform', platform] : []), '-o', file, ref], { purpose: `save ${ref}` });
}

/** `docker load -i FILE`: the references it loaded (its "Loaded image: X" lines). */
export async function loadImageArchive(runner: Runner, file: string): Promise<string[]> {
  const r = await runner.run('docker', ['load', '-i', file], { purpose: `load ${file} into Docker` });
  return [...r.stdout.matchAll(/^Loaded image(?: ID)?: (\S+)$/gm)].map((m) => m[1]!);
}

export { ToolFailedError };
