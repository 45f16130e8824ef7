// `mesh-lab curl <path>`: flags and options. What it does is curlAction (./curl.action.ts),
// which the entry point's fast path calls too; the request is runCurl (./curl.ts), which
// starts from the light session: no full session, no Docker client, no lab engine.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import { curlAction, defaultCurlRun, type CurlRun } from './curl.action.js';

export { defaultCurlRun, type CurlCommandOptions, type CurlRun } from './curl.action.js';

export function newCurlCommand(f: Factory, run: CurlRun = defaultCurlRun(f)) {
  return new Command('curl')
    .description('send a request through the lab ingress and print status and body')
    .argument('<path>', 'request path, starting with /')
    .option('-X, --request <method>', 'HTTP method', 'GET')
    .option('-H, --header <header...>', 'extra header "Name: value" (repeatable)')
    .option('--host <host>', 'Host header (for Gateway/VirtualService hosts other than *)')
    .option('-d, --data <body>', 'request body')
    .option('-i, --include', 'print response headers', false)
    .option('-f, --fail', 'exit 22 on a non-2xx status', false)
    .option('--timeout <seconds>', 'request timeout', '10')
    .action((path, opts) => curlAction(f, run, path, opts));
}
