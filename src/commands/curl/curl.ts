// `mesh-lab curl <path>`: one request through the lab's ingress. Uses the saved endpoint;
// when that no longer answers (cluster restarted, port changed) it rediscovers once.
// Only the request path is imported up front; rediscovery (kubectl, the providers, the
// full state store) is loaded when it is needed, so a working lab answers fast.
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { describeNetworkError, httpRequest, type HttpResponse } from '../../http/http-request.js';
import { requireSavedEndpoint, type LightSession } from '../../session/light-session.js';
import { requireEnvironment } from '../../session/require-environment.js';
import type { IngressEndpoint } from '../../state/environment-state.js';

export interface CurlOptions {
  method: string;
  headers: string[];
  host?: string;
  data?: string;
  timeoutSeconds: number;
}

export interface CurlResult {
  url: string;
  endpoint: IngressEndpoint;
  rediscovered: boolean;
  response: HttpResponse;
}

export function parseHeaders(raw: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of raw) {
    const i = h.indexOf(':');
    if (i <= 0) throw new MeshLabError(ExitCode.Usage, `header "${h}" is not "Name: value"`, { hint: 'e.g. -H "x-user: jason"' });
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

export function validatePath(path: string): void {
  if (!path.startsWith('/')) {
    throw new MeshLabError(ExitCode.Usage, `path "${path}" must start with /`, { hint: `did you mean /${path}?` });
  }
}

// RFC 9110 §9.1: method = token; §5.6.2: token = 1*tchar,
// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function validateMethod(method: string): void {
  if (!TOKEN.test(method)) {
    throw new MeshLabError(ExitCode.Usage, `-X "${method}" is not an HTTP method`, { hint: 'a method is one word of letters, digits or !#$%&\'*+-.^_`|~, e.g. -X POST' });
  }
}

export async function runCurl(ctx: LightSession, path: string, o: CurlOptions): Promise<CurlResult> {
  validatePath(path);
  validateMethod(o.method);
  const headers = parseHeaders(o.headers);
  const saved = await requireSavedEndpoint(ctx);
  // a joined environment's routes answer only on the attendee's host (--host still wins)
  if (o.host) headers.host = o.host;
  else if (saved.workshopHost && headers.host === undefined) headers.host = saved.workshopHost;
  let endpoint = saved.ingress;
  const send = (e: IngressEndpoint) =>
    httpRequest({ host: e.host, port: e.port, path, method: o.method, headers, timeoutMs: o.timeoutSeconds * 1000, ...(o.data !== undefined ? { body: o.data } : {}) });
  let rediscovered = false;
  let response: HttpResponse;
  try {
    response = await send(endpoint);
  } catch (first) {
    // a port-forward keeps its port for the lab's life: rediscovery would not find another
    if (saved.workshopHost) {
      // an attendee cannot rediscover the shared ingress (their Role stops at their namespace)
      throw new MeshLabError(ExitCode.Prerequisite, `the workshop's ingress at ${endpoint.host}:${endpoint.port} does not answer (${describeNetworkError(first)}): the workshop may be over`, {
        hint: 'check with your instructor that the workshop is running',
      });
    }
    if (endpoint.source === 'port-forward') {
      const { forwardNoAnswer } = await import('../../discovery/port-forward-health.js');
      throw forwardNoAnswer(ctx.paths.dir, endpoint, describeNetworkError(first));
    }
    ctx.printer.verbose(`${endpoint.host}:${endpoint.port} did not answer (${describeNetworkError(first)}); rediscovering the ingress`);
    const session = await ctx.session();
    const state = requireEnvironment(session);
    try {
      const [{ discoverIngress }, { Kubectl }, { providerFromState }] = await Promise.all([
        import('../../discovery/discover-ingress.js'),
        import('../../kube/kubectl.js'),
        import('../../providers/create-provider.js'),
      ]);
      const provider = providerFromState(session, state);
      const kubectl = new Kubectl(session.runner, provider.access());
      endpoint = (await discoverIngress(kubectl, provider)).endpoint;
      session.store.write({ ...state, ingress: endpoint });
      rediscovered = true;
      response = await send(endpoint);
    } catch (err) {
      if (err instanceof MeshLabError) throw err;
      throw new MeshLabError(ExitCode.VerificationFailed, `no answer from the ingress at ${endpoint.host}:${endpoint.port} (${describeNetworkError(err)})`, {
        hint: 'check the lab with `mesh-lab status`; `mesh-lab up` repairs it',
      });
    }
  }
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  return { url: `http://${host}:${endpoint.port}${path}`, endpoint, rediscovered, response };
}
