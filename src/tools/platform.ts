import { ToolsError } from './errors.js';

export type ToolOs = 'linux' | 'darwin';
export type ToolArch = 'amd64' | 'arm64';
export interface Platform {
  os: ToolOs;
  arch: ToolArch;
}
export type PlatformKey = `${ToolOs}-${ToolArch}`;

export const PLATFORMS: readonly Platform[] = [
  { os: 'linux', arch: 'amd64' },
  { os: 'linux', arch: 'arm64' },
  { os: 'darwin', arch: 'amd64' },
  { os: 'darwin', arch: 'arm64' },
];

export function platformKey(p: Platform): PlatformKey {
  return `${p.os}-${p.arch}`;
}

/** Maps Node's process.platform/process.arch to the release naming used by the tools. */
export function detectPlatform(nodePlatform: string = process.platform, nodeArch: string = process.arch): Platform {
  const os: ToolOs | undefined = nodePlatform === 'linux' ? 'linux' : nodePlatform === 'darwin' ? 'darwin' : undefined;
  const arch: ToolArch | undefined = nodeArch === 'x64' ? 'amd64' : nodeArch === 'arm64' ? 'arm64' : undefined;
  if (!os || !arch) {
    throw new ToolsError(
      'unsupported-platform',
      `mesh-lab has no pinned tool downloads for ${nodePlatform}/${nodeArch}; install kind, kubectl and istioctl yourself and put them on PATH (supported: linux/darwin on x64/arm64)`,
    );
  }
  return { os, arch };
}
