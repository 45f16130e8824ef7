// A small ustar (POSIX.1-1988) writer and reader for bundle files: regular files only,
// names up to 255 bytes (prefix + name), sizes up to 8 GiB (11 octal digits). Members are
// streamed from and to disk in chunks, so a multi-gigabyte bundle never sits in memory.
// Plain `tar -tf` / `tar -xf` read what this writes.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';

const BLOCK = 512;
const CHUNK = 1 << 20;

export interface TarEntry {
  name: string;
  size: number;
  /** byte offset of the member's data in the archive */
  offset: number;
}

export interface TarSource {
  name: string;
  /** a file on disk to copy in */
  path: string;
}

function splitName(name: string): { prefix: string; base: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', base: name };
  for (let i = name.lastIndexOf('/'); i > 0; i = name.lastIndexOf('/', i - 1)) {
    const prefix = name.slice(0, i);
    const base = name.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(base) <= 100) return { prefix, base };
  }
  throw new Error(`tar member name too long for ustar: ${name}`);
}

function header(name: string, size: number, mode: number): Buffer {
  if (size >= 8 ** 11) throw new Error(`tar member too large for ustar: ${name}`);
  const h = Buffer.alloc(BLOCK);
  const { prefix, base } = splitName(name);
  const octal = (n: number, width: number) => `${n.toString(8).padStart(width - 1, '0')}\0`;
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(size, 12), 124);
  h.write(octal(0, 12), 136);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.write(prefix, 345, 155, 'utf8');
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

/** Writes `sources` into a new archive at `dest` (which must not be read meanwhile). */
export function writeTar(dest: string, sources: readonly TarSource[]): void {
  const out = openSync(dest, 'w', 0o644);
  try {
    const buf = Buffer.alloc(CHUNK);
    for (const s of sources) {
      const fd = openSync(s.path, 'r');
      try {
        const st = fstatSync(fd);
        writeSync(out, header(s.name, st.size, st.mode & 0o777));
        let left = st.size;
        while (left > 0) {
          const n = readSync(fd, buf, 0, Math.min(CHUNK, left), null);
          if (n <= 0) throw new Error(`${s.path} shrank while it was being archived`);
          writeSync(out, buf, 0, n);
          left -= n;
        }
        const pad = (BLOCK - (st.size % BLOCK)) % BLOCK;
        if (pad) writeSync(out, Buffer.alloc(pad));
      } finally {
        closeSync(fd);
      }
    }
    writeSync(out, Buffer.alloc(BLOCK * 2));
  } finally {
    closeSync(out);
  }
}

function field(h: Buffer, at: number, len: number): string {
  const raw = h.subarray(at, at + len);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? len : end).toString('utf8');
}

/** The members of an archive (headers only; data is read on demand). Throws on a damaged header. */
export function listTar(file: string): TarEntry[] {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const out: TarEntry[] = [];
    const h = Buffer.alloc(BLOCK);
    let off = 0;
    while (off + BLOCK <= size) {
      readSync(fd, h, 0, BLOCK, off);
      if (h.every((b) => b === 0)) return out;
      let sum = 0;
      for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      if (parseInt(field(h, 148, 8).trim(), 8) !== sum) throw new Error(`damaged tar header at byte ${off}`);
      const memberSize = parseInt(field(h, 124, 12).trim() || '0', 8);
      const prefix = field(h, 345, 155);
      const base = field(h, 0, 100);
      const type = field(h, 156, 1);
      if (type === '0' || type === '') out.push({ name: prefix ? `${prefix}/${base}` : base, size: memberSize, offset: off + BLOCK });
      off += BLOCK + Math.ceil(memberSize / BLOCK) * BLOCK;
    }
    if (off > size) throw new Error('the archive ends inside a member (truncated)');
    return out;
  } finally {
    closeSync(fd);
  }
}

/** Reads one (small) member into memory. */
export function readMember(file: string, e: TarEntry): Buffer {
  const fd = openSync(file, 'r');
  try {
    const b = Buffer.alloc(e.size);
    if (e.size > 0) readSync(fd, b, 0, e.size, e.offset);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** Streams one member through `sink` (chunk by chunk) and returns its SHA-256 (hex). */
export function streamMember(file: string, e: TarEntry, sink?: (chunk: Buffer) => void): string {
  const fd = openSync(file, 'r');
  const hash = createHash('sha256');
  try {
    const buf = Buffer.alloc(CHUNK);
    let pos = e.offset;
    let left = e.size;
    while (left > 0) {
      const n = readSync(fd, buf, 0, Math.min(CHUNK, left), pos);
      if (n <= 0) throw new Error(`the archive ends inside ${e.name}`);
      const chunk = buf.subarray(0, n);
      hash.update(chunk);
      sink?.(chunk);
      pos += n;
      left -= n;
    }
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Copies one member to `dest` and returns its SHA-256 (hex). */
export function extractMember(file: string, e: TarEntry, dest: string, mode = 0o644): string {
  const out = openSync(dest, 'w', mode);
  try {
    return streamMember(file, e, (c) => void writeSync(out, c));
  } finally {
    closeSync(out);
  }
}
