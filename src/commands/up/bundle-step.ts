// `up --bundle FILE` and `up --preload`: the step of `up` that puts every image in the
// node before anything is applied (src/bundle/ does the work). With a bundle, the bundle is
// verified, its tools installed and its images loaded into Docker before preflight, so no
// cluster exists when a bundle is wrong, and preflight finds the tools in the cache.
import type { ListrTask } from 'listr2';
import { parse } from 'yaml';
import { toYaml } from '../../manifests/yaml.js';
import { neededImages, type NeededImage } from '../../bundle/images.js';
import { bundledKindNodeImage, loadBundleIntoCluster, prepareBundle, type LoadedArchive, type PreparedBundle } from '../../bundle/load.js';
import { preloadImages } from '../../bundle/preload.js';
import type { IstioProfile } from '../../istio/images.js';
import type { LoadedLab } from '../../labs/types.js';
import type { ClusterProvider } from '../../providers/provider.js';
import type { Session } from '../../session/session.js';
import { PINNED_KIND_NODE_IMAGE } from '../../tools/pins.js';
import type { UpInput } from './up-input.js';

export interface ImagePhases {
  /** `--bundle FILE` */
  bundle?: string;
  /** `--preload` */
  preload?: boolean;
  /** the labs whose images must be present too (`lab start/run --bundle`) */
  labs?: readonly LoadedLab[];
}

export interface ImageStepContext {
  bundle?: PreparedBundle;
  /** --preload: the host's pulls and saves, started with the cluster */
  preloading?: Promise<LoadedArchive[]>;
}

export function imagesFor(input: UpInput, phases: ImagePhases): NeededImage[] {
  return neededImages({
    labs: phases.labs ?? [],
    profile: input.profile as IstioProfile | undefined,
    istioVersion: input.istioVersion,
    kindNodeImage: input.kindNodeImage,
    appImage: input.image,
  });
}

/**
 * With a bundle, kind is given the node image by tag: `docker load` restores tags, not
 * registry digests (only kind reads --kind-node-image).
 */
export function inputForImages(input: UpInput, phases: ImagePhases): UpInput {
  if (!phases.bundle) return input;
  return { ...input, kindNodeImage: bundledKindNodeImage(input.kindNodeImage ?? PINNED_KIND_NODE_IMAGE) };
}

/**
 * With images put into the node by mesh-lab, Istio is told to use them as they are:
 * `values.global.imagePullPolicy: IfNotPresent` (istio/istio manifests/profiles/default.yaml:
 * empty means Kubernetes' default, which is Always for a `latest` tag).
 */
export function operatorForImages(operatorYaml: string, phases: ImagePhases): string {
  if (!phases.bundle && !phases.preload) return operatorYaml;
  const iop = parse(operatorYaml) as { spec: { values?: { global?: Record<string, unknown> } } };
  iop.spec.values = { ...(iop.spec.values ?? {}), global: { ...(iop.spec.values?.global ?? {}), imagePullPolicy: 'IfNotPresent' } };
  return toYaml([iop]);
}

/** Before preflight: verify the bundle, install its tools, load its images into Docker. */
export function bundleTask<C extends ImageStepContext>(session: Session, input: UpInput, phases: ImagePhases): ListrTask<C> {
  return {
    title: `Bundle ${phases.bundle}`,
    skip: () => !phases.bundle || (session.dryRun && 'dry run: the bundle is verified and loaded when up runs'),
    task: async (ctx, task) => {
      ctx.bundle = await prepareBundle(phases.bundle!, { needed: imagesFor(input, phases), runner: session.runner, env: session.env, progress: (l) => void (task.output = l) });
      const tools = ctx.bundle.toolsInstalled;
      task.title = `Bundle verified: ${ctx.bundle.archives.length} images in Docker${tools.length > 0 ? `, ${tools.join(', ')} installed into the cache` : ''}`;
    },
  };
}

/** --preload: starts the host's pulls and saves alongside the cluster's creation. */
export function startPreload(ctx: ImageStepContext, session: Session, input: UpInput, phases: ImagePhases): void {
  if (!phases.preload || phases.bundle || session.dryRun) return;
  ctx.preloading = preloadImages(session.runner, session.env, imagesFor(input, phases));
  ctx.preloading.catch(() => undefined); // awaited (and reported) by the load task
}

/** After the cluster exists, before Istio: the images into every node. */
export function loadImagesTask<C extends ImageStepContext>(session: Session, provider: ClusterProvider, phases: ImagePhases): ListrTask<C> {
  return {
    title: 'Load images into the node',
    skip: () => (!phases.bundle && !phases.preload) || (session.dryRun && 'dry run: images are loaded when up runs'),
    task: async (ctx, task) => {
      const archives = ctx.bundle?.archives ?? (await ctx.preloading) ?? [];
      const n = await loadBundleIntoCluster({ archives }, provider, (l) => void (task.output = l));
      task.title = `${n} images loaded into the node (${ctx.bundle ? 'from the bundle' : "from mesh-lab's image cache"})`;
    },
  };
}
