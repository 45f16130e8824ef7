// What `workshop status` and `workshop dashboard` read before the cluster: the workshop
// record (only through WorkshopStore) and the labs whose steps make the columns.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { LoadedLab } from '../../labs/types.js';
import { workshopPaths } from '../../state/paths.js';
import { WorkshopStore, type WorkshopState } from '../../state/workshop-state.js';
import { DEFAULT_WORKSHOP_NAME } from './workshop-options.js';

export function readWorkshopOrFail(name: string, env: NodeJS.ProcessEnv): WorkshopState {
  let state: WorkshopState | undefined;
  try {
    state = new WorkshopStore(workshopPaths(name, env).state).read();
  } catch (err) {
    throw new MeshLabError(ExitCode.Usage, (err as Error).message, { hint: 'the workshop record was edited or written by another version: run `mesh-lab workshop up` again' });
  }
  if (!state) throw new MeshLabError(ExitCode.NotFound, `no workshop "${name}"`, { hint: `create it with \`mesh-lab workshop up${name === DEFAULT_WORKSHOP_NAME ? '' : ` --name ${name}`}\`` });
  return state;
}

/** Every valid lab of the labs folder, in `lab list` order. */
export async function workshopLabs(env: NodeJS.ProcessEnv): Promise<LoadedLab[]> {
  const { labsDir, labCacheDir } = await import('../lab/lab-binding.js');
  const { defaultTemplatesDir, listLabs } = await import('../../labs/registry.js');
  return listLabs(labsDir(env), { templatesDir: defaultTemplatesDir(), cacheDir: labCacheDir(env) }).flatMap((e) => (e.result.ok ? [e.result.value] : []));
}

export function parseLabIds(ids: readonly string[] | undefined, labs: readonly LoadedLab[]): string[] | undefined {
  if (!ids?.length) return undefined;
  const unknown = ids.filter((id) => !labs.some((l) => l.lab.id === id));
  if (unknown.length) throw new MeshLabError(ExitCode.NotFound, `no lab ${unknown.join(', ')}`, { hint: `labs: ${labs.map((l) => l.lab.id).join(', ')}` });
  return [...ids];
}
