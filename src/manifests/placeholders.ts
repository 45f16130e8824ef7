// The one `{{ name }}` engine, for the templates `up` renders (templates/) and for lab
// manifests and commands (labs/). One name rule: a letter, then letters, digits or "_".
//
// YAML is parsed first (as YAML 1.1, the dialect Kubernetes' sigs.k8s.io/yaml reads) and
// parameters are substituted per *scalar*, never into raw text, so a value cannot change
// a document's structure. A scalar that is exactly one placeholder takes the parameter's
// type (`replicas: "{{ n }}"` with n=2 is the number 2, a list stays a list); a placeholder
// inside a longer scalar is string interpolation. Output is YAML 1.1, so a string such as
// "on" comes out quoted and Kubernetes reads it as written.
import { isMap, isScalar, parseAllDocuments, visit, type Document, type Scalar, type YAMLMap } from 'yaml';

/** A parameter name: a letter, then letters, digits or "_". */
export const PARAM_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;
const NAME = '[A-Za-z][A-Za-z0-9_]*';
const PLACEHOLDER = new RegExp(`\\{\\{\\s*(${NAME})\\s*\\}\\}`, 'g');
const WHOLE_PLACEHOLDER = new RegExp(`^\\{\\{\\s*(${NAME})\\s*\\}\\}$`);
/** `{{` that does not open a well-formed placeholder. */
const STRAY_OPEN = new RegExp(`\\{\\{(?!\\s*${NAME}\\s*\\}\\})`, 'g');

export type ParamValue = string | number | boolean | null | readonly ParamValue[] | { readonly [key: string]: ParamValue };
export type Params = Readonly<Record<string, ParamValue>>;

export class RenderError extends Error {
  constructor(
    message: string,
    readonly problems: readonly string[],
  ) {
    super(message);
    this.name = 'RenderError';
  }
}

/** Every `{{name}}` in a text, with its offset (for load-time checks). */
export function findPlaceholders(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => ({ name: m[1] ?? '', offset: m.index ?? 0 }));
}

/** Offsets of `{{` that are not a well-formed placeholder. */
export function findStrayBraces(text: string): number[] {
  return [...text.matchAll(STRAY_OPEN)].map((m) => m.index ?? 0);
}

/**
 * The per-scalar rule. `lookup` returns the value of a name (or undefined when unknown;
 * the caller decides whether that throws or is collected). Returns the scalar's new value:
 * the parameter itself for a whole placeholder, else the interpolated string.
 */
export function substituteScalar(text: string, lookup: (name: string) => ParamValue | undefined): ParamValue | undefined {
  const whole = WHOLE_PLACEHOLDER.exec(text);
  if (whole) return lookup(whole[1] ?? '');
  return text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = lookup(name);
    return v === undefined ? '' : inlineText(name, v);
  });
}

/** A value inside a longer string: scalars as written, a list joined by spaces. */
function inlineText(name: string, v: ParamValue): string {
  if (Array.isArray(v)) return v.map((x) => inlineText(name, x as ParamValue)).join(' ');
  if (v !== null && typeof v === 'object') throw new RenderError(`parameter ${name} is a mapping, not a scalar`, [`parameter ${name} is a mapping, not a scalar`]);
  return String(v);
}

/** Substitute `{{name}}` in a plain string (commands, `shown` text). Unknown names throw. */
export function renderString(text: string, params: Params): string {
  const unknown = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) unknown.add(name);
    return v === undefined ? '' : inlineText(name, v);
  });
  const stray = findStrayBraces(text);
  const problems = [
    ...[...unknown].map((n) => `unknown parameter "{{${n}}}" (known: ${knownList(params)})`),
    ...(stray.length > 0 ? [`"{{" at offset ${stray[0]} does not start a {{name}} placeholder`] : []),
  ];
  if (problems.length > 0) throw new RenderError(problems.join('; '), problems);
  return out;
}

/** Render every element of an argv list. */
export function renderArgv(argv: readonly string[], params: Params): string[] {
  const problems: string[] = [];
  const out = argv.map((a) => {
    try {
      return renderString(a, params);
    } catch (e) {
      if (!(e instanceof RenderError)) throw e;
      problems.push(...e.problems);
      return a;
    }
  });
  const unique = [...new Set(problems)];
  if (unique.length > 0) throw new RenderError(unique.join('; '), unique);
  return out;
}

/**
 * Substitute placeholders in already-parsed plain data (templates/ read with
 * parseYamlDocuments). An unknown name throws `<template>: no value for template parameter`.
 */
export function substitute(node: unknown, params: Params, template: string): unknown {
  if (typeof node === 'string') {
    return substituteScalar(node, (name) => {
      if (!(name in params)) throw new Error(`${template}: no value for template parameter "${name}"`);
      return params[name];
    });
  }
  if (Array.isArray(node)) return node.map((n) => substitute(n, params, template));
  if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substitute(v, params, template)]));
  return node;
}

/**
 * Render a (possibly multi-document) YAML text, keeping comments and layout. Throws
 * RenderError listing YAML errors, every unknown parameter and stray `{{`.
 */
export function renderManifest(source: string, params: Params, file = 'manifest'): string {
  const docs = parseAllDocuments(source, { version: '1.1', prettyErrors: false, keepSourceTokens: true });
  if (!Array.isArray(docs)) return ''; // an empty stream
  const problems: string[] = [];
  for (const doc of docs) for (const e of doc.errors) problems.push(`${file}: ${firstLine(e.message)}`);
  if (problems.length > 0) throw new RenderError(problems.join('; '), problems);

  const unknown = new Set<string>();
  const stray: string[] = [];
  const lookup = (name: string): ParamValue | undefined => {
    const v = params[name];
    if (v === undefined) unknown.add(name);
    return v;
  };
  for (const doc of docs) {
    visit(doc, {
      Map(_key, node) {
        // An unquoted `{{name}}` parses as a flow map `{ {name}: null }: null`.
        const name = bracedName(node);
        if (name === undefined) return undefined;
        const v = lookup(name);
        return v === undefined ? visit.SKIP : doc.createNode(v);
      },
      Scalar(_key, node: Scalar) {
        if (typeof node.value !== 'string' || !node.value.includes('{{')) return undefined;
        if (findStrayBraces(node.value).length > 0) stray.push(node.value);
        const v = substituteScalar(node.value, lookup);
        if (v === undefined) return undefined;
        if (v !== null && typeof v === 'object') return doc.createNode(v);
        setScalar(node, v);
        return undefined;
      },
    });
  }
  for (const n of unknown) problems.push(`${file}: unknown parameter "{{${n}}}" (known: ${knownList(params)})`);
  for (const s of stray) problems.push(`${file}: "{{" in ${JSON.stringify(s)} does not start a {{name}} placeholder`);
  if (problems.length > 0) throw new RenderError(problems.join('; '), problems);

  return docs
    .filter((d) => d.contents !== null)
    .map((d) => toYaml11(d))
    .join('---\n');
}

/** The name in a map that is really an unquoted `{{name}}`, else undefined. */
export function bracedName(node: YAMLMap): string | undefined {
  if (!node.flow || node.items.length !== 1) return undefined;
  const outer = node.items[0];
  if (!outer || (outer.value !== null && !(isScalar(outer.value) && outer.value.value === null))) return undefined;
  const inner = outer.key;
  if (!isMap(inner) || !inner.flow || inner.items.length !== 1) return undefined;
  const pair = inner.items[0];
  if (!pair || (pair.value !== null && !(isScalar(pair.value) && pair.value.value === null))) return undefined;
  const k = pair.key;
  if (!isScalar(k)) return undefined;
  // YAML 1.1 reads `{{y}}`/`{{on}}` keys as booleans: use the source text.
  const tok = k.srcToken as { source?: string } | undefined;
  const text = typeof k.value === 'string' ? k.value : tok?.source;
  if (text === undefined || !PARAM_NAME_PATTERN.test(text)) return undefined;
  return text;
}

function setScalar(node: Scalar, value: string | number | boolean | null): void {
  node.value = value;
  // Forget how the source spelled it, so the stringifier picks a style that is
  // unambiguous under YAML 1.1 (quoting "on", "yes", "123", "~" ...).
  delete node.type;
  delete (node as { format?: string }).format;
  delete (node as { source?: string }).source;
}

function toYaml11(doc: Document.Parsed): string {
  doc.directives.yaml.explicit = false;
  let s = doc.toString({ lineWidth: 0 });
  if (s.startsWith('---\n')) s = s.slice(4);
  return s;
}

function knownList(params: Params): string {
  const names = Object.keys(params).sort();
  return names.length === 0 ? 'none' : names.join(', ');
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}
