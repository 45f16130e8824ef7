// Fallback for images the simulator has no model of: the process listens on the
// container's declared ports and answers every request 200 with a line naming the
// image, so routing still works end to end. Tests that need exact app behaviour
// should register a real model in registry.ts.
import type { SimApp } from './types.js';

export const generic: SimApp = {
  id: 'generic',
  matches: () => true,
  listenPorts: (c) => (c.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.containerPort),
  handle(req, ctx) {
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: `simulated app ${ctx.container.image ?? '?'} (${ctx.podName}): ${req.method} ${req.path}\n`,
    };
  },
};
