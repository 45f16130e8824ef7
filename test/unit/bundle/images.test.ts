// `mesh-lab images`: computed from the pins, Istio's profiles, the app and the labs. The
// guard test reads every lab's files on its own (not through src/bundle) and fails when a
// lab references an image that `images --all` does not list.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { istioImages } from '../../../src/istio/images.js';
import { neededImages } from '../../../src/bundle/images.js';
import { runImages } from '../../../src/commands/images/images.js';
import { newImagesCommand } from '../../../src/commands/images/images.command.js';
import { PINNED_KIND_NODE_IMAGE } from '../../../src/tools/pins.js';
import { fakeFactory } from '../commands/fake-factory.js';

const LABS = resolve(import.meta.dirname, '../../../labs');
const env = { ...process.env, MESH_LAB_LABS_DIR: LABS, XDG_CACHE_HOME: '/nonexistent-cache-for-test' } as NodeJS.ProcessEnv;

/** every image a lab's files name, found by reading them as text and filling its params */
function imagesNamedIn(labDir: string): string[] {
  const labYaml = parse(readFileSync(join(labDir, 'lab.yaml'), 'utf8')) as { params?: Record<string, unknown> };
  const params = labYaml.params ?? {};
  const fill = (s: string) => s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => String(params[n] ?? `{{${n}}}`));
  const out: string[] = [];
  for (const f of readdirSync(labDir).filter((n) => n.endsWith('.yaml'))) {
    const text = readFileSync(join(labDir, f), 'utf8');
    for (const m of text.matchAll(/^\s*-?\s*image:\s*(?:"([^"]+)"|'([^']+)'|([^\s#]+))/gm)) out.push(fill((m[1] ?? m[2] ?? m[3])!));
    for (const m of text.matchAll(/--image[= ,]\s*"?([^"\s,\]]+)"?/g)) out.push(fill(m[1]!));
  }
  return out;
}

describe('images', () => {
  it("lists every image any lab's files reference (a new lab image missing from `images --all` fails here)", () => {
    const listed = runImages({ all: true }, env).map((i) => i.image);
    const labs = readdirSync(LABS, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'));
    expect(labs.length).toBeGreaterThan(0);
    for (const l of labs) {
      for (const image of imagesNamedIn(join(LABS, l.name))) expect(listed, `${l.name} uses ${image}`).toContain(image);
    }
  });

  it("Istio's images as istioctl renders them: hub docker.io/istio, tag = version, pilot and proxyv2 under every profile", () => {
    for (const profile of ['default', 'demo', 'minimal'] as const) {
      expect(istioImages('1.30.3', profile).map((i) => i.image)).toEqual(['docker.io/istio/pilot:1.30.3', 'docker.io/istio/proxyv2:1.30.3']);
    }
    expect(istioImages('1.30.3', 'demo').find((i) => i.image.includes('proxyv2'))!.components).toContain('egressGateway');
    expect(istioImages('1.29.0', 'minimal').map((i) => i.image)).toContain('docker.io/istio/proxyv2:1.29.0');
  });

  it('a plain environment: the pinned kind node image (or --kind-node-image), Istio, the app', () => {
    expect(neededImages().map((i) => [i.image, i.source])).toEqual([
      [PINNED_KIND_NODE_IMAGE, 'kind-node'],
      ['docker.io/istio/pilot:1.30.3', 'istio'],
      ['docker.io/istio/proxyv2:1.30.3', 'istio'],
      ['hashicorp/http-echo:1.0', 'app'],
    ]);
    expect(neededImages({ kindNodeImage: 'kindest/node:v1.35.0', appImage: 'example/app:2', istioVersion: '1.30.1' }).map((i) => i.image)).toEqual([
      'kindest/node:v1.35.0', 'docker.io/istio/pilot:1.30.1', 'docker.io/istio/proxyv2:1.30.1', 'example/app:2',
    ]);
  });

  it("--lab adds that lab's images; a lab that needs the demo profile brings its egress gateway", () => {
    const ts = runImages({ lab: 'traffic-shifting' }, env);
    expect(ts.filter((i) => i.source === 'lab').map((i) => i.image)).toEqual(['docker.io/istio/examples-helloworld-v1:1.0', 'docker.io/istio/examples-helloworld-v2:1.0']);
    expect(runImages({ lab: 'egress-routing' }, env).find((i) => i.image.includes('proxyv2'))!.usedBy).toContain('egressGateway');
    expect(() => runImages({ lab: 'nope' }, env)).toThrow(/no lab named "nope"/);
    expect(() => runImages({ lab: 'traffic-shifting', all: true }, env)).toThrow(/exclude each other/);
  });

  it('--json prints one document; human output one image per line', async () => {
    const json = fakeFactory({ json: true });
    await newImagesCommand(json.factory, async () => neededImages()).parseAsync(['node', 'images']);
    expect(JSON.parse(json.stdout()).images).toHaveLength(4);
    const human = fakeFactory();
    await newImagesCommand(human.factory, async () => neededImages()).parseAsync(['node', 'images']);
    expect(human.stdout().trim().split('\n')).toHaveLength(4);
  });
});
