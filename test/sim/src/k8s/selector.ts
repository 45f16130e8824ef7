// Label selectors (k8s.io/apimachinery/pkg/labels): `a=b`, `a==b`, `a!=b`, `a`, `!a`,
// `a in (x,y)`, `a notin (x)`, comma-joined. A malformed selector fails like kubectl.
import { ApiError } from './errors.js';

type Req = (labels: Record<string, string>) => boolean;

function splitTop(sel: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of sel) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;

function parseOne(req: string, whole: string): Req {
  let m: RegExpMatchArray | null;
  if ((m = req.match(/^(\S+)\s+(in|notin)\s+\(([^)]*)\)$/))) {
    const [, key, op, list] = m as unknown as [string, string, string, string];
    const vals = list.split(',').map((v) => v.trim());
    return op === 'in' ? (l) => key in l && vals.includes(l[key]!) : (l) => !(key in l) || !vals.includes(l[key]!);
  }
  if ((m = req.match(/^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/))) {
    const [, key, op, val] = m as unknown as [string, string, string, string];
    if (!KEY.test(key)) throw bad(whole);
    return op === '!=' ? (l) => l[key] !== val : (l) => l[key] === val;
  }
  if ((m = req.match(/^!\s*(\S+)$/))) {
    const key = m[1]!;
    return (l) => !(key in l);
  }
  if (KEY.test(req)) return (l) => req in l;
  throw bad(whole);
}

function bad(sel: string): ApiError {
  return new ApiError('', `unable to parse requirement: found '${sel}', expected: identifier`);
}

export function parseSelector(sel: string | undefined): Req {
  if (!sel) return () => true;
  const reqs = splitTop(sel).map((r) => parseOne(r, sel));
  return (labels) => reqs.every((r) => r(labels));
}
