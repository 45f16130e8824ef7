// Builds the simulated kind node image. No registry is reachable in CI sandboxes, so
// the image is assembled from this host: the `node` binary plus the shared libraries
// `ldd` lists (and busybox for `docker exec` debugging), imported with `docker
// import`. The tag is a hash of the exact bytes that go in, so rebuilding is skipped
// whenever an identical image already exists.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, createReadStream, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const NODE_IMAGE_REPO = 'mesh-lab-sim-node';
/** Bump when the layout below changes, so old tags are not reused. */
const LAYOUT_VERSION = '2';
const CMD = ['node', '/sim/.build/dataplane/main.js'];

export interface NodeImage {
  tag: string;
  built: boolean;
  ms: number;
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error?.message}`);
  return r.stdout;
}

/** Absolute paths of the node binary and every library the dynamic loader needs. */
export function hostFiles(nodeBin = realpathSync(process.execPath)): string[] {
  const files = new Set<string>([nodeBin]);
  for (const line of run('ldd', [nodeBin]).split('\n')) {
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) files.add(m[1]!);
  }
  if (existsSync('/bin/busybox')) files.add('/bin/busybox');
  return [...files].sort();
}

function hashFile(hash: ReturnType<typeof createHash>, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    createReadStream(file)
      .on('data', (c) => hash.update(c))
      .on('end', () => resolve())
      .on('error', reject);
  });
}

export async function contentTag(files: string[]): Promise<string> {
  const hash = createHash('sha256').update(`layout ${LAYOUT_VERSION}\n${JSON.stringify(CMD)}\n`);
  for (const f of files) {
    hash.update(`${f}\n`);
    await hashFile(hash, f);
  }
  return `${NODE_IMAGE_REPO}:${hash.digest('hex').slice(0, 16)}`;
}

function imageExists(tag: string): boolean {
  return spawnSync('docker', ['image', 'inspect', tag], { stdio: 'ignore' }).status === 0;
}

/** Copies the host files (symlinks resolved) to the same paths under `dir`. */
function stageHostFiles(dir: string, files: string[]): void {
  for (const f of files) {
    const dest = join(dir, f);
    mkdirSync(dirname(dest), { recursive: true });
    copyFileSync(realpathSync(f), dest);
    chmodSync(dest, statSync(f).mode & 0o777);
  }
}

/** Small files the container needs besides the host binaries. */
function stageExtras(dir: string, withBusybox: boolean): void {
  mkdirSync(join(dir, 'sim'), { recursive: true });
  // The sim build is ESM; without a package.json above it node would treat it as CommonJS.
  writeFileSync(join(dir, 'sim', 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(dir, 'etc'), { recursive: true });
  writeFileSync(join(dir, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/sh\n');
  writeFileSync(join(dir, 'etc', 'group'), 'root:x:0:\n');
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  mkdirSync(join(dir, 'store'), { recursive: true });
  if (withBusybox) {
    mkdirSync(join(dir, 'bin'), { recursive: true });
    for (const applet of ['sh', 'ls', 'cat', 'ps', 'wget', 'netstat']) symlinkSync('busybox', join(dir, 'bin', applet));
  }
}

/** Streams a tarball of the staged root filesystem into `docker import`. */
function importTarball(tag: string, stage: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-c', '-f', '-', '--owner=0', '--group=0', '-C', stage, '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const imp = spawn(
      'docker',
      ['import', '--change', `CMD ${JSON.stringify(CMD)}`, '--change', 'ENV PATH=/usr/local/bin:/usr/bin:/bin', '--change', 'LABEL dev.mesh-lab.sim.image=node', '-', tag],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    );
    tar.stdout.pipe(imp.stdin);
    let err = '';
    tar.stderr.on('data', (c) => (err += String(c)));
    imp.stderr.on('data', (c) => (err += String(c)));
    imp.on('error', reject);
    tar.on('error', reject);
    const exit = (p: import('node:child_process').ChildProcess) => new Promise<number | null>((res) => p.on('close', res));
    void Promise.all([exit(tar), exit(imp)]).then(([t, d]) => {
      if (t === 0 && d === 0) resolve();
      else reject(new Error(`tar | docker import failed (tar ${t}, docker ${d}): ${err}`));
    });
  });
}

export async function ensureNodeImage(): Promise<NodeImage> {
  const started = Date.now();
  const files = hostFiles();
  const tag = await contentTag(files);
  if (imageExists(tag)) return { tag, built: false, ms: Date.now() - started };
  const stage = mkdtempSync(join(tmpdir(), 'mesh-lab-node-image-'));
  try {
    stageHostFiles(stage, files);
    stageExtras(stage, files.includes('/bin/busybox'));
    await importTarball(tag, stage);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return { tag, built: true, ms: Date.now() - started };
}
