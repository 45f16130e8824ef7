// Semantic checks a schema cannot express: id = folder name, step ids and `requires`,
// files that must exist, manifests (YAML 1.1, known `{{params}}`), and each check's and
// action's own rules (its kind's `validate`). They read the raw YAML data, so they run
// even when the schema failed, and every problem is reported at its node.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseAllDocuments, visit } from 'yaml';
import { checkLabNamespace } from './namespace-rule.js';
import { kindOf, type LabKinds, type ValidationScope } from './kinds.js';
import { displayName, firstLine, pathToString, type PathSeg } from './locate.js';
import { bracedName, findPlaceholders, findStrayBraces, RUNTIME_PARAMS } from './render.js';
import { suggest } from './suggest.js';
import type { LabError } from './types.js';

export type NodeAt = (p: readonly PathSeg[], message: string, preferKey?: boolean) => void;

export interface SemanticContext {
  /** Absolute lab folder (manifest and markdown references resolve against it). */
  dir: string;
  templatesDir?: string | undefined;
  displayBase?: string | undefined;
  kinds: LabKinds;
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function semanticChecks(raw: unknown, ctx: SemanticContext, nodeAt: NodeAt, errors: LabError[]): void {
  if (!isObj(raw)) return; // the schema already said "expected a mapping"

  const lab = raw;
  const dirName = path.basename(ctx.dir);
  if (isStr(lab.id) && lab.id !== dirName) nodeAt(['id'], `id "${lab.id}" must match its folder name "${dirName}"`);
  checkLabNamespace(lab, nodeAt);

  // a variant's own params are known in the whole lab (its manifests are the lab's files)
  const variantParams = isObj(lab.variants) ? Object.values(lab.variants).flatMap((v) => (isObj(v) && isObj(v.params) ? Object.keys(v.params) : [])) : [];
  const labParams = new Set<string>([...RUNTIME_PARAMS, ...(isObj(lab.params) ? Object.keys(lab.params) : []), ...variantParams]);
  const hasClient = isObj(lab.client);
  const apis = Array.isArray(lab.apis) ? lab.apis.filter(isStr) : ['istio'];
  const scopeAt = (base: PathSeg[]): ValidationScope => {
    const at = (rel: readonly PathSeg[]): PathSeg[] => [...base, ...rel];
    return {
      hasClient,
      labParams,
      error: (rel, message) => nodeAt(at(rel), message),
      regex: (value, rel) => {
        if (isStr(value)) checkRegex(value, at(rel), nodeAt);
      },
      placeholders: (value, rel, known = labParams) => {
        if (isStr(value)) checkPlaceholders(value, at(rel), known, nodeAt);
      },
      labFile: (rel, p, ext) => checkFile(ctx.dir, rel, at(p), nodeAt, ext),
      templateFile: (rel, p) => (ctx.templatesDir === undefined ? undefined : checkFile(ctx.templatesDir, rel, at(p), nodeAt)),
      manifest: (abs, known) => checkManifest(abs, pathToString(base), known, ctx, errors),
    };
  };
  const checkAction = (a: unknown, p: PathSeg[]): void => {
    const k = kindOf(ctx.kinds.actions, a);
    k?.kind.validate?.(k.body, scopeAt([...p, k.kind.name]));
  };
  const checkCheck = (c: unknown, p: PathSeg[]): void => {
    const k = kindOf(ctx.kinds.checks, c);
    if (k && isObj(k.body)) k.kind.validate?.(k.body, scopeAt([...p, k.kind.name]));
  };

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
    asArray(s.actions).forEach((a, j) => checkAction(a, ['steps', i, 'actions', j]));
    asArray(s.checks).forEach((c, j) => checkCheck(c, ['steps', i, 'checks', j]));
    if (isObj(s.shared)) {
      asArray(s.shared.actions).forEach((a, j) => checkAction(a, ['steps', i, 'shared', 'actions', j]));
      asArray(s.shared.checks).forEach((c, j) => checkCheck(c, ['steps', i, 'shared', 'checks', j]));
    }
    if (isObj(s.variants)) {
      for (const [api, v] of Object.entries(s.variants)) {
        if (!isObj(v)) continue;
        const at: PathSeg[] = ['steps', i, 'variants', api];
        if (!apis.includes(api)) nodeAt(at, `variant "${api}" of a lab whose apis are ${apis.join(', ')} (add it to "apis")`, true);
        if (isStr(v.textFile)) checkFile(ctx.dir, v.textFile, [...at, 'textFile'], nodeAt, '.md');
        asArray(v.actions).forEach((a, j) => checkAction(a, [...at, 'actions', j]));
        asArray(v.checks).forEach((c, j) => checkCheck(c, [...at, 'checks', j]));
      }
    }
  });
  asArray(lab.cleanup).forEach((a, j) => checkAction(a, ['cleanup', j]));
  if (isObj(lab.variants)) {
    for (const [api, v] of Object.entries(lab.variants)) {
      if (!apis.includes(api)) nodeAt(['variants', api], `variant "${api}" of a lab whose apis are ${apis.join(', ')} (add it to "apis")`, true);
      if (isObj(v)) asArray(v.cleanup).forEach((a, j) => checkAction(a, ['variants', api, 'cleanup', j]));
    }
  }
  const req = isObj(lab.requirements) ? lab.requirements : {};
  if (req.gatewayApi === true && !apis.includes('gateway-api')) nodeAt(['requirements', 'gatewayApi'], 'requirements.gatewayApi needs "gateway-api" in "apis"');
}

function checkFile(dir: string, rel: string, p: readonly PathSeg[], nodeAt: NodeAt, ext?: string): string | undefined {
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

function checkPlaceholders(text: string, p: readonly PathSeg[], known: ReadonlySet<string>, nodeAt: NodeAt): void {
  for (const { name } of findPlaceholders(text))
    if (!known.has(name)) nodeAt(p, `unknown parameter "{{${name}}}" (known: ${[...known].sort().join(', ')})`);
  if (findStrayBraces(text).length > 0) nodeAt(p, '"{{" does not start a {{name}} placeholder');
}

/** Manifests must be YAML (1.1, as Kubernetes reads them) and use only known parameters. */
function checkManifest(abs: string, usedBy: string, known: ReadonlySet<string>, ctx: SemanticContext, errors: LabError[]): void {
  const shown = displayName(abs, ctx.displayBase);
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

function checkRegex(src: string, p: readonly PathSeg[], nodeAt: NodeAt): void {
  try {
    new RegExp(src);
  } catch (e) {
    nodeAt(p, `invalid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}


