// Server-side validation of an incoming object against the compact schemas, the way the
// API server does it with kubectl's default --validate=strict (fieldValidation=Strict):
// unknown fields fail decoding as a BadRequest ("strict decoding error: unknown field
// \"spec.foo\""), while type/required/enum violations of a CRD's structural schema fail
// as Invalid with per-field causes (apiextensions-apiserver wording).
import type { FieldSchema } from '../schemas/types.js';
import type { Cause } from './errors.js';

export interface ValidationResult {
  unknown: string[];
  causes: Cause[];
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'object') return `"${typeName(v)}"`;
  return String(v);
}

function typeMatches(t: string, v: unknown): boolean {
  const actual = typeName(v);
  switch (t) {
    case 'int-or-string':
      return actual === 'integer' || actual === 'string';
    case 'number':
      return actual === 'number' || actual === 'integer';
    default:
      return actual === t;
  }
}

export function validate(value: unknown, schema: FieldSchema, strictTypes: boolean): ValidationResult {
  const res: ValidationResult = { unknown: [], causes: [] };
  walk(value, schema, '', res, strictTypes);
  return res;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function walk(v: unknown, s: FieldSchema, path: string, res: ValidationResult, strictTypes: boolean): void {
  if (v === null || v === undefined) return;
  if (s.t && !typeMatches(s.t, v)) {
    // Built-in types fail JSON decoding on a type mismatch; CRDs report an Invalid cause.
    const want = s.t === 'int-or-string' ? 'integer or string' : s.t;
    res.causes.push({ field: path, message: `Invalid value: ${goValue(v)}: ${path} in body must be of type ${want}: "${typeName(v)}"` });
    return;
  }
  if (s.e && !s.e.includes(v)) {
    res.causes.push({ field: path, message: `Unsupported value: ${goValue(v)}: supported values: ${s.e.map((x) => JSON.stringify(x)).join(', ')}` });
  }
  if (typeof v === 'number') {
    if (s.max !== undefined && v > s.max) res.causes.push({ field: path, message: `Invalid value: ${v}: ${path} in body should be less than or equal to ${s.max}` });
    if (s.min !== undefined && v < s.min) res.causes.push({ field: path, message: `Invalid value: ${v}: ${path} in body should be greater than or equal to ${s.min}` });
  }
  if (Array.isArray(v)) {
    if (s.i) v.forEach((item, n) => walk(item, s.i!, `${path}[${n}]`, res, strictTypes));
    return;
  }
  if (typeof v !== 'object') return;
  const obj = v as Record<string, unknown>;
  for (const r of s.r ?? []) {
    if (!(r in obj)) res.causes.push({ field: join(path, r), message: 'Required value' });
  }
  for (const group of s.one ?? []) {
    const exactlyOne = group[0] === '!';
    const keys = exactlyOne ? group.slice(1) : group;
    const present = keys.filter((k) => k in obj).length;
    if (present > 1 || (exactlyOne && present === 0)) {
      res.causes.push({ field: path, message: `Invalid value: "object": ${path} in body must validate one and only one schema (oneOf). Found ${present} valid alternatives` });
    }
  }
  if (s.u && !s.p) return;
  for (const [k, child] of Object.entries(obj)) {
    const p = join(path, k);
    if (s.p && k in s.p) walk(child, s.p[k]!, p, res, strictTypes);
    else if (s.m) walk(child, s.m, p, res, strictTypes);
    else if (!s.u && (s.p || s.t === 'object')) res.unknown.push(p);
  }
}
