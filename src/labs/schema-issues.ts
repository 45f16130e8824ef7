// Turns zod issues into located, readable lab errors: unknown fields with "did you mean",
// missing fields, wrong types, and values no union branch accepts.
import type { z } from 'zod';
import type { Located, PathSeg } from './locate.js';
import { suggest } from './suggest.js';

type NodeAt = (p: readonly PathSeg[], message: string, preferKey?: boolean) => void;

type Issue = z.core.$ZodIssue;

/** Report one schema issue at its node (`schema` lists the allowed keys for "did you mean"). */
export function reportIssue(
  issue: Issue,
  schema: z.ZodType,
  raw: unknown,
  nodeAt: NodeAt,
  locate: (p: readonly PathSeg[]) => Located,
  at: (offset: number, p: readonly PathSeg[], message: string) => void,
): void {
  const p = issue.path.filter((s): s is PathSeg => typeof s === 'string' || typeof s === 'number');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(schema, p);
      for (const key of issue.keys) {
        const hint = suggest(key, known);
        const msg = `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''}`;
        nodeAt([...p, key], msg, true);
      }
      return;
    }
    case 'invalid_type': {
      const value = getIn(raw, p);
      if (value === undefined && p.length > 0) {
        const parent = p.slice(0, -1);
        const l = locate(parent);
        const n = l.node ?? l.keyNode;
        at(n?.range?.[0] ?? 0, p, `missing required field "${String(p[p.length - 1])}"${expectedSuffix(issue.expected)}`);
        return;
      }
      nodeAt(p, `expected ${describeExpected(issue.expected)}, got ${describeValue(value)}`);
      return;
    }
    case 'invalid_union': {
      const value = getIn(raw, p);
      nodeAt(p, `${describeValue(value)} is not allowed here${unionHint(issue)}`);
      return;
    }
    default:
      nodeAt(p, cleanMessage(issue.message));
  }
}

function expectedSuffix(expected: string): string {
  return expected === 'string' || expected === 'number' ? ` (${expected})` : '';
}

function describeExpected(expected: string): string {
  return expected === 'object' ? 'a mapping' : expected === 'array' ? 'a list' : `a ${expected}`;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function unionHint(issue: Issue): string {
  if (issue.code !== 'invalid_union') return '';
  const msgs = issue.errors.map((branch) => branch[0]).filter((x): x is Issue => x !== undefined);
  const expected = [...new Set(msgs.filter((m) => m.code === 'invalid_type').map((m) => (m.code === 'invalid_type' ? m.expected : '')))];
  return expected.length > 0 ? ` (expected ${expected.map((e) => describeExpected(e)).join(' or ')})` : '';
}

function cleanMessage(m: string): string {
  return m.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}

function getIn(v: unknown, p: readonly PathSeg[]): unknown {
  let cur = v;
  for (const seg of p) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

// Minimal walk through the zod schema to list the allowed keys at a path.
interface ZDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  in?: unknown;
}
function defOf(s: unknown): ZDef | undefined {
  return (s as { _zod?: { def?: ZDef } } | undefined)?._zod?.def;
}
function unwrap(s: unknown): unknown {
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = defOf(cur);
    if (d && (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType) cur = d.innerType;
    else if (d && d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}
/** The fields allowed at a path of the schema. */
export function knownKeysAt(schema: z.ZodType, p: readonly PathSeg[]): string[] {
  let cur: unknown = schema;
  for (const seg of p) {
    const d = defOf(unwrap(cur));
    if (!d) return [];
    if (d.type === 'object' && typeof seg === 'string') cur = d.shape?.[seg];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'record') cur = d.valueType;
    else if (d.type === 'union') cur = d.options?.find((o) => defOf(unwrap(o))?.type === 'object');
    else return [];
  }
  const d = defOf(unwrap(cur));
  if (d?.type === 'union') {
    const o = d.options?.map((x) => defOf(unwrap(x))).find((x) => x?.type === 'object');
    return Object.keys(o?.shape ?? {});
  }
  return d?.type === 'object' ? Object.keys(d.shape ?? {}) : [];
}

