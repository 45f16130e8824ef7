// Templates in templates/ are YAML files with `{{ name }}` placeholders. They are parsed
// first and substituted per scalar afterwards, so a parameter can never inject YAML
// structure, and a scalar that is exactly one placeholder takes the parameter's type
// (a port stays a number).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { parseYamlDocuments } from './yaml.js';

export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };
export type TemplateParams = Record<string, TemplateValue>;

const WHOLE = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/;
const INLINE = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The repository's templates/ folder, found relative to this module (src/ or dist/src/). */
export function templatesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // src/manifests -> ../../templates ; dist/src/manifests -> ../../../templates
  for (const up of ['../..', '../../..']) {
    const candidate = join(here, up, 'templates');
    try {
      readFileSync(join(candidate, 'README.md'));
      return candidate;
    } catch {
      /* try the next layout */
    }
  }
  throw new Error(`templates/ not found near ${here}`);
}

export function substitute(node: unknown, params: TemplateParams, template: string): unknown {
  if (typeof node === 'string') {
    const whole = WHOLE.exec(node);
    if (whole) return lookup(params, whole[1]!, template);
    return node.replace(INLINE, (_m, name: string) => {
      const v = lookup(params, name, template);
      if (typeof v === 'object' && v !== null) throw new Error(`${template}: parameter ${name} is not a scalar`);
      return String(v);
    });
  }
  if (Array.isArray(node)) return node.map((n) => substitute(n, params, template));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = substitute(v, params, template);
    return out;
  }
  return node;
}

function lookup(params: TemplateParams, name: string, template: string): TemplateValue {
  if (!(name in params)) throw new Error(`${template}: no value for template parameter "${name}"`);
  return params[name]!;
}

/** Renders templates/<name> into plain objects (one per YAML document). */
export function renderTemplate(name: string, params: TemplateParams, dir = templatesDir()): unknown[] {
  const text = readFileSync(join(dir, name), 'utf8');
  return parseYamlDocuments(text, name).map((doc) => substitute(doc, params, name));
}
