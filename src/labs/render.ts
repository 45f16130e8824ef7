// Rendering of lab manifests and commands with `{{param}}` parameters.
//
// Manifests are parsed as YAML 1.1 (the dialect Kubernetes' sigs.k8s.io/yaml reads, where
// `on`, `yes`, `no`, `y` are booleans), parameters are substituted into *scalar nodes*
// (never into raw text, so a value cannot inject YAML), and the result is emitted as
// YAML 1.1, so a string such as "on" comes out quoted and Kubernetes reads it as written.
import { isMap, isScalar, parseAllDocuments, visit, type Document, type Scalar, type YAMLMap } from 'yaml';
import type { Lab, ApplyAction } from './types.js';
import { LAB_DEFAULTS } from './types.js';

export type ParamValue = string | number | boolean | readonly string[];
export type Params = Readonly<Record<string, ParamValue>>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE_PLACEHOLDER = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/;
/** `{{` that does not open a well-formed placeholder. */
const STRAY_OPEN = /\{\{(?!\s*[A-Za-z_][A-Za-z0-9_]*\s*\}\})/g;

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
  const out: { name: string; offset: number }[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ name: m[1] ?? '', offset: m.index ?? 0 });
  return out;
}

/** Offsets of `{{` that are not a well-formed placeholder. */
export function findStrayBraces(text: string): number[] {
  return [...text.matchAll(STRAY_OPEN)].map((m) => m.index ?? 0);
}

/**
 * Parameters the executor may supply at run time (they override the lab's defaults):
 * `namespace` (the lab namespace) and `networkingApiVersion` (for the installed Istio).
 */
export const RUNTIME_PARAMS = ['namespace', 'networkingApiVersion'] as const;

/**
 * Parameters in effect for an action, lowest first: `namespace` = the lab namespace,
 * lab `params`, runtime values from the executor, action `params`.
 */
export function effectiveParams(lab: Lab, actionParams?: Params, runtime?: Params): Record<string, ParamValue> {
  return { namespace: lab.namespace ?? LAB_DEFAULTS.namespace, ...(lab.params ?? {}), ...(runtime ?? {}), ...(actionParams ?? {}) };
}

/** Substitute `{{name}}` in a plain string (commands, `shown` text). Unknown names throw. */
export function renderString(text: string, params: Params): string {
  const unknown = new Set<string>();
  const out = text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) {
      unknown.add(name);
      return '';
    }
    return paramText(v);
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
      if (e instanceof RenderError) problems.push(...e.problems);
      else throw e;
      return a;
    }
  });
  if (problems.length > 0) throw new RenderError([...new Set(problems)].join('; '), [...new Set(problems)]);
  return out;
}

/**
 * Render a (possibly multi-document) manifest. A scalar that is exactly one placeholder
 * takes the parameter's type (`replicas: {{n}}` with n=2 is the number 2); a placeholder
 * inside a longer scalar is string interpolation. Throws RenderError for YAML errors,
 * unknown parameters and stray `{{`.
 */
export function renderManifest(source: string, params: Params, file = 'manifest'): string {
  const docs = parseAllDocuments(source, { version: '1.1', prettyErrors: false, keepSourceTokens: true });
  if (!Array.isArray(docs)) return ''; // an empty stream
  const problems: string[] = [];
  for (const doc of docs) for (const e of doc.errors) problems.push(`${file}: ${firstLine(e.message)}`);
  if (problems.length > 0) throw new RenderError(problems.join('; '), problems);

  const unknown = new Set<string>();
  const stray: string[] = [];
  for (const doc of docs) {
    visit(doc, {
      Map(_key, node) {
        // An unquoted `{{name}}` parses as a flow map `{ {name}: null }: null`.
        const name = bracedName(node);
        if (name === undefined) return undefined;
        const v = params[name];
        if (v === undefined) {
          unknown.add(name);
          return visit.SKIP;
        }
        return doc.createNode(v);
      },
      Scalar(_key, node: Scalar) {
        if (typeof node.value !== 'string') return;
        const text = node.value;
        if (!text.includes('{{')) return;
        if (findStrayBraces(text).length > 0) stray.push(text);
        const whole = WHOLE_PLACEHOLDER.exec(text);
        if (whole) {
          const v = params[whole[1] ?? ''];
          if (v === undefined) unknown.add(whole[1] ?? '');
          else if (typeof v === 'object') return doc.createNode(v);
          else setScalar(node, v);
          return;
        }
        const rendered = text.replace(PLACEHOLDER, (_m, name: string) => {
          const v = params[name];
          if (v === undefined) {
            unknown.add(name);
            return '';
          }
          return paramText(v);
        });
        setScalar(node, rendered);
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

/** Render the manifest of an apply action from its text, with the lab's parameters. */
export function renderApply(lab: Lab, action: ApplyAction, source: string, runtime?: Params): string {
  return renderManifest(source, effectiveParams(lab, action.params, runtime), action.manifest ?? action.template ?? 'manifest');
}

/**
 * The command shown to the learner for an apply action: the action's `shown` text, or
 * else the rendered manifest as a heredoc, as the Istio docs present it.
 */
export function applyShown(lab: Lab, action: ApplyAction, rendered: string, runtime?: Params): string {
  if (action.shown !== undefined) return renderString(action.shown, effectiveParams(lab, action.params, runtime));
  const verb = action.mode === 'delete' ? 'delete --ignore-not-found' : 'apply';
  const ns = action.namespace ?? lab.namespace ?? LAB_DEFAULTS.namespace;
  return `kubectl ${verb} -n ${ns} -f - <<EOF\n${rendered.endsWith('\n') ? rendered : `${rendered}\n`}EOF`;
}

function paramText(v: ParamValue): string {
  return typeof v === 'object' ? v.join(' ') : String(v);
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
  if (text === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return undefined;
  return text;
}

function setScalar(node: Scalar, value: string | number | boolean): void {
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

