// Bundle files without Docker: the ustar writer/reader (plain `tar` reads what it writes),
// the single-platform check, verification naming a missing image or a damaged member, and
// a create that resumes without fetching again what an interrupted run already verified.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractMember, listTar, readMember, writeTar } from '../../../src/bundle/tar.js';
import { missingContent } from '../../../src/bundle/archive-check.js';
import { createBundle, tagOnly, toolPlatforms, BUNDLED_TOOLS } from '../../../src/bundle/create.js';
import { neededImages } from '../../../src/bundle/images.js';
import { openBundle, verifyBundle } from '../../../src/bundle/open.js';
import { parsePlatforms } from '../../../src/commands/bundle/bundle.js';
import { INSTALL_RECORD, toolInstallDir, toolsCacheDir } from '../../../src/tools/cache.js';
import { pinnedManifest } from '../../../src/tools/manifest.js';
import type { RunOptions, RunResult, Runner } from '../../../src/process/runner.js';
import { ToolFailedError } from '../../../src/process/runner.js';

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'meshlab-bundle-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** A local Docker as the CLI shows it: images by reference; pulls and saves counted. */
class FakeDockerCli implements Runner {
  readonly pulls: string[] = [];
  readonly saves: string[] = [];
  failSaveOf: string | undefined;
  constructor(readonly images: Map<string, { id: string; platform: string }>) {}
  async run(file: string, args: readonly string[], o: RunOptions = {}): Promise<RunResult> {
    const command = [file, ...args].join(' ');
    const ok = (stdout = ''): RunResult => ({ command, stdout, stderr: '', exitCode: 0 });
    const fail = (stderr: string): RunResult => {
      const r = { command, stdout: '', stderr, exitCode: 1 };
      if (o.reject === false) return r;
      throw new ToolFailedError(r, o.purpose);
    };
    if (args[0] === 'version') return ok('1.41\n');
    if (args[0] === 'image' && args[1] === 'inspect') {
      const img = this.images.get(args[2]!);
      if (!img) return fail(`Error response from daemon: No such image: ${args[2]}`);
      const [os, arch] = img.platform.split('/');
      return ok(JSON.stringify([{ Id: img.id, Os: os, Architecture: arch, RepoDigests: [], RepoTags: [args[2]] }]));
    }
    if (args[0] === 'pull') {
      this.pulls.push(args[args.length - 1]!);
      const ref = args[args.length - 1]!;
      this.images.set(ref, { id: `sha256:${sha(ref)}`, platform: args[2]! });
      return ok();
    }
    if (args[0] === 'save') {
      const ref = args[args.length - 1]!;
      if (ref === this.failSaveOf) return fail('write /tmp/x: no space left on device');
      this.saves.push(ref);
      const out = args[args.indexOf('-o') + 1]!;
      const m = join(dir, `m-${sha(ref)}.json`);
      writeFileSync(m, JSON.stringify([{ Config: `${this.images.get(ref)!.id.slice(7)}.json`, RepoTags: [ref], Layers: [] }]));
      writeTar(out, [{ name: 'manifest.json', path: m }]);
      return ok();
    }
    throw new Error(`unexpected: ${command}`);
  }
  async spawnBackground(): Promise<{ pid: number; command: string }> {
    throw new Error('no');
  }
}

/** the pinned tools, cached as `tools install` leaves them, so createBundle downloads nothing */
function cacheTools(env: NodeJS.ProcessEnv, platforms: ReturnType<typeof toolPlatforms>): void {
  const m = pinnedManifest();
  for (const p of platforms) {
    for (const name of BUNDLED_TOOLS) {
      const spec = m.tools[name];
      const d = toolInstallDir(toolsCacheDir(env), spec, p);
      mkdirSync(d, { recursive: true });
      const body = `#!/bin/sh\necho ${name} ${p.os}-${p.arch}\n`;
      writeFileSync(join(d, spec.binary), body);
      chmodSync(join(d, spec.binary), 0o755);
      writeFileSync(join(d, INSTALL_RECORD), JSON.stringify({ tool: name, version: spec.version, platform: `${p.os}-${p.arch}`, binary: spec.binary, sha256: sha(body), size: body.length, assetSha256: sha(body), checksum: 'published', url: `https://example.invalid/${name}`, installedAt: 'x' }));
    }
  }
}

describe('tar', () => {
  it('writes ustar that plain tar lists and extracts, long names included, and reads it back', () => {
    const a = join(dir, 'a.bin');
    writeFileSync(a, Buffer.alloc(70_000, 7));
    const long = `images/linux-amd64/${'x'.repeat(90)}.tar`;
    const out = join(dir, 'out.tar');
    writeTar(out, [{ name: 'manifest.json', path: a }, { name: long, path: a }]);
    expect(listTar(out).map((e) => [e.name, e.size])).toEqual([['manifest.json', 70_000], [long, 70_000]]);
    expect(spawnSync('tar', ['-tf', out], { encoding: 'utf8' }).stdout.trim().split('\n')).toEqual(['manifest.json', long]);
    const e = listTar(out)[1]!;
    expect(extractMember(out, e, join(dir, 'back'))).toBe(sha(readFileSync(a)));
    expect(readMember(out, listTar(out)[0]!).equals(readFileSync(a))).toBe(true);
  });

  it('refuses a damaged header', () => {
    const a = join(dir, 'a');
    writeFileSync(a, 'x');
    const out = join(dir, 'o.tar');
    writeTar(out, [{ name: 'a', path: a }]);
    const fd = openSync(out, 'r+');
    writeSync(fd, Buffer.from('Z'), 0, 1, 3);
    closeSync(fd);
    expect(() => listTar(out)).toThrow(/damaged tar header/);
  });
});

describe('single-platform archives', () => {
  it("names the first digest a multi-platform index lacks (what kind's ctr import would fail on)", () => {
    const blob = (s: string) => ({ name: `blobs/sha256/${sha(s)}`, body: s });
    const cfg = blob('{}');
    const amd = blob(JSON.stringify({ config: { digest: `sha256:${sha('{}')}` }, layers: [] }));
    const armDigest = `sha256:${sha('arm')}`;
    const idx = blob(JSON.stringify({ manifests: [{ digest: `sha256:${sha(amd.body)}` }, { digest: armDigest }] }));
    const top = { name: 'index.json', body: JSON.stringify({ manifests: [{ digest: `sha256:${sha(idx.body)}` }] }) };
    const files = [top, idx, amd, cfg].map((f, n) => {
      const p = join(dir, `f${n}`);
      writeFileSync(p, f.body);
      return { name: f.name, path: p };
    });
    const multi = join(dir, 'multi.tar');
    writeTar(multi, files);
    expect(missingContent(multi)).toBe(armDigest);
    const single = join(dir, 'single.tar');
    writeTar(single, files.filter((f) => f.name !== 'index.json'));
    expect(missingContent(single)).toBeUndefined();
  });
});

describe('bundle create, verify', () => {
  const needed = neededImages({ kindNodeImage: 'example/node:v1.36.1' });
  const localImages = () => new Map(needed.map((n) => [n.image, { id: `sha256:${sha(n.image)}`, platform: 'linux/amd64' }]));

  it('parses --platform and knows which tool builds go with it', () => {
    expect(parsePlatforms('linux/amd64, linux/arm64')).toEqual(['linux/amd64', 'linux/arm64']);
    expect(() => parsePlatforms('linux/s390x')).toThrow(/expected linux\/amd64/);
    expect(toolPlatforms(['linux/arm64'])).toEqual([{ os: 'linux', arch: 'arm64' }, { os: 'darwin', arch: 'arm64' }]);
    expect(tagOnly(`kindest/node:v1.36.1@sha256:${'a'.repeat(64)}`)).toBe('kindest/node:v1.36.1');
  });

  it('pulls only what is missing for the platform, resumes after an interruption without fetching again, and verifies', async () => {
    const env = { ...process.env, MESH_LAB_HOME: join(dir, 'home') };
    cacheTools(env, toolPlatforms(['linux/amd64']));
    const images = localImages();
    images.delete('hashicorp/http-echo:1.0');
    const docker = new FakeDockerCli(images);
    const output = join(dir, 'w.mlbundle');
    const opts = { output, platforms: ['linux/amd64'], pull: 'missing' as const, images: needed, istioVersion: '1.30.3', profile: 'default', labs: [], kindNodeImage: 'example/node:v1.36.1', runner: docker, env };
    docker.failSaveOf = 'docker.io/istio/proxyv2:1.30.3';
    await expect(createBundle(opts)).rejects.toThrow(/could not save docker.io\/istio\/proxyv2/);
    expect(existsSync(output)).toBe(false);
    expect(docker.saves).toEqual(['example/node:v1.36.1', 'docker.io/istio/pilot:1.30.3']);

    docker.failSaveOf = undefined;
    const r = await createBundle(opts);
    // the two archives the first run verified were kept, not saved again
    expect(docker.saves).toEqual(['example/node:v1.36.1', 'docker.io/istio/pilot:1.30.3', 'docker.io/istio/proxyv2:1.30.3', 'hashicorp/http-echo:1.0']);
    expect(r.reused).toEqual(['images/linux-amd64/example_node_v1.36.1.tar', 'images/linux-amd64/docker.io_istio_pilot_1.30.3.tar']);
    expect(docker.pulls).toEqual(['hashicorp/http-echo:1.0']);
    expect(existsSync(`${output}.parts`)).toBe(false);
    expect(r.manifest.tools.map((t) => `${t.tool} ${t.platform}`).sort()).toEqual(['istioctl darwin-amd64', 'istioctl linux-amd64', 'kind darwin-amd64', 'kind linux-amd64', 'kubectl darwin-amd64', 'kubectl linux-amd64']);

    const b = openBundle(output);
    expect(verifyBundle(b, needed, 'linux/amd64', 'linux-amd64').images).toHaveLength(4);
    expect(() => verifyBundle(b, neededImages({ kindNodeImage: 'example/node:v1.36.1', appImage: 'other/app:2' }), 'linux/amd64', 'linux-amd64')).toThrow(
      /lacks an image this environment needs \(linux\/amd64\): other\/app:2/,
    );
    expect(() => verifyBundle(b, needed, 'linux/arm64', 'linux-arm64')).toThrow(/lacks images this environment needs \(linux\/arm64\)/);
    // one byte flipped in the kubectl binary: named, exit 3
    const member = b.entries.get('tools/linux-amd64/kubectl')!;
    const fd = openSync(output, 'r+');
    writeSync(fd, Buffer.from('#'), 0, 1, member.offset + 3);
    closeSync(fd);
    try {
      verifyBundle(openBundle(output), needed, 'linux/amd64', 'linux-amd64');
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('the bundle member tools/linux-amd64/kubectl is damaged: its SHA-256 is not the one its manifest records');
      expect((e as { exitCode: number }).exitCode).toBe(3);
    }
  });

  it('--pull never: an image absent for the platform is named, exit 3', async () => {
    const env = { ...process.env, MESH_LAB_HOME: join(dir, 'home') };
    const images = localImages();
    images.set('docker.io/istio/pilot:1.30.3', { id: 'sha256:1', platform: 'linux/arm64' });
    const docker = new FakeDockerCli(images);
    await expect(
      createBundle({ output: join(dir, 'n.mlbundle'), platforms: ['linux/amd64'], pull: 'never', images: needed, istioVersion: '1.30.3', profile: 'default', labs: [], kindNodeImage: 'example/node:v1.36.1', runner: docker, env }),
    ).rejects.toThrow('docker.io/istio/pilot:1.30.3 (linux/amd64) is not in the local Docker (it has linux/arm64), and --pull never forbids pulling it');
    expect(docker.pulls).toEqual([]);
  });
});
