// common.GetFreePort: ask the kernel for a free port on the listen address. (kind
// holds the listener until all ports are picked; the simulator picks one at a time.)
import { createServer } from 'node:net';

export function freePort(listenAddr: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, listenAddr, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
