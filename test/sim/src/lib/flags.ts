// A strict, pflag-compatible argument parser for the simulated tools. kind, kubectl,
// istioctl and minikube all parse flags with spf13/pflag (through cobra), so the
// simulator reproduces its rules and its error strings: an unknown flag fails the
// command exactly as the real tool fails it.

// stringSlice is pflag's StringSlice: each occurrence is split on commas and appended.
export type FlagType = 'bool' | 'string' | 'stringArray' | 'stringSlice' | 'int' | 'duration';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** default value, used when the flag is absent */
  def?: unknown;
  /** pflag NoOptDefVal: the value used when the flag is given without "=value" (e.g. kubectl --validate) */
  noOptDefVal?: string;
}

export interface Parsed {
  flags: Record<string, unknown>;
  /** which flags were set explicitly */
  set: Set<string>;
  args: string[];
}

export class FlagError extends Error {}

/** Go time.ParseDuration for the forms the tools accept ("120s", "5m", "1m30s", "300ms", "0"). */
export function parseDuration(raw: string): number {
  if (raw === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  const unit: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw)) !== null) {
    total += Number(m[1]) * unit[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (consumed !== raw.length || raw.length === 0) {
    throw new FlagError(`time: ${/\d/.test(raw) ? 'missing unit in duration' : 'invalid duration'} "${raw}"`);
  }
  return total;
}

function coerce(spec: FlagSpec, raw: string, display: string): unknown {
  switch (spec.type) {
    case 'bool':
      if (['true', '1', 't', 'T', 'TRUE', 'True'].includes(raw)) return true;
      if (['false', '0', 'f', 'F', 'FALSE', 'False'].includes(raw)) return false;
      throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    case 'int':
      if (!/^-?\d+$/.test(raw)) {
        throw new FlagError(`invalid argument "${raw}" for "${display}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`);
      }
      return Number(raw);
    case 'duration':
      try {
        return parseDuration(raw);
      } catch (err) {
        throw new FlagError(`invalid argument "${raw}" for "${display}" flag: ${(err as Error).message}`);
      }
    default:
      return raw;
  }
}

export function parseFlags(argv: string[], specs: FlagSpec[]): Parsed {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags: Record<string, unknown> = {};
  const set = new Set<string>();
  const args: string[] = [];
  for (const s of specs) {
    flags[s.name] = s.def ?? (s.type === 'bool' ? false : s.type === 'stringArray' || s.type === 'stringSlice' ? [] : undefined);
  }

  const assign = (spec: FlagSpec, raw: string, display: string) => {
    const v = coerce(spec, raw, display);
    if (spec.type === 'stringArray' || spec.type === 'stringSlice') {
      const prev = set.has(spec.name) ? (flags[spec.name] as string[]) : [];
      const add = spec.type === 'stringSlice' ? (v as string).split(',').filter((x) => x !== '') : [v as string];
      flags[spec.name] = [...prev, ...add];
    } else {
      flags[spec.name] = v;
    }
    set.add(spec.name);
  };

  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      const display = `--${name}`;
      if (eq !== -1) assign(spec, a.slice(eq + 1), display);
      else if (spec.type === 'bool') assign(spec, 'true', display);
      else if (spec.noOptDefVal !== undefined) assign(spec, spec.noOptDefVal, display);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        assign(spec, argv[++i]!, display);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // Shorthand cluster: -y, -fvalue, -f value, -yf value
      let j = 1;
      while (j < a.length) {
        const c = a[j]!;
        const spec = byShort.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`);
        const display = `-${c}, --${spec.name}`;
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            assign(spec, rest.slice(1), display);
            break;
          }
          assign(spec, 'true', display);
          j++;
          continue;
        }
        if (rest.length > 0) assign(spec, rest.startsWith('=') ? rest.slice(1) : rest, display);
        else if (spec.noOptDefVal !== undefined) assign(spec, spec.noOptDefVal, display);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
          assign(spec, argv[++i]!, display);
        }
        break;
      }
      continue;
    }
    args.push(a);
  }
  return { flags, set, args };
}
