// Templates in templates/ are YAML files with `{{ name }}` placeholders, rendered by the
// one placeholder engine (./placeholders.ts, shared with the labs): parsed first and
// substituted per scalar, so a parameter can never inject YAML structure, and a scalar
// that is exactly one placeholder takes the parameter's type (a port stays a number).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { substitute, type ParamValue } from './placeholders.js';
import { parseYamlDocuments } from './yaml.js';

export { substitute };

export type TemplateValue = ParamValue;
export type TemplateParams = Record<string, TemplateValue>;

/** The package's templates/ folder. */
export function templatesDir(): string {
  return join(packageRoot(), 'templates');
}

/** Renders templates/<name> into plain objects (one per YAML document). */
export function renderTemplate(name: string, params: TemplateParams, dir = templatesDir()): unknown[] {
  const text = readFileSync(join(dir, name), 'utf8');
  return parseYamlDocuments(text, name).map((doc) => substitute(doc, params, name));
}
