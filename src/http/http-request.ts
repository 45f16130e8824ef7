// HTTP through node:http: Node 20's fetch drops a custom Host header, and tutorials
// route on Host. No proxy is used for ingress checks: the gateway is local or in-lab.
import http from 'node:http';

export interface HttpRequest {
  host: string;
  port: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  elapsedMs: number;
}

const MAX_BODY = 1024 * 1024;

export function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: req.host,
        port: req.port,
        path: req.path,
        method: req.method ?? 'GET',
        headers: { 'user-agent': 'mesh-lab', ...(req.headers ?? {}) },
        timeout: req.timeoutMs ?? 5000,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_BODY) chunks.push(c);
        });
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8'), elapsedMs: Date.now() - started });
        });
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs ?? 5000} ms`), { code: 'ETIMEDOUT' })));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}

/** A short description of a failed request: "connection refused", "timed out". */
export function describeNetworkError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ETIMEDOUT':
      return 'timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'ENOTFOUND':
      return 'host name not found';
    default:
      return (err as Error).message;
  }
}
