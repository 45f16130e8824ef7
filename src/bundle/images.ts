// The images an environment needs, computed (never hand-listed) from what `up` and the
// labs would run: the kind node image (the pinned kind's default, or --kind-node-image),
// Istio's images for the version and profile (src/istio/images.ts), the app image, and
// every image in the labs' manifests and commands as they render. `mesh-lab images`
// prints this list; a bundle holds exactly these images.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULTS } from '../config/defaults.js';
import { istioImages, type IstioProfile } from '../istio/images.js';
import { templatesDir } from '../manifests/template.js';
import { parseYamlDocuments } from '../manifests/yaml.js';
import { renderArgv } from '../manifests/placeholders.js';
import { effectiveParams, renderApply } from '../labs/render.js';
import { effectiveRequirements } from '../labs/model.js';
import type { LoadedLab } from '../labs/types.js';
import { PINNED_KIND_NODE_IMAGE } from '../tools/pins.js';

export type ImageSource = 'kind-node' | 'istio' | 'app' | 'lab';

export interface NeededImage {
  image: string;
  source: ImageSource;
  /** what runs it: "cluster node", Istio components, "app", or lab ids */
  usedBy: string[];
}

export interface ImageListInput {
  istioVersion?: string;
  profile?: IstioProfile;
  kindNodeImage?: string;
  /** the app image of `up` (--image) */
  appImage?: string;
  /** the labs whose images are wanted (none: the environment of a plain `up`) */
  labs?: readonly LoadedLab[];
}

const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** every `image` of every container list anywhere in a rendered object (pods, templates, jobs) */
export function imagesInObject(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) imagesInObject(n, out);
  else if (node !== null && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (CONTAINER_LISTS.has(k) && Array.isArray(v)) {
        for (const c of v) if (c && typeof (c as { image?: unknown }).image === 'string') out.push((c as { image: string }).image);
      }
      imagesInObject(v, out);
    }
  }
  return out;
}

/** `--image X` / `--image=X` of a kubectl command a lab step runs (kubectl run, create deployment) */
function imagesInArgv(argv: readonly string[]): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a === '--image' && argv[i + 1] !== undefined) out.push(argv[i + 1]!);
    else if (a.startsWith('--image=')) out.push(a.slice('--image='.length));
  });
  return out;
}

/** The images one lab's steps run, as its manifests and commands render with its parameters. */
export function labImages(loaded: LoadedLab): string[] {
  const out: string[] = [];
  const lab = loaded.lab;
  for (const step of lab.steps) {
    for (const action of (step.actions ?? []) as Array<Record<string, any>>) {
      if (action.apply) {
        const a = action.apply;
        const file = a.manifest !== undefined ? join(loaded.dir, a.manifest) : join(templatesDir(), a.template);
        const rendered = renderApply(lab, a, readFileSync(file, 'utf8'));
        imagesInObject(parseYamlDocuments(rendered, file), out);
      }
      const argv = action.run?.kubectl;
      if (Array.isArray(argv)) out.push(...imagesInArgv(renderArgv(argv, effectiveParams(lab))));
    }
  }
  return [...new Set(out)];
}

/** The profile a lab needs (its requirements), or the one asked for when it needs none. */
function labProfile(loaded: LoadedLab, asked: IstioProfile): IstioProfile {
  // every step, optional ones too: a bundle must hold what any step can run
  return effectiveRequirements(loaded.lab, loaded.lab.steps).profile === 'demo' ? 'demo' : asked;
}

export function neededImages(input: ImageListInput = {}): NeededImage[] {
  const list: NeededImage[] = [];
  const add = (image: string, source: ImageSource, by: string) => {
    const found = list.find((i) => i.image === image);
    if (found) {
      if (!found.usedBy.includes(by)) found.usedBy.push(by);
    } else list.push({ image, source, usedBy: [by] });
  };
  add(input.kindNodeImage ?? PINNED_KIND_NODE_IMAGE, 'kind-node', 'cluster node');
  const asked = input.profile ?? (DEFAULTS.profile as IstioProfile);
  const profiles = new Set<IstioProfile>([asked, ...(input.labs ?? []).map((l) => labProfile(l, asked))]);
  for (const profile of profiles) {
    for (const i of istioImages(input.istioVersion ?? DEFAULTS.istioVersion, profile)) for (const c of i.components) add(i.image, 'istio', c);
  }
  add(input.appImage ?? DEFAULTS.image, 'app', 'app');
  for (const l of input.labs ?? []) for (const image of labImages(l)) add(image, 'lab', l.lab.id);
  return list;
}
