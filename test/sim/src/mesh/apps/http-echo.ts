// hashicorp/http-echo: `-listen` (default ":5678") and `-text` (or env ECHO_TEXT);
// every path but /health answers `TEXT\n`; /health answers {"status":"ok"}. Go's
// net/http sniffs the body as text/plain; charset=utf-8. Headers X-App-Name and
// X-App-Version come from its withAppHeaders wrapper.
import type { Container } from '../endpoints.js';
import { envValue, type SimApp } from './types.js';
import { goFlag, portOfListenAddr } from './go-flags.js';

function args(c: Container): string[] {
  // The image's entrypoint is the binary; `command` replaces it, so flags may be in either.
  return [...(c.command ?? []).slice(1), ...(c.args ?? [])];
}

function text(c: Container): string {
  return goFlag(args(c), 'text') || envValue(c, 'ECHO_TEXT') || '';
}

export const httpEcho: SimApp = {
  id: 'http-echo',
  matches: (image) => /(^|\/)http-echo(:|@|$)/.test(image),
  listenPorts(c) {
    const port = portOfListenAddr(goFlag(args(c), 'listen') ?? ':5678');
    return port === undefined ? [] : [port];
  },
  startupError(c) {
    return text(c) === '' ? 'Missing -text option OR ENV var TEXT is empty!' : undefined;
  },
  handle(req, ctx) {
    const statusRaw = goFlag(args(ctx.container), 'status-code');
    const status = statusRaw && /^\d+$/.test(statusRaw) ? Number(statusRaw) : 200;
    const path = req.path.split('?')[0];
    const body = path === '/health' ? '{"status":"ok"}\n' : `${text(ctx.container)}\n`;
    return {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-app-name': 'http-echo', 'x-app-version': '1.0.0' },
      body,
    };
  },
};
