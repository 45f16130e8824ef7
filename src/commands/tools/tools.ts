// `mesh-lab tools install|list`: the pinned kind/kubectl/istioctl/minikube in mesh-lab's
// own cache, verified by SHA-256 before use. Nothing is installed anywhere else.
import { ExitCode } from '../../errors/exit-codes.js';
import { fromToolsError } from './from-tools-error.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { toolsCacheDir } from '../../tools/cache.js';
import { installTools, type InstallResult } from '../../tools/install.js';
import { listTools, type ToolListing } from '../../tools/list.js';
import { TOOL_NAMES, isToolName, manifestFromEnv, type ToolName } from '../../tools/manifest.js';
import { detectPlatform } from '../../tools/platform.js';

export async function toolsInstall(names: string[], opts: { force: boolean; env: NodeJS.ProcessEnv; progress: (line: string) => void }): Promise<InstallResult[]> {
  const unknown = names.filter((n) => !isToolName(n));
  if (unknown.length) {
    throw new MeshLabError(ExitCode.Usage, `unknown tool ${unknown.join(', ')}`, { hint: `choose from ${TOOL_NAMES.join(', ')}` });
  }
  const chosen = (names.length ? names : TOOL_NAMES) as ToolName[];
  let lastPercent = -1;
  try {
    return await installTools(chosen, {
      env: opts.env,
      force: opts.force,
      onEvent: (e) => {
        if (e.type === 'progress') {
          // a line per 10% is enough, and keeps CI logs readable
          const pct = e.total ? Math.floor((e.received / e.total) * 10) * 10 : -1;
          if (pct !== lastPercent && pct >= 0) opts.progress(`${e.tool} ${e.version}: ${pct}%`);
          lastPercent = pct;
          return;
        }
        lastPercent = -1;
        opts.progress(`${e.tool} ${e.version}: ${e.type}${'path' in e ? ` ${e.path}` : ''}`);
      },
    });
  } catch (err) {
    throw fromToolsError(err);
  }
}

export async function toolsList(env: NodeJS.ProcessEnv): Promise<ToolListing[]> {
  try {
    return await listTools(manifestFromEnv(env), detectPlatform(), toolsCacheDir(env));
  } catch (err) {
    throw fromToolsError(err);
  }
}

export function formatToolsList(list: ToolListing[]): string {
  return list
    .map((t) => `${t.tool.padEnd(9)} ${t.version.padEnd(8)} ${t.cached ? `cached at ${t.cachedPath}` : 'not cached'}; accepts on PATH: ${t.acceptOnPath}; checksum ${t.checksum}`)
    .join('\n');
}
