import { Socket } from 'node:net';

/** Does the simulated API server (the node container's 6443/8443, published on 127.0.0.1) accept a connection? */
export function apiServerAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => done(false));
    s.once('error', () => done(false));
    s.connect(port, host, () => done(true));
  });
}
