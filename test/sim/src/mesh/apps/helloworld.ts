// Istio's samples/helloworld (Flask under gunicorn on port 5000): GET /hello answers
// "Hello version: <SERVICE_VERSION>, instance: <HOSTNAME>\n"; /health answers
// "Helloworld is healthy"; anything else is Flask's stock 404 page. The image's
// Dockerfile bakes SERVICE_VERSION (v1/v2) in, so the image name decides the default.
import type { HttpResponse } from '../types.js';
import { envValue, type SimApp } from './types.js';

const HTML = 'text/html; charset=utf-8';

const NOT_FOUND =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n' +
  '<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

const NOT_ALLOWED =
  '<!doctype html>\n<html lang=en>\n<title>405 Method Not Allowed</title>\n<h1>Method Not Allowed</h1>\n' +
  '<p>The method is not allowed for the requested URL.</p>\n';

function html(status: number, body: string, extra: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'content-type': HTML, ...extra }, body };
}

export const helloworld: SimApp = {
  id: 'helloworld',
  matches: (image) => /examples-helloworld-v\d+/.test(image),
  listenPorts: () => [5000],
  handle(req, ctx) {
    const path = req.path.split('?')[0];
    if (path !== '/hello' && path !== '/health') return html(404, NOT_FOUND);
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return html(405, NOT_ALLOWED, { allow: 'GET, HEAD, OPTIONS' });
    if (path === '/health') return html(200, 'Helloworld is healthy');
    const image = ctx.container.image ?? '';
    const version = envValue(ctx.container, 'SERVICE_VERSION') ?? /examples-helloworld-(v\d+)/.exec(image)?.[1] ?? 'v1';
    return html(200, `Hello version: ${version}, instance: ${ctx.podName}\n`);
  },
};
