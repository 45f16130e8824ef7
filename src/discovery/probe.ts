// Can this machine open a TCP connection to host:port? Used to choose among ingress
// candidates before any HTTP is sent.
import net from 'node:net';

export type Probe = (host: string, port: number) => Promise<{ ok: boolean; detail: string }>;

export const tcpProbe: Probe = (host, port) =>
  new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean, detail: string) => {
      socket.destroy();
      resolve({ ok, detail });
    };
    socket.setTimeout(1500, () => done(false, 'timed out'));
    socket.once('connect', () => done(true, 'connected'));
    socket.once('error', (err: NodeJS.ErrnoException) => done(false, err.code ?? err.message));
  });
