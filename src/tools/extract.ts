/**
 * Streams one member out of a .tar.gz (node:zlib + a small tar reader): ustar names with
 * prefix, GNU long names ("L") and pax "path" records are understood. Used for istioctl,
 * whose standalone archive holds a single top-level `istioctl`.
 */
import { createReadStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { ToolsError, describeError } from './errors.js';

const BLOCK = 512;

class ChunkReader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly it: AsyncIterator<Buffer>) {}

  private async fill(n: number): Promise<boolean> {
    while (this.buf.length < n && !this.done) {
      const r = await this.it.next();
      if (r.done) this.done = true;
      else this.buf = this.buf.length === 0 ? r.value : Buffer.concat([this.buf, r.value]);
    }
    return this.buf.length >= n;
  }

  /** Exactly n bytes, or undefined at end of stream. */
  async read(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) return undefined;
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Streams n bytes to `sink` without holding them all. False if the stream ends first. */
  async pipe(n: number, sink?: (b: Buffer) => Promise<void>): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.buf.length === 0 && !(await this.fill(1))) return false;
      const take = Math.min(left, this.buf.length);
      const part = this.buf.subarray(0, take);
      this.buf = this.buf.subarray(take);
      left -= take;
      if (sink) await sink(part);
    }
    return true;
  }
}

function cString(b: Buffer): string {
  const nul = b.indexOf(0);
  return b.subarray(0, nul === -1 ? b.length : nul).toString('utf8');
}

function parseSize(field: Buffer): number {
  if ((field[0] ?? 0) & 0x80) {
    // base-256 (GNU) for large files
    let n = 0;
    for (let i = 1; i < field.length; i++) n = n * 256 + (field[i] ?? 0);
    return n;
  }
  const s = cString(field).trim();
  return s === '' ? 0 : parseInt(s, 8);
}

function parsePax(data: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let off = 0;
  while (off < data.length) {
    const sp = data.indexOf(0x20, off);
    if (sp === -1) break;
    const len = parseInt(data.subarray(off, sp).toString('utf8'), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, off + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    if (eq > 0) out[rec.slice(0, eq)] = rec.slice(eq + 1);
    off += len;
  }
  return out;
}

export function normalizeMemberName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
}

function checksumOk(header: Buffer): boolean {
  const stored = parseInt(cString(header.subarray(148, 156)).trim() || 'NaN', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
  return stored === sum;
}

/**
 * Extracts `member` from the gzipped tar at `archive` into `dest` (created with O_EXCL,
 * mode 0700, fsynced). Removes `dest` on failure.
 */
export async function extractTarGzMember(archive: string, member: string, dest: string): Promise<{ bytes: number }> {
  const want = normalizeMemberName(member);
  const gunzip = createReadStream(archive).pipe(createGunzip());
  const reader = new ChunkReader((gunzip as AsyncIterable<Buffer>)[Symbol.asyncIterator]());
  const seen: string[] = [];
  let longName: string | undefined;
  let paxPath: string | undefined;
  let ok = false;
  const handle = await open(dest, 'wx', 0o700);
  try {
    for (;;) {
      const header = await reader.read(BLOCK);
      if (!header || header.every((b) => b === 0)) break;
      if (!checksumOk(header)) throw new Error('corrupt tar header (bad checksum)');
      const size = parseSize(header.subarray(124, 136));
      const type = String.fromCharCode(header[156] ?? 0);
      const padded = Math.ceil(size / BLOCK) * BLOCK;
      const ustar = header.subarray(257, 262).toString('latin1') === 'ustar';
      const prefix = ustar ? cString(header.subarray(345, 500)) : '';
      const headerName = prefix ? `${prefix}/${cString(header.subarray(0, 100))}` : cString(header.subarray(0, 100));

      if (type === 'L' || type === 'x' || type === 'g') {
        const data = await reader.read(padded);
        if (!data) throw new Error('archive ends inside a header extension');
        const body = data.subarray(0, size);
        if (type === 'L') longName = cString(body);
        else if (type === 'x') paxPath = parsePax(body)['path'] ?? paxPath;
        continue;
      }
      const name = normalizeMemberName(paxPath ?? longName ?? headerName);
      longName = undefined;
      paxPath = undefined;
      const isFile = type === '0' || type === '\0' || type === '7';
      if (seen.length < 20) seen.push(name);
      if (isFile && name === want) {
        let bytes = 0;
        const complete = await reader.pipe(size, async (b) => {
          let off = 0;
          while (off < b.length) off += (await handle.write(b, off, b.length - off)).bytesWritten;
          bytes += b.length;
        });
        if (!complete) throw new Error(`archive ends inside ${name}`);
        await handle.sync();
        ok = true;
        return { bytes };
      }
      if (!(await reader.pipe(padded))) throw new Error(`archive ends inside ${name}`);
    }
    throw new ToolsError(
      'extract-failed',
      `${want} was not found in ${archive.replace(/^.*\//, '')} (saw ${seen.join(', ') || 'no entries'}); the release layout changed or the mirror serves a different file`,
    );
  } catch (e) {
    if (e instanceof ToolsError) throw e;
    throw new ToolsError('extract-failed', `cannot extract ${want} from ${archive.replace(/^.*\//, '')}: ${describeError(e)}; the download was discarded, retry`, { cause: e });
  } finally {
    gunzip.destroy();
    await handle.close().catch(() => undefined);
    if (!ok) await rm(dest, { force: true }).catch(() => undefined);
  }
}
