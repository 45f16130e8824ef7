// `mesh-lab curl` owns its flags: argv becomes typed CurlOptions for an injected run.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { newCurlCommand, type CurlCommandOptions } from '../../../src/commands/curl/curl.command.js';
import type { CurlResult } from '../../../src/commands/curl/curl.js';
import { fakeFactory } from './fake-factory.js';

const result = {
  url: 'http://127.0.0.1:31380/helloworld',
  endpoint: { host: '127.0.0.1', port: 31380 },
  rediscovered: false,
  response: { status: 503, headers: { 'content-type': 'text/plain' }, body: 'no healthy upstream' },
} as unknown as CurlResult;

const fakeRun = () => vi.fn(async (_o: CurlCommandOptions) => result);

// curl writes the body itself (it is curl's output): caught here, as a terminal would see it
let body: string[] = [];
beforeEach(() => {
  body = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => body.push(String(chunk)) > 0);
});
afterEach(() => {
  process.exitCode = undefined;
  vi.restoreAllMocks();
});

describe('curl command', () => {
  it('parses method, headers, host, data and timeout into typed options', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await newCurlCommand(factory, run).parseAsync(['/helloworld', '-X', 'post', '-H', 'x-user: jason', 'x-b: 1', '--host', 'example.com', '-d', 'hi', '--timeout', '2.5'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toEqual({ path: '/helloworld', method: 'POST', headers: ['x-user: jason', 'x-b: 1'], host: 'example.com', data: 'hi', timeoutSeconds: 2.5 });
  });

  it('defaults: GET, no headers, 10 seconds, no host or body', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await newCurlCommand(factory, run).parseAsync(['/x'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toEqual({ path: '/x', method: 'GET', headers: [], timeoutSeconds: 10 });
  });

  it('a non-positive --timeout is a usage error and nothing is sent', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await expect(newCurlCommand(factory, run).parseAsync(['/x', '--timeout', '0'], { from: 'user' })).rejects.toMatchObject({ exitCode: 2 });
    expect(run).not.toHaveBeenCalled();
  });

  it('--json: one document with status, headers and body; -f sets exit 22 on a non-2xx status', async () => {
    const f = fakeFactory({ json: true });
    await newCurlCommand(f.factory, fakeRun()).parseAsync(['/helloworld', '-f'], { from: 'user' });
    expect(JSON.parse(f.stdout())).toEqual({ url: result.url, status: 503, headers: { 'content-type': 'text/plain' }, body: 'no healthy upstream', rediscovered: false });
    expect(process.exitCode).toBe(22);
  });

  it('human output: the status line (and headers with -i) through the printer, then the body as sent', async () => {
    const f = fakeFactory();
    await newCurlCommand(f.factory, fakeRun()).parseAsync(['/helloworld', '-i'], { from: 'user' });
    expect(f.stdout() + body.join('')).toBe('HTTP 503 http://127.0.0.1:31380/helloworld\ncontent-type: text/plain\n\nno healthy upstream\n');
  });
});
