// What `mesh-lab curl <path>` does once its argv is parsed, shared by commander's action
// (./curl.command.ts) and the entry point's commander-free fast path (cli/fast-argv.ts):
// one code path, whichever parser ran. No commander import here: the fast path must not load it.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import type { Factory } from '../factory.js';
import type { CurlOptions, CurlResult } from './curl.js';

export interface CurlCommandOptions extends CurlOptions {
  path: string;
}

export type CurlRun = (o: CurlCommandOptions) => Promise<CurlResult>;

/** The curl options exactly as commander parses them (defaults included). */
export interface CurlFlags {
  request: string;
  header?: string[];
  host?: string;
  data?: string;
  include: boolean;
  fail: boolean;
  timeout: string;
}

export function defaultCurlRun(f: Factory): CurlRun {
  return async ({ path, ...o }) => {
    const s = await f.lightSession();
    const { runCurl } = await import('./curl.js');
    return runCurl(s, path, o);
  };
}

export async function curlAction(f: Factory, run: CurlRun, path: string, opts: CurlFlags): Promise<void> {
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
}
