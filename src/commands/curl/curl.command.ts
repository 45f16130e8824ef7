// `mesh-lab curl <path>`: flags, options and output. The request is runCurl (./curl.ts),
// which starts from the light session: no full session, no Docker client, no lab engine.
import { Command } from '@commander-js/extra-typings';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { Factory } from '../factory.js';
import type { CurlOptions, CurlResult } from './curl.js';

export interface CurlCommandOptions extends CurlOptions {
  path: string;
}

export type CurlRun = (o: CurlCommandOptions) => Promise<CurlResult>;

export function defaultCurlRun(f: Factory): CurlRun {
  return async ({ path, ...o }) => {
    const s = await f.lightSession();
    const { runCurl } = await import('./curl.js');
    return runCurl(s, path, o);
  };
}

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
    .action(async (path, opts) => {
      f.environmentName();
      const timeoutSeconds = Number(opts.timeout);
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new MeshLabError(ExitCode.Usage, '--timeout must be a positive number of seconds');
      const r = await run({
        path,
        method: opts.request.toUpperCase(),
        headers: opts.header ?? [],
        timeoutSeconds,
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.data !== undefined ? { data: opts.data } : {}),
      });
      if (f.flags.json) f.printJson({ url: r.url, status: r.response.status, headers: r.response.headers, body: r.response.body, rediscovered: r.rediscovered });
      else {
        const lines = [`HTTP ${r.response.status} ${r.url}`];
        if (opts.include) for (const [k, v] of Object.entries(r.response.headers)) lines.push(`${k}: ${v}`);
        f.printer().out(lines.join('\n'));
        // the body is curl's output as the server sent it: written as is, not as a line
        process.stdout.write(`\n${r.response.body}${r.response.body.endsWith('\n') || r.response.body === '' ? '' : '\n'}`);
      }
      if (opts.fail && (r.response.status < 200 || r.response.status > 299)) process.exitCode = ExitCode.HttpFailure;
    });
}
