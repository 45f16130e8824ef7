// `mesh-lab images`' run function: which labs, then the computed list (src/bundle/images.ts).
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { IstioProfile } from '../../istio/images.js';
import { defaultTemplatesDir, listLabs } from '../../labs/registry.js';
import type { LoadedLab } from '../../labs/types.js';
import { neededImages, type NeededImage } from '../../bundle/images.js';
import { invalidLab, labCacheDir, labsDir, loadLabOrFail } from '../lab/lab-binding.js';

export interface ImagesOptions {
  lab?: string;
  all?: boolean;
  profile?: IstioProfile;
  istioVersion?: string;
  kindNodeImage?: string;
  image?: string;
}

/** The labs `--lab` / `--all` name (every shipped lab must be valid for `--all`). */
export function selectLabs(o: { lab?: string; all?: boolean }, env: NodeJS.ProcessEnv): LoadedLab[] {
  if (o.lab !== undefined && o.all) throw new MeshLabError(ExitCode.Usage, '--lab and --all exclude each other', { hint: 'name one lab, or --all for every lab' });
  if (o.lab !== undefined) return [loadLabOrFail(o.lab, env)];
  if (!o.all) return [];
  return listLabs(labsDir(env), { templatesDir: defaultTemplatesDir(), cacheDir: labCacheDir(env) }).map((e) => {
    if (!e.result.ok) throw invalidLab(e.id, e.result.errors);
    return e.result.value;
  });
}

export function runImages(o: ImagesOptions, env: NodeJS.ProcessEnv): NeededImage[] {
  return neededImages({
    labs: selectLabs(o, env),
    profile: o.profile,
    istioVersion: o.istioVersion,
    kindNodeImage: o.kindNodeImage,
    appImage: o.image,
  });
}

export function formatImages(list: readonly NeededImage[]): string {
  const w = Math.max(...list.map((i) => i.image.length));
  return list.map((i) => `${i.image.padEnd(w)}  ${i.source}: ${i.usedBy.join(', ')}`).join('\n');
}
