/** A tiny ustar writer for test archives (plus GNU long names and pax paths). */
import { gzipSync } from 'node:zlib';

export interface TarEntry {
  name: string;
  data?: Buffer | string;
  type?: 'file' | 'dir' | 'symlink';
  mode?: number;
  linkname?: string;
  /** Encode the name as a GNU "L" record or a pax "x" record instead of the header field. */
  longName?: 'gnu' | 'pax';
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, type: string, mode: number, linkname = ''): Buffer {
  const h = Buffer.alloc(512, 0);
  h.write(name.slice(0, 100), 0, 'utf8');
  h.write(octal(mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(Math.floor(Date.now() / 1000), 12), 136, 'ascii');
  h.write('        ', 148, 'ascii');
  h.write(type, 156, 'ascii');
  h.write(linkname, 157, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

function pad(data: Buffer): Buffer {
  const rem = data.length % 512;
  return rem === 0 ? data : Buffer.concat([data, Buffer.alloc(512 - rem, 0)]);
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let len = body.length + 1;
  while (`${len}${body}`.length !== len) len = `${len}${body}`.length;
  return `${len}${body}`;
}

export function tar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const type = e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0';
    let name = e.name;
    if (e.longName === 'gnu') {
      const n = Buffer.from(`${e.name}\0`);
      parts.push(header('././@LongLink', n.length, 'L', 0o644), pad(n));
      name = e.name.slice(0, 99);
    } else if (e.longName === 'pax') {
      const p = Buffer.from(paxRecord('path', e.name));
      parts.push(header('PaxHeader', p.length, 'x', 0o644), pad(p));
      name = 'short-placeholder';
    }
    parts.push(header(name, type === '0' ? data.length : 0, type, e.mode ?? (type === '5' ? 0o755 : 0o755), e.linkname));
    if (type === '0') parts.push(pad(data));
  }
  parts.push(Buffer.alloc(1024, 0));
  return Buffer.concat(parts);
}

export function tarGz(entries: TarEntry[]): Buffer {
  return gzipSync(tar(entries));
}
