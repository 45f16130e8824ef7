// `mesh-lab images [--lab <id> | --all] [--profile …] [--json]`: the images an environment
// needs, computed from the pins, Istio's profile, the app and the labs (src/bundle/images.ts).
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../../config/defaults.js';
import type { NeededImage } from '../../bundle/images.js';
import type { Factory } from '../factory.js';
import type { ImagesOptions } from './images.js';

export type ImagesRun = (o: ImagesOptions) => Promise<NeededImage[]>;

export function defaultImagesRun(f: Factory): ImagesRun {
  return async (o) => {
    const s = f.session();
    const { runImages } = await import('./images.js');
    return runImages(o, s.env);
  };
}

export function newImagesCommand(f: Factory, run: ImagesRun = defaultImagesRun(f)) {
  return new Command('images')
    .description('the container images an environment needs (what a bundle holds, what `up --preload` pulls)')
    // `--lab` is also the program's hidden 0.1.0 name of --environment, which commander
    // reads wherever it stands; images needs no environment, so here it names a lab.
    .option('--lab <id>', "add one lab's images (and the Istio profile it requires)")
    .option('--all', "add every lab's images", false)
    .addOption(new Option('--profile <profile>', 'Istio profile').choices(['default', 'demo', 'minimal'] as const).default('default' as const))
    .option('--istio-version <version>', 'Istio version', DEFAULTS.istioVersion)
    .option('--kind-node-image <image>', 'kind node image (default: the pinned kind\'s)')
    .option('--image <image>', 'app image', DEFAULTS.image)
    .action(async (opts, cmd) => {
      const lab = opts.lab ?? (cmd.optsWithGlobals() as { lab?: string }).lab;
      const list = await run({ ...opts, lab });
      if (f.flags.json) return f.printJson({ images: list });
      const { formatImages } = await import('./images.js');
      f.printer().out(formatImages(list));
    });
}
