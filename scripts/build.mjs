// Builds the shipped CLI: one esbuild bundle per entry point under dist/, with code
// splitting so a command loads only the chunks it imports (a dynamic import() becomes a
// chunk of its own). Type-checking is separate (`tsc --noEmit` in `npm run build`):
// esbuild only strips types.
//
// To add a program (e.g. a detached helper process), add one line to ENTRIES: the key
// is its path under dist/ without .js, the value its TypeScript source. It shares chunks
// with the CLI, so a helper costs only its own code.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prebuildHelp } from './prebuild-help.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

export const ENTRIES = {
  'cli/mesh-lab': 'cli/mesh-lab.ts',
  'discovery/port-forward-supervisor': 'src/discovery/port-forward-supervisor-main.ts',
};

// Left to node_modules and loaded on first use: dockerode pulls ssh2, whose optional
// native bindings (cpu-features, the ssh2 crypto addon) cannot be bundled.
const EXTERNAL = ['dockerode'];

// zod re-exports its ~40 locale tables as `z.locales`: 290 KB of the 570 KB zod chunk,
// parsed by every command that validates anything. mesh-lab speaks English (zod's
// default, which zod imports from locales/en.js directly), so the bundle keeps only `en`.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      a.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(dirname(a.importer), '../locales/index.js'), namespace: 'zod-english-only' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (a) => ({
      contents: `export { default as en } from ${JSON.stringify(join(dirname(a.path), 'en.js'))};`,
      resolveDir: dirname(a.path),
    }));
  },
};

const REQUIRE_BANNER = "import { createRequire as __meshLabCreateRequire } from 'node:module'; const require = __meshLabCreateRequire(import.meta.url);";

// stale files of an older build (or of tsc's former dist/src tree) would ship in the
// package, so the output folder starts empty
rmSync(join(root, 'dist'), { recursive: true, force: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: ENTRIES,
  outdir: 'dist',
  // dist/chunks sits two levels below the package root, like dist/cli: code that finds
  // templates/ and labs/ from its own module URL keeps working from either
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.5',
  external: EXTERNAL,
  plugins: [zodEnglishOnly],
  // bundled CommonJS packages (commander) call require() for node builtins
  banner: { js: REQUIRE_BANNER },
  define: { MESH_LAB_VERSION: JSON.stringify(pkg.version) },
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.js'));
// esbuild puts the banner on every file, but only the few that use `require` (its CommonJS
// runtime helper) need it: each createRequire() costs every command that loads the file.
// The banner's text goes, its line stays, so the source maps still match line by line.
for (const [file] of outputs) {
  const abs = join(root, file);
  const code = readFileSync(abs, 'utf8');
  if (code.includes(REQUIRE_BANNER) && !/\brequire\b/.test(code.replace(REQUIRE_BANNER, ''))) writeFileSync(abs, code.replace(REQUIRE_BANNER, ''));
}
const kb = outputs.reduce((n, [, o]) => n + o.bytes, 0) / 1024;
process.stdout.write(`built ${Object.keys(ENTRIES).length} entry point(s), ${outputs.length} files, ${kb.toFixed(0)} KiB of JavaScript in dist/\n`);
process.stdout.write(`prebuilt the help text of ${prebuildHelp(root)} commands in dist/help.json\n`);
