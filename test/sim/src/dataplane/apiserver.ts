// A stand-in for kube-apiserver on 6443. It only makes the port answer (kind waits on
// it and mesh-lab may probe it); like a real apiserver it refuses anonymous requests.
// Plain HTTP: the simulator has no certificates, so TLS clients will fail here.
import { createServer, type Server } from 'node:http';

export function startApiServer(port: number, onListening: () => void): Server {
  const server = createServer((req, res) => {
    const body = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: `forbidden: User "system:anonymous" cannot get path "${(req.url ?? '/').split('?')[0]}"`,
      reason: 'Forbidden',
      details: {},
      code: 403,
    });
    res.writeHead(403, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-content-type-options': 'nosniff' });
    res.end(body);
  });
  server.listen(port, '0.0.0.0', onListening);
  return server;
}
