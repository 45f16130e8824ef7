/**
 * Is a host port free, and if not, who holds it? Linux: /proc/net/tcp{,6} LISTEN
 * sockets matched to /proc/<pid>/fd links; macOS: `lsof` through the runner.
 */
import net from 'node:net';
import { readFile, readdir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ToolRunner } from '../tools/runner.js';

export interface ProcListener {
  address: string;
  port: number;
  uid: number;
  inode: number;
}

function hexIpv4(hex: string): string {
  const bytes = [0, 1, 2, 3].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return bytes.reverse().join('.');
}

function hexIpv6(hex: string): string {
  // Four little-endian 32-bit words.
  const words: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    const le = (word.match(/../g) ?? []).reverse().join('');
    words.push(le.slice(0, 4), le.slice(4, 8));
  }
  const groups = words.map((g) => parseInt(g, 16).toString(16));
  const full = groups.join(':');
  if (full === '0:0:0:0:0:0:0:0') return '::';
  if (full === '0:0:0:0:0:0:0:1') return '::1';
  if (full.startsWith('0:0:0:0:0:ffff:')) {
    const [a = '0', b = '0'] = full.split(':').slice(6);
    const n = (parseInt(a, 16) << 16) | parseInt(b, 16);
    return `::ffff:${[24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.')}`;
  }
  return full;
}

/** LISTEN sockets from the text of /proc/net/tcp or /proc/net/tcp6. */
export function parseProcNetTcp(text: string): ProcListener[] {
  const out: ProcListener[] = [];
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== '0A') continue;
    const [addrHex = '', portHex = ''] = (f[1] ?? '').split(':');
    out.push({
      address: addrHex.length === 8 ? hexIpv4(addrHex) : hexIpv6(addrHex),
      port: parseInt(portHex, 16),
      uid: Number(f[7]),
      inode: Number(f[9]),
    });
  }
  return out;
}

export interface PortHolder {
  address: string;
  pid?: number;
  command?: string;
  uid?: number;
}

export function describeHolder(h: PortHolder): string {
  if (h.pid !== undefined) return `${h.command ?? 'a process'} (pid ${h.pid}) on ${h.address}`;
  return `a process of another user${h.uid !== undefined ? ` (uid ${h.uid})` : ''} on ${h.address}`;
}

/** Linux: who listens on `port`, from /proc (processes of other users show without a pid). */
export async function findPortHoldersLinux(port: number, procRoot = '/proc'): Promise<PortHolder[]> {
  const listeners: ProcListener[] = [];
  for (const f of ['tcp', 'tcp6']) {
    try {
      listeners.push(...parseProcNetTcp(await readFile(join(procRoot, 'net', f), 'utf8')).filter((l) => l.port === port));
    } catch {
      // no IPv6, or no /proc
    }
  }
  if (listeners.length === 0) return [];
  const byInode = new Map(listeners.map((l) => [l.inode, l]));
  const found = new Map<number, PortHolder>();
  let pids: string[] = [];
  try {
    pids = (await readdir(procRoot)).filter((d) => /^\d+$/.test(d));
  } catch {
    pids = [];
  }
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = await readdir(join(procRoot, pid, 'fd'));
    } catch {
      continue; // not ours to look at, or gone
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = await readlink(join(procRoot, pid, 'fd', fd));
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      const l = m ? byInode.get(Number(m[1])) : undefined;
      if (!l || found.has(l.inode)) continue;
      let command: string | undefined;
      try {
        command = (await readFile(join(procRoot, pid, 'comm'), 'utf8')).trim() || undefined;
      } catch {
        command = undefined;
      }
      found.set(l.inode, { address: `${l.address}:${port}`, pid: Number(pid), uid: l.uid, ...(command ? { command } : {}) });
    }
  }
  return listeners.map((l) => found.get(l.inode) ?? { address: `${l.address}:${port}`, uid: l.uid });
}

/** macOS (or anywhere with lsof): `lsof -nP -iTCP:<port> -sTCP:LISTEN -Fpcn`. */
export async function findPortHoldersLsof(port: number, runner: ToolRunner): Promise<PortHolder[]> {
  let stdout: string;
  try {
    stdout = (await runner.run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpcn'], { timeoutMs: 5000 })).stdout;
  } catch {
    return [];
  }
  const out: PortHolder[] = [];
  let pid: number | undefined;
  let command: string | undefined;
  for (const line of stdout.split('\n')) {
    const tag = line[0];
    const val = line.slice(1);
    if (tag === 'p') {
      pid = Number(val);
      command = undefined;
    } else if (tag === 'c') command = val;
    else if (tag === 'n' && pid !== undefined) out.push({ address: val, pid, ...(command ? { command } : {}) });
  }
  return out;
}

export type PortProbe = { free: true } | { free: false; code: string; message: string };

/** Tries to listen on host:port (exclusively) and closes again. */
export function probePort(port: number, host = '127.0.0.1'): Promise<PortProbe> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve({ free: false, code: e.code ?? 'ERROR', message: e.message }));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve({ free: true })));
  });
}
