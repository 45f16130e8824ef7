import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { checksumMismatch, parseChecksumFile, sha256File } from '../../../src/tools/verify.js';
import { extractTarGzMember } from '../../../src/tools/extract.js';
import { ToolsError } from '../../../src/tools/errors.js';
import { tarGz } from './helpers/tar.js';
import { sha256 } from './helpers/server.js';
import { listFiles, tempDir } from './helpers/fs.js';

const H = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

describe('parseChecksumFile', () => {
  it('reads bare hashes (kubectl, minikube)', () => {
    expect(parseChecksumFile(`${H}\n`, 'kubectl')).toBe(H);
    expect(parseChecksumFile(H.toUpperCase(), 'kubectl')).toBe(H);
  });
  it('reads sha256sum/shasum lines (kind, istio), picking the named asset', () => {
    expect(parseChecksumFile(`${H}  kind-linux-amd64\n`, 'kind-linux-amd64')).toBe(H);
    expect(parseChecksumFile(`${H2} *other\n${H}  ./out/istioctl-1.30.3-linux-amd64.tar.gz\n`, 'istioctl-1.30.3-linux-amd64.tar.gz')).toBe(H);
    expect(parseChecksumFile(`SHA256 (kind-darwin-arm64) = ${H}\n`, 'kind-darwin-arm64')).toBe(H);
  });
  it('refuses files without a usable hash', () => {
    expect(() => parseChecksumFile('<html>rate limited</html>', 'kind-linux-amd64')).toThrow(/no SHA-256 for kind-linux-amd64/);
    expect(() => parseChecksumFile(`${H}  a\n${H2}  b\n`, 'c')).toThrow(ToolsError);
  });
  it('mismatch errors are one line with both hashes in the detail', () => {
    const e = checksumMismatch('kind v0.32.0 (linux-amd64)', H, H2, 'published at x');
    expect(e.code).toBe('checksum-mismatch');
    expect(e.message).not.toContain('\n');
    expect(e.detail).toContain(H);
    expect(e.detail).toContain(H2);
  });
});

describe('extractTarGzMember', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(async () => cleanup());

  const big = Buffer.alloc(300_000, 7);

  it('extracts a member past directories, symlinks, GNU long names and pax paths', async () => {
    const archive = join(dir, 'a.tar.gz');
    const longPath = `istio-1.30.3/${'d'.repeat(120)}/x`;
    await writeFile(
      archive,
      tarGz([
        { name: 'istio-1.30.3/', type: 'dir' },
        { name: 'istio-1.30.3/README.md', data: 'hello' },
        { name: 'istio-1.30.3/link', type: 'symlink', linkname: 'README.md' },
        { name: longPath, data: 'gnu', longName: 'gnu' },
        { name: `${longPath}2`, data: 'pax', longName: 'pax' },
        { name: './istio-1.30.3/bin/istioctl', data: big },
      ]),
    );
    expect(await extractTarGzMember(archive, 'istio-1.30.3/bin/istioctl', join(dir, 'out'))).toEqual({ bytes: big.length });
    expect(await readFile(join(dir, 'out'))).toEqual(big);
    await extractTarGzMember(archive, longPath, join(dir, 'gnu'));
    expect(await readFile(join(dir, 'gnu'), 'utf8')).toBe('gnu');
    await extractTarGzMember(archive, `${longPath}2`, join(dir, 'pax'));
    expect(await readFile(join(dir, 'pax'), 'utf8')).toBe('pax');
  });

  it('reads archives made by the system tar too', async () => {
    await writeFile(join(dir, 'istioctl'), big, { mode: 0o755 });
    try {
      execFileSync('tar', ['-czf', join(dir, 'sys.tar.gz'), '-C', dir, 'istioctl']);
    } catch {
      return; // no tar on this machine
    }
    await extractTarGzMember(join(dir, 'sys.tar.gz'), 'istioctl', join(dir, 'out'));
    expect(await sha256File(join(dir, 'out'))).toBe(sha256(big));
  });

  it('names what it saw when the member is missing, and leaves no output', async () => {
    const archive = join(dir, 'a.tar.gz');
    await writeFile(archive, tarGz([{ name: 'kubectl', data: 'x' }]));
    await expect(extractTarGzMember(archive, 'istioctl', join(dir, 'out'))).rejects.toThrow(/istioctl was not found in a\.tar\.gz \(saw kubectl\)/);
    expect(await listFiles(dir)).toEqual(['a.tar.gz']);
  });

  it('fails cleanly on a corrupt or truncated archive', async () => {
    const good = tarGz([{ name: 'istioctl', data: big }]);
    await writeFile(join(dir, 'cut.tar.gz'), good.subarray(0, Math.floor(good.length / 2)));
    await expect(extractTarGzMember(join(dir, 'cut.tar.gz'), 'istioctl', join(dir, 'out'))).rejects.toMatchObject({ code: 'extract-failed' });
    await writeFile(join(dir, 'junk.tar.gz'), gzipSync(Buffer.alloc(2048, 0x41)));
    await expect(extractTarGzMember(join(dir, 'junk.tar.gz'), 'istioctl', join(dir, 'out'))).rejects.toThrow(/corrupt tar header/);
    await writeFile(join(dir, 'plain.tar.gz'), 'not gzip at all');
    await expect(extractTarGzMember(join(dir, 'plain.tar.gz'), 'istioctl', join(dir, 'out'))).rejects.toMatchObject({ code: 'extract-failed' });
    expect((await listFiles(dir)).includes('out')).toBe(false);
  });
});
