/**
 * Transpiles src/tools/*.ts to plain ESM in a temp dir so child processes (plain node,
 * no loader) can run the real install code. Type-only transpile: fast, no type check.
 */
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ts from 'typescript';

export async function transpileTools(outDir: string): Promise<string> {
  const src = resolve(import.meta.dirname, '../../../../src/tools');
  const dest = join(outDir, 'tools');
  await mkdir(dest, { recursive: true });
  for (const f of await readdir(src)) {
    if (!f.endsWith('.ts')) continue;
    const out = ts.transpileModule(await readFile(join(src, f), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
      fileName: f,
    });
    await writeFile(join(dest, f.replace(/\.ts$/, '.js')), out.outputText);
  }
  await writeFile(join(outDir, 'package.json'), '{"type":"module"}\n');
  return dest;
}
