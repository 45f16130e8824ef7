// Every `--flag` a doctor fix tells the user to pass must exist on `mesh-lab up` (the
// command those checks guard). Reads every `fix` in the doctor sources with the TypeScript
// parser, so a new fix is covered without listing it here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../../cli/program.js';

const root = join(import.meta.dirname, '..', '..', '..');
const sources = [...readdirSync(join(root, 'src/doctor')).filter((f) => f.endsWith('.ts')).map((f) => join('src/doctor', f)), 'src/commands/up/preflight.ts'];

/** The text of every `fix: ...` property and `const fix = ...`, with ${…} as a placeholder. */
function fixTexts(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const textOf = (n: ts.Node): string[] => {
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return [n.text];
    if (ts.isTemplateExpression(n)) return [n.head.text + n.templateSpans.map((s) => `X${s.literal.text}`).join('')];
    const acc: string[] = [];
    n.forEachChild((c) => void acc.push(...textOf(c)));
    return acc;
  };
  const visit = (n: ts.Node): void => {
    const named = (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n)) && n.name.getText(sf) === 'fix';
    if (named && n.initializer) out.push(...textOf(n.initializer));
    n.forEachChild(visit);
  };
  visit(sf);
  return out;
}

/** Flags addressed to mesh-lab: not those inside another tool's command line. */
export function meshLabFlags(fix: string): string[] {
  const own = fix
    // `docker stop x`, `systemctl --user start docker`, `sudo sysctl …`: other tools' flags
    .replace(/`(?!mesh-lab )[^`]*`/g, ' ')
    // "colima start --cpu 4 --memory 8": colima's flags, up to the end of the clause
    .replace(/\bcolima start[^;)]*/g, ' ');
  return [...own.matchAll(/(?<![\w-])--[a-z][a-z0-9-]*/g)].map((m) => m[0]);
}

describe('doctor fixes', () => {
  const program = buildProgram({ flags: { verbose: false, json: false } });
  const up = program.commands.find((c) => c.name() === 'up')!;
  const known = new Set([...up.options, ...program.options].map((o) => o.long));
  const fixes = sources.flatMap((f) => fixTexts(f).map((text) => ({ file: f, text })));

  it('are found in the sources (the scan works)', () => {
    expect(fixes.length).toBeGreaterThan(10);
    expect(fixes.some((f) => f.text.includes('--host-port'))).toBe(true);
  });

  it('name only flags that exist on `mesh-lab up`', () => {
    const unknown = fixes.flatMap((f) => meshLabFlags(f.text).filter((flag) => !known.has(flag)).map((flag) => `${f.file}: ${flag} in "${f.text}"`));
    expect(unknown).toEqual([]);
  });

  it('the scan tells mesh-lab flags from other tools\' flags', () => {
    expect(meshLabFlags('stop it (`docker stop x`) or choose another port with --port')).toEqual(['--port']);
    expect(meshLabFlags('start Docker (`systemctl --user start docker`)')).toEqual([]);
    expect(meshLabFlags('colima: colima start --cpu 4 --memory 8) or pass --cpus')).toEqual(['--cpus']);
    expect(meshLabFlags('run `mesh-lab up --host-port 8080`')).toEqual(['--host-port']);
  });
});
