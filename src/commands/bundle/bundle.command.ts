// `mesh-lab bundle create|inspect`: one file with every tool and image an environment needs,
// for `up --bundle` without a network (src/bundle/).
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../../config/defaults.js';
import type { CreateBundleResult } from '../../bundle/create.js';
import type { BundleManifest } from '../../bundle/manifest.js';
import type { Factory } from '../factory.js';
import type { BundleCreateOptions } from './bundle.js';

export type BundleCreateRun = (o: BundleCreateOptions) => Promise<CreateBundleResult>;
export type BundleInspectRun = (file: string) => Promise<BundleManifest>;

function hostPlatform(): string {
  return `linux/${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;
}

export function newBundleCommand(
  f: Factory,
  create: BundleCreateRun = async (o) => {
    const s = f.session();
    const { runBundleCreate } = await import('./bundle.js');
    const p = f.printer();
    return runBundleCreate(s, o, (line) => p.err(line));
  },
  inspect: BundleInspectRun = async (file) => (await import('./bundle.js')).inspectBundle(file),
) {
  const createCmd = new Command('create')
    .description('write one file with the images (per platform) and pinned tools an environment needs; run it where the network is')
    .requiredOption('-o, --output <file>', 'the bundle file to write (atomically; an interrupted run resumes)')
    .option('--platform <list>', 'image platforms, comma-separated', hostPlatform())
    .addOption(new Option('--pull <policy>', 'pull images: missing (absent locally for the platform), always, never').choices(['missing', 'always', 'never'] as const).default('missing' as const))
    // `--lab` is also the program's hidden 0.1.0 name of --environment; here it names a lab
    .option('--lab <id>', "add one lab's images")
    .option('--all', "add every lab's images", false)
    .addOption(new Option('--profile <profile>', 'Istio profile').choices(['default', 'demo', 'minimal'] as const).default('default' as const))
    .option('--istio-version <version>', 'Istio version', DEFAULTS.istioVersion)
    .option('--kind-node-image <image>', "kind node image (default: the pinned kind's)")
    .option('--image <image>', 'app image', DEFAULTS.image)
    .action(async (opts, cmd) => {
      const lab = opts.lab ?? (cmd.optsWithGlobals() as { lab?: string }).lab;
      const r = await create({ ...opts, lab });
      if (f.flags.json) return f.printJson({ file: r.file, size: r.size, fetched: r.fetched, reused: r.reused, manifest: r.manifest });
      f.printer().out((await import('./bundle.js')).formatCreated(r));
    });
  const inspectCmd = new Command('inspect')
    .description("print a bundle's manifest: versions, images with digests, tools, member checksums")
    .argument('<file>', 'the bundle')
    .action(async (file) => {
      const m = await inspect(file);
      if (f.flags.json) return f.printJson(m);
      f.printer().out((await import('./bundle.js')).formatManifest(m));
    });
  return new Command('bundle').description('offline bundles: every tool and image for `up --bundle`').addCommand(createCmd).addCommand(inspectCmd);
}
