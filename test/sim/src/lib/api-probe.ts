// The one probe of the simulated API server (the node container's 6443/8443, published on
// 127.0.0.1). kubectl and istioctl only need the connection to be accepted (a refused one is
// their "connection ... refused" error); kind's and minikube's readiness waits need the
// data plane itself to answer, not just docker-proxy accepting on the published port.
import { createConnection } from 'node:net';

function probe(host: string, port: number, opts: { timeoutMs: number; needAnswer: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port, timeout: opts.timeoutMs });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.once('connect', () => (opts.needAnswer ? s.write('GET /readyz HTTP/1.0\r\n\r\n') : done(true)));
    s.once('data', () => done(true));
    s.once('timeout', () => done(false));
    s.once('error', () => done(false));
    s.once('close', () => done(false));
  });
}

/** Does the simulated API server accept a connection? */
export function apiServerAnswers(host: string, port: number): Promise<boolean> {
  return probe(host, port, { timeoutMs: 2000, needAnswer: false });
}

/** Does it answer a request (readiness: the node's data plane is up behind the published port)? */
export function apiServerReady(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return probe(host, port, { timeoutMs, needAnswer: true });
}
