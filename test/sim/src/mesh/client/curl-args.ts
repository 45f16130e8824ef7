// curl's command line (8.11, as in curlimages/curl:8.11.1), for the options the labs and
// the lab executor use. curl has no `--opt=value` form and lets short options cluster
// (`-sSI`, `-sSo FILE`); an option that takes a value consumes the rest of its cluster
// or the next word. Usage errors exit 2 with curl's own two lines.

export interface CurlOptions {
  urls: string[];
  silent: boolean;
  noProgress: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  fail: boolean;
  location: boolean;
  output?: string;
  writeOut?: string;
  dumpHeader?: string;
  headers: string[];
  method?: string;
  data?: string;
  userAgent?: string;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
}

export class CurlUsageError extends Error {}

type Kind = 'bool' | 'value';
interface Opt {
  long: string;
  short?: string;
  kind: Kind;
  apply(o: CurlOptions, v: string): void;
}

function seconds(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || v.trim() === '') throw new CurlUsageError(`option --${name}: expected a proper numerical parameter`);
  return n * 1000;
}

const OPTS: Opt[] = [
  { long: 'silent', short: 's', kind: 'bool', apply: (o) => (o.silent = true) },
  { long: 'show-error', short: 'S', kind: 'bool', apply: (o) => (o.showError = true) },
  { long: 'head', short: 'I', kind: 'bool', apply: (o) => (o.head = true) },
  { long: 'include', short: 'i', kind: 'bool', apply: (o) => (o.include = true) },
  { long: 'verbose', short: 'v', kind: 'bool', apply: (o) => (o.verbose = true) },
  { long: 'fail', short: 'f', kind: 'bool', apply: (o) => (o.fail = true) },
  { long: 'location', short: 'L', kind: 'bool', apply: (o) => (o.location = true) },
  { long: 'insecure', short: 'k', kind: 'bool', apply: () => undefined },
  { long: 'no-progress-meter', kind: 'bool', apply: (o) => (o.noProgress = true) },
  { long: 'http1.1', kind: 'bool', apply: () => undefined },
  { long: 'output', short: 'o', kind: 'value', apply: (o, v) => (o.output = v) },
  { long: 'write-out', short: 'w', kind: 'value', apply: (o, v) => (o.writeOut = v) },
  { long: 'dump-header', short: 'D', kind: 'value', apply: (o, v) => (o.dumpHeader = v) },
  { long: 'header', short: 'H', kind: 'value', apply: (o, v) => o.headers.push(v) },
  { long: 'request', short: 'X', kind: 'value', apply: (o, v) => (o.method = v) },
  { long: 'data', short: 'd', kind: 'value', apply: (o, v) => (o.data = o.data === undefined ? v : `${o.data}&${v}`) },
  { long: 'data-raw', kind: 'value', apply: (o, v) => (o.data = o.data === undefined ? v : `${o.data}&${v}`) },
  { long: 'user-agent', short: 'A', kind: 'value', apply: (o, v) => (o.userAgent = v) },
  { long: 'max-time', short: 'm', kind: 'value', apply: (o, v) => (o.maxTimeMs = seconds(v, 'max-time')) },
  { long: 'connect-timeout', kind: 'value', apply: (o, v) => (o.connectTimeoutMs = seconds(v, 'connect-timeout')) },
  { long: 'url', kind: 'value', apply: (o, v) => o.urls.push(v) },
];

/** Options real curl has that the simulator does not model: refused loudly rather than ignored. */
const UNSIMULATED = new Set(['cacert', 'cert', 'key', 'resolve', 'connect-to', 'proxy', 'x', 'upload-file', 'T', 'form', 'F', 'cookie', 'b', 'http2', 'http3', 'compressed', 'retry', 'parallel', 'Z', 'config', 'K', 'next', ':']);

export const USAGE_HINT = "curl: try 'curl --help' or 'curl --manual' for more information\n";

export function parseCurlArgs(argv: string[]): CurlOptions {
  const o: CurlOptions = { urls: [], silent: false, noProgress: false, showError: false, head: false, include: false, verbose: false, fail: false, location: false, headers: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      let name = a.slice(2);
      // --no-X turns a boolean off, as in curl.
      const negated = name.startsWith('no-') && OPTS.some((x) => x.long === name.slice(3) && x.kind === 'bool');
      if (negated) name = name.slice(3);
      const opt = OPTS.find((x) => x.long === name);
      if (!opt) {
        if (UNSIMULATED.has(name)) throw new CurlUsageError(`option --${name}: not simulated by the mesh-lab simulator`);
        throw new CurlUsageError(`option ${a}: is unknown`);
      }
      if (opt.kind === 'bool') {
        if (!negated) opt.apply(o, '');
        else if (name === 'silent') o.silent = false;
        continue;
      }
      if (i + 1 >= argv.length) throw new CurlUsageError(`option ${a}: requires parameter`);
      opt.apply(o, argv[++i]!);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        const opt = OPTS.find((x) => x.short === c);
        if (!opt) {
          if (UNSIMULATED.has(c)) throw new CurlUsageError(`option -${c}: not simulated by the mesh-lab simulator`);
          throw new CurlUsageError(`option -${c}: is unknown`);
        }
        if (opt.kind === 'bool') {
          opt.apply(o, '');
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest !== '') opt.apply(o, rest);
        else if (i + 1 < argv.length) opt.apply(o, argv[++i]!);
        else throw new CurlUsageError(`option -${c}: requires parameter`);
        break;
      }
      continue;
    }
    o.urls.push(a);
  }
  if (o.urls.length === 0) throw new CurlUsageError('no URL specified');
  return o;
}

/** curl guesses http:// for a URL without a scheme. */
export function normalizeUrl(raw: string): { url?: URL; error?: { code: number; message: string } } {
  const withScheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(raw) ? raw : `http://${raw}`;
  const scheme = withScheme.slice(0, withScheme.indexOf(':')).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { error: { code: 1, message: `Protocol "${scheme}" not supported` } };
  try {
    return { url: new URL(withScheme) };
  } catch {
    return { error: { code: 3, message: 'URL rejected: Malformed input to a URL function' } };
  }
}
