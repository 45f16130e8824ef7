// Can this machine reach host:port? Used to choose among ingress candidates before any
// HTTP is sent. A refused or reset connection means the host answered: the gateway is
// there but has no listener for the port until a Gateway reaches Envoy, which the route
// verification waits out. Only silence (timeout) or no route means unreachable, as with
// node IPs inside Docker Desktop's VM.
import net from 'node:net';

const ANSWERED = new Set(['ECONNREFUSED', 'ECONNRESET']);

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
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const code = err.code ?? err.message;
      done(ANSWERED.has(code), ANSWERED.has(code) ? `${code} (host answered; no listener yet)` : code);
    });
  });
