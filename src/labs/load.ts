// Load a lab folder: read lab.yaml, parse it keeping node positions, validate it against
// the schema of its kinds and the semantic rules, and return the lab or every problem at
// once, each located as file:line:col of the offending node. Locating is in locate.ts,
// schema messages in schema-issues.ts, semantic rules in validate.ts, and questions
// about a loaded lab in model.ts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { LabKinds } from './kinds.js';
import { dedupe, displayName, firstLine, locateNode, pathToString, sortErrors, type Located, type PathSeg } from './locate.js';
import { builtinKinds, labSchemaFor } from './schema.js';
import { reportIssue } from './schema-issues.js';
import type { Lab, LabError, LoadResult } from './types.js';
import { semanticChecks } from './validate.js';

export { formatLabError, formatLabErrors } from './locate.js';
export { effectiveRequirements, labNamespace, resolveStepRange, stepText } from './model.js';

import { LAB_FILE } from './cached-lab.js';
export { LAB_FILE };

export interface LoadOptions {
  /** The package `templates/` directory; `apply.template` references are checked against it. */
  templatesDir?: string;
  /** File names in errors are shown relative to this directory (default: process.cwd()). */
  displayBase?: string;
  /** The check and action kinds the lab may use (default: the built-in ones). */
  kinds?: LabKinds;
}

/** Load `<dir>/lab.yaml` and validate it together with the files it references. */
export function loadLab(dir: string, opts: LoadOptions = {}): LoadResult {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, LAB_FILE);
  const shown = displayName(file, opts.displayBase);
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
  const shown = displayName(ctx.file, ctx.displayBase);
  const kinds = ctx.kinds ?? builtinKinds;
  const schema = labSchemaFor(kinds);
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
  const parsed = schema.safeParse(raw);
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
      reportIssue(issue, schema, raw, nodeAt, locate, at);
    }
  }

  // ---- semantic checks on the raw data (so they run even when the schema failed)
  semanticChecks(raw, { ...ctx, kinds }, nodeAt, errors);

  if (errors.length > 0 || !parsed.success) return { ok: false, errors: dedupe(sortErrors(errors)) };
  return {
    ok: true,
    value: { lab: parsed.data as Lab, dir: ctx.dir, file: ctx.file, digest: createHash('sha256').update(text).digest('hex') },
  };
}

