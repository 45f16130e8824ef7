// Load and validate a lab folder. Every problem — YAML syntax, schema (unknown field,
// wrong type, missing field), and semantic (step references, files that must exist,
// duplicate ids, bad regexes, unknown {{params}}, manifest syntax) — is collected and
// returned at once, each located as file:line:col of the offending node.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type Scalar,
} from 'yaml';
import type { z } from 'zod';
import { bracedName, findPlaceholders, findStrayBraces, RUNTIME_PARAMS } from './render.js';
import { ACTION_KINDS, CHECK_KINDS, LabSchema } from './schema.js';
import type { Lab, LabError, LoadResult } from './types.js';
import { LAB_DEFAULTS } from './types.js';
import { checkLabNamespace } from './namespace-rule.js';

export const LAB_FILE = 'lab.yaml';

export interface LoadOptions {
  /** The package `templates/` directory; `apply.template` references are checked against it. */
  templatesDir?: string;
  /** File names in errors are shown relative to this directory (default: process.cwd()). */
  displayBase?: string;
}

type PathSeg = string | number;

/** `file:line:col: path: message`, the one-line form of an error. */
export function formatLabError(e: LabError): string {
  return `${e.file}:${e.line}:${e.col}: ${e.path === '' ? '' : `${e.path}: `}${e.message}`;
}

/** All errors, sorted by file then position, one per line. */
export function formatLabErrors(errors: readonly LabError[]): string {
  return sortErrors(errors).map(formatLabError).join('\n');
}

export function sortErrors(errors: readonly LabError[]): LabError[] {
  return [...errors].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

export function pathToString(p: readonly PathSeg[]): string {
  let s = '';
  for (const seg of p) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s;
}

/** Load `<dir>/lab.yaml` and validate it together with the files it references. */
export function loadLab(dir: string, opts: LoadOptions = {}): LoadResult {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, LAB_FILE);
  const shown = displayName(file, opts);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { ok: false, errors: [{ file: shown, line: 1, col: 1, path: '', message: `cannot read lab file: ${(e as Error).message}` }] };
  }
  return validateLabText(text, { ...opts, dir: absDir, file });
}

export interface ValidateContext extends LoadOptions {
  /** Absolute lab folder (manifest and markdown references resolve against it). */
  dir: string;
  /** Absolute path of the lab file (for messages). */
  file: string;
}

/** Validate lab file text (already read) in the context of its folder. */
export function validateLabText(text: string, ctx: ValidateContext): LoadResult {
  const shown = displayName(ctx.file, ctx);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: true, prettyErrors: false, uniqueKeys: true });
  const errors: LabError[] = [];
  const at = (offset: number, p: readonly PathSeg[], message: string): void => {
    const pos = lc.linePos(offset);
    errors.push({ file: shown, line: pos.line, col: pos.col, path: pathToString(p), message });
  };

  for (const e of doc.errors) at(e.pos[0], [], `YAML syntax error: ${firstLine(e.message)}`);
  const syntaxBroken = doc.errors.length > 0;

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    at(0, [], `cannot read YAML: ${(e as Error).message}`);
    return { ok: false, errors: sortErrors(errors) };
  }
  if (raw === null || raw === undefined) {
    if (!syntaxBroken) at(0, [], 'the lab file is empty');
    return { ok: false, errors: sortErrors(errors) };
  }

  const locate = (p: readonly PathSeg[]): Located => locateNode(doc, p);
  const nodeAt = (p: readonly PathSeg[], message: string, preferKey = false): void => {
    const l = locate(p);
    const n = preferKey ? (l.keyNode ?? l.node) : (l.node ?? l.keyNode);
    at(n?.range?.[0] ?? 0, p, message);
  };

  // ---- schema
  const parsed = LabSchema.safeParse(raw);
  if (!parsed.success) {
    // A schema complaint about a node that contains a YAML syntax error is a consequence
    // of that error (the parser's recovery), not news: leave it out.
    const syntaxAt = doc.errors.map((e) => e.pos[0]);
    const inBroken = (p: readonly PathSeg[]): boolean => {
      if (syntaxAt.length === 0) return false;
      for (let k = p.length; k >= Math.max(0, p.length - 1); k--) {
        const l = locate(p.slice(0, k));
        const r = k === p.length || l.depth === k ? (l.node ?? l.keyNode)?.range : undefined;
        if (r && syntaxAt.some((o) => o >= r[0] && o <= r[2])) return true;
      }
      return false;
    };
    for (const issue of parsed.error.issues) {
      const p = issue.path.filter((s): s is PathSeg => typeof s === 'string' || typeof s === 'number');
      if (inBroken(p)) continue;
      reportIssue(issue, raw, nodeAt, locate, at);
    }
  }

  // ---- semantic checks on the raw data (so they run even when the schema failed)
  semanticChecks(raw, ctx, nodeAt, errors);

  if (errors.length > 0 || !parsed.success) return { ok: false, errors: dedupe(sortErrors(errors)) };
  return {
    ok: true,
    value: { lab: parsed.data, dir: ctx.dir, file: ctx.file, digest: createHash('sha256').update(text).digest('hex') },
  };
}

// ------------------------------------------------------------------ locating

interface Located {
  /** The node at the full path, when it exists. */
  node: YamlNode | undefined;
  /** The key of the last map entry reached on the path. */
  keyNode: YamlNode | undefined;
  /** How many segments of the path exist. */
  depth: number;
}

function locateNode(doc: Document.Parsed, p: readonly PathSeg[]): Located {
  let node: unknown = doc.contents;
  let keyNode: YamlNode | undefined;
  let depth = 0;
  for (const seg of p) {
    if (isMap(node)) {
      const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String((it.key as Scalar).value) === String(seg));
      if (!pair) break;
      keyNode = pair.key as YamlNode;
      node = pair.value ?? undefined;
      if (node === undefined) {
        depth++;
        return { node: undefined, keyNode, depth };
      }
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) break;
      node = item;
      keyNode = undefined;
    } else break;
    depth++;
  }
  if (depth < p.length) return { node: node as YamlNode | undefined, keyNode, depth };
  return { node: node as YamlNode | undefined, keyNode, depth };
}

// ------------------------------------------------------------------- schema issues

type Issue = z.core.$ZodIssue;

function reportIssue(
  issue: Issue,
  raw: unknown,
  nodeAt: (p: readonly PathSeg[], message: string, preferKey?: boolean) => void,
  locate: (p: readonly PathSeg[]) => Located,
  at: (offset: number, p: readonly PathSeg[], message: string) => void,
): void {
  const p = issue.path.filter((s): s is PathSeg => typeof s === 'string' || typeof s === 'number');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(p);
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
export function knownKeysAt(p: readonly PathSeg[]): string[] {
  let cur: unknown = LabSchema;
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

function suggest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = levenshtein(key.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j] ?? 0;
      prev[j] = Math.min((prev[j] ?? 0) + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length] ?? 0;
}

// ------------------------------------------------------------------- semantics

type NodeAt = (p: readonly PathSeg[], message: string, preferKey?: boolean) => void;

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function semanticChecks(raw: unknown, ctx: ValidateContext, nodeAt: NodeAt, errors: LabError[]): void {
  if (!isObj(raw)) return; // the schema already said "expected a mapping"

  const lab = raw;
  const dirName = path.basename(ctx.dir);
  if (isStr(lab.id) && lab.id !== dirName) nodeAt(['id'], `id "${lab.id}" must match its folder name "${dirName}"`);
  checkLabNamespace(lab, nodeAt);

  const labParams = new Set<string>([...RUNTIME_PARAMS, ...(isObj(lab.params) ? Object.keys(lab.params) : [])]);
  const hasClient = isObj(lab.client);

  // steps: ids, references, files
  const steps = asArray(lab.steps);
  const firstIndex = new Map<string, number>();
  steps.forEach((s, i) => {
    if (!isObj(s) || !isStr(s.id)) return;
    const prev = firstIndex.get(s.id);
    if (prev !== undefined) nodeAt(['steps', i, 'id'], `duplicate step id "${s.id}" (also steps[${prev}])`);
    else firstIndex.set(s.id, i);
  });
  steps.forEach((s, i) => {
    if (!isObj(s)) return;
    asArray(s.requires).forEach((r, j) => {
      if (!isStr(r)) return;
      const target = firstIndex.get(r);
      if (target === undefined) {
        const hint = suggest(r, [...firstIndex.keys()]);
        nodeAt(['steps', i, 'requires', j], `unknown step "${r}"${hint ? ` (did you mean "${hint}"?)` : ''}`);
      } else if (target === i) nodeAt(['steps', i, 'requires', j], `step "${r}" cannot require itself`);
      else if (target > i) nodeAt(['steps', i, 'requires', j], `step "${r}" comes later (steps[${target}]); "requires" names earlier steps`);
    });
    if (isStr(s.textFile)) checkFile(ctx.dir, s.textFile, ['steps', i, 'textFile'], nodeAt, '.md');
    asArray(s.actions).forEach((a, j) => checkAction(a, ['steps', i, 'actions', j], ctx, labParams, hasClient, nodeAt, errors));
    asArray(s.checks).forEach((c, j) => checkCheck(c, ['steps', i, 'checks', j], hasClient, nodeAt));
  });
  asArray(lab.cleanup).forEach((a, j) => checkAction(a, ['cleanup', j], ctx, labParams, hasClient, nodeAt, errors));
}

function checkFile(dir: string, rel: string, p: PathSeg[], nodeAt: NodeAt, ext?: string): string | undefined {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) {
    nodeAt(p, `"${rel}" must be a relative path inside the lab folder`);
    return undefined;
  }
  if (ext !== undefined && !rel.endsWith(ext)) {
    nodeAt(p, `"${rel}" should be a ${ext} file`);
    return undefined;
  }
  const abs = path.join(dir, rel);
  if (!existsSync(abs) || !statSync(abs).isFile()) {
    nodeAt(p, `file "${rel}" not found in ${path.basename(dir)}/`);
    return undefined;
  }
  return abs;
}

function checkAction(
  a: unknown,
  p: PathSeg[],
  ctx: ValidateContext,
  labParams: ReadonlySet<string>,
  hasClient: boolean,
  nodeAt: NodeAt,
  errors: LabError[],
): void {
  if (!isObj(a)) return;
  const kind = ACTION_KINDS.find((k) => a[k] !== undefined);
  if (kind === undefined) return;
  const body = a[kind];
  const bp = [...p, kind];
  if (kind === 'apply' && isObj(body)) {
    const params = new Set([...labParams, ...(isObj(body.params) ? Object.keys(body.params) : [])]);
    let abs: string | undefined;
    let rel: string | undefined;
    if (isStr(body.manifest)) {
      rel = body.manifest;
      abs = checkFile(ctx.dir, body.manifest, [...bp, 'manifest'], nodeAt);
    } else if (isStr(body.template)) {
      rel = body.template;
      if (ctx.templatesDir !== undefined) abs = checkFile(ctx.templatesDir, body.template, [...bp, 'template'], nodeAt);
    }
    if (abs !== undefined && rel !== undefined) checkManifest(abs, pathToString(bp), params, ctx, errors);
    if (isStr(body.shown)) checkPlaceholders(body.shown, [...bp, 'shown'], params, nodeAt);
  } else if ((kind === 'run' || kind === 'exec') && isObj(body)) {
    if (isStr(body.shown)) checkPlaceholders(body.shown, [...bp, 'shown'], labParams, nodeAt);
    for (const key of ['kubectl', 'istioctl', 'command'] as const)
      asArray(body[key]).forEach((arg, i) => {
        if (isStr(arg)) checkPlaceholders(arg, [...bp, key, i], labParams, nodeAt);
      });
    if (isObj(body.expect) && isStr(body.expect.stdoutRegex)) checkRegex(body.expect.stdoutRegex, [...bp, 'expect', 'stdoutRegex'], nodeAt);
    if (kind === 'exec' && body.pod === undefined && !hasClient)
      nodeAt(bp, 'exec needs "pod", or a lab-level "client" to run in');
  } else if (kind === 'show' && isStr(body)) {
    checkPlaceholders(body, bp, labParams, nodeAt);
  }
}

function checkPlaceholders(text: string, p: PathSeg[], known: ReadonlySet<string>, nodeAt: NodeAt): void {
  for (const { name } of findPlaceholders(text))
    if (!known.has(name)) nodeAt(p, `unknown parameter "{{${name}}}" (known: ${[...known].sort().join(', ')})`);
  if (findStrayBraces(text).length > 0) nodeAt(p, '"{{" does not start a {{name}} placeholder');
}

/** Manifests must be YAML (1.1, as Kubernetes reads them) and use only known parameters. */
function checkManifest(abs: string, usedBy: string, known: ReadonlySet<string>, ctx: ValidateContext, errors: LabError[]): void {
  const shown = displayName(abs, ctx);
  const text = readFileSync(abs, 'utf8');
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { version: '1.1', lineCounter: lc, prettyErrors: false, keepSourceTokens: true });
  const push = (offset: number, message: string): void => {
    const pos = lc.linePos(offset);
    errors.push({ file: shown, line: pos.line, col: pos.col, path: '', message });
  };
  if (!Array.isArray(docs)) return;
  let objects = 0;
  for (const doc of docs) {
    for (const e of doc.errors) push(e.pos[0], `YAML syntax error: ${firstLine(e.message)} (manifest of ${usedBy})`);
    if (doc.errors.length > 0) continue;
    if (doc.contents === null) continue;
    objects++;
    const js: unknown = doc.toJS();
    if (!isObj(js) || !isStr(js.apiVersion) || !isStr(js.kind))
      push(doc.contents.range[0], `a manifest document needs "apiVersion" and "kind" (manifest of ${usedBy})`);
    visit(doc, {
      Map(_k, node) {
        const name = bracedName(node);
        if (name === undefined) return undefined;
        if (!known.has(name)) push(node.range?.[0] ?? 0, unknownParam(name, usedBy, known));
        return visit.SKIP;
      },
      Scalar(_k, node) {
        if (typeof node.value !== 'string' || !node.value.includes('{{')) return;
        const start = node.range?.[0] ?? 0;
        for (const { name } of findPlaceholders(node.value)) if (!known.has(name)) push(start, unknownParam(name, usedBy, known));
        if (findStrayBraces(node.value).length > 0) push(start, `"{{" does not start a {{name}} placeholder (manifest of ${usedBy})`);
      },
    });
  }
  if (objects === 0 && errors.every((e) => e.file !== shown)) push(0, `manifest has no objects (manifest of ${usedBy})`);
}

function unknownParam(name: string, usedBy: string, known: ReadonlySet<string>): string {
  return `unknown parameter "{{${name}}}" (manifest of ${usedBy}; known: ${[...known].sort().join(', ')})`;
}

function checkCheck(c: unknown, p: PathSeg[], hasClient: boolean, nodeAt: NodeAt): void {
  if (!isObj(c)) return;
  const kind = CHECK_KINDS.find((k) => c[k] !== undefined);
  if (kind === undefined) return;
  const body = c[kind];
  const bp = [...p, kind];
  if (!isObj(body)) return;
  if ((kind === 'http' || kind === 'distribution') && isObj(body.request)) {
    if (body.request.via === 'mesh' && body.request.from === undefined && !hasClient)
      nodeAt([...bp, 'request'], 'via: mesh needs "from", or a lab-level "client" to send from');
  }
  if (kind === 'http' && isObj(body.expect)) {
    const e = body.expect;
    for (const k of ['bodyRegex', 'bodyNotRegex'] as const) if (isStr(e[k])) checkRegex(e[k], [...bp, 'expect', k], nodeAt);
    if (isObj(e.headers))
      for (const [h, he] of Object.entries(e.headers)) {
        if (!isObj(he)) continue;
        const n = ['equals', 'regex', 'absent'].filter((k) => he[k] !== undefined).length;
        if (n !== 1) nodeAt([...bp, 'expect', 'headers', h], 'a header expectation needs exactly one of "equals", "regex", "absent"');
        if (isStr(he.regex)) checkRegex(he.regex, [...bp, 'expect', 'headers', h, 'regex'], nodeAt);
      }
    if (typeof e.minLatencyMs === 'number' && typeof e.maxLatencyMs === 'number' && e.minLatencyMs > e.maxLatencyMs)
      nodeAt([...bp, 'expect', 'maxLatencyMs'], 'maxLatencyMs is below minLatencyMs');
    if (e.error === true && (e.status !== undefined || e.bodyRegex !== undefined))
      nodeAt([...bp, 'expect', 'error'], '"error: true" expects no response, so "status"/"bodyRegex" cannot apply');
  }
  if (kind === 'distribution')
    asArray(body.buckets).forEach((b, i) => {
      if (!isObj(b)) return;
      if (isStr(b.bodyRegex)) checkRegex(b.bodyRegex, [...bp, 'buckets', i, 'bodyRegex'], nodeAt);
      if (isObj(b.header) && isStr(b.header.regex)) checkRegex(b.header.regex, [...bp, 'buckets', i, 'header', 'regex'], nodeAt);
    });
  if (kind === 'resource')
    asArray(body.fields).forEach((f, i) => {
      if (isObj(f) && isStr(f.regex)) checkRegex(f.regex, [...bp, 'fields', i, 'regex'], nodeAt);
    });
}

function checkRegex(src: string, p: PathSeg[], nodeAt: NodeAt): void {
  try {
    new RegExp(src);
  } catch (e) {
    nodeAt(p, `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

// ------------------------------------------------------------------- helpers

function displayName(abs: string, opts: LoadOptions): string {
  const rel = path.relative(opts.displayBase ?? process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '');
}

function dedupe(errors: LabError[]): LabError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = formatLabError(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Resolve the steps between `from` and `to` (ids, inclusive), for `--from/--to`. */
export function resolveStepRange(lab: Lab, from?: string, to?: string): { ok: true; steps: Lab['steps'] } | { ok: false; message: string } {
  const ids = lab.steps.map((s) => s.id);
  const find = (id: string, flag: string): number | { message: string } => {
    const i = ids.indexOf(id);
    if (i >= 0) return i;
    const hint = suggest(id, ids);
    return { message: `${flag} ${id}: no such step in lab "${lab.id}"${hint ? ` (did you mean "${hint}"?)` : ''}; steps: ${ids.join(', ')}` };
  };
  const a = from === undefined ? 0 : find(from, '--from');
  if (typeof a !== 'number') return { ok: false, message: a.message };
  const b = to === undefined ? ids.length - 1 : find(to, '--to');
  if (typeof b !== 'number') return { ok: false, message: b.message };
  if (a > b) return { ok: false, message: `--from ${ids[a]} comes after --to ${ids[b]}` };
  return { ok: true, steps: lab.steps.slice(a, b + 1) };
}

/** The lab namespace (default `mesh-lab`). */
export function labNamespace(lab: Lab): string {
  return lab.namespace ?? LAB_DEFAULTS.namespace;
}

/** Requirements of the lab plus those of the given steps (default: all non-optional steps). */
export function effectiveRequirements(lab: Lab, steps: Lab['steps'] = lab.steps.filter((s) => s.optional !== true)): {
  profile: 'default' | 'demo';
  outboundTrafficPolicy: 'ALLOW_ANY' | 'REGISTRY_ONLY';
} {
  const all = [lab.requirements, ...steps.map((s) => s.requirements)];
  let profile: 'default' | 'demo' = 'default';
  let outbound: 'ALLOW_ANY' | 'REGISTRY_ONLY' = 'ALLOW_ANY';
  for (const r of all) {
    if (r?.profile === 'demo') profile = 'demo';
    if (r?.mesh?.outboundTrafficPolicy === 'REGISTRY_ONLY') outbound = 'REGISTRY_ONLY';
  }
  return { profile, outboundTrafficPolicy: outbound };
}

/** Read a step's markdown (inline `text` or its `textFile`). */
export function stepText(loaded: { dir: string }, step: Lab['steps'][number]): string {
  if (step.text !== undefined) return step.text;
  return step.textFile === undefined ? '' : readFileSync(path.join(loaded.dir, step.textFile), 'utf8');
}
