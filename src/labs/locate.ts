// Where a problem is: YAML node positions as file:line:col, and the one-line error form.
import path from 'node:path';
import { isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { PathSeg } from './kinds.js';
import type { LabError } from './types.js';

export type { PathSeg };

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

export interface Located {
  /** The node at the full path, when it exists. */
  node: YamlNode | undefined;
  /** The key of the last map entry reached on the path. */
  keyNode: YamlNode | undefined;
  /** How many segments of the path exist. */
  depth: number;
}

export function locateNode(doc: Document.Parsed, p: readonly PathSeg[]): Located {
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

/** A file name as shown in errors: relative to `base` (default: the working directory) when inside it. */
export function displayName(abs: string, base?: string): string {
  const rel = path.relative(base ?? process.cwd(), abs);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export function firstLine(s: string): string {
  return (s.split('\n')[0] ?? s).replace(/ at line \d+, column \d+:?$/, '');
}

export function dedupe(errors: LabError[]): LabError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = formatLabError(e);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

