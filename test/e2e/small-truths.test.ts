// Small truths through the built CLI: bad input is refused before any tool runs (exit 2,
// one line), a closed stdout pipe ends quietly, and `lab validate` takes ./paths.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDocker } from '../support/docker-available.js';
import { cliPath, createLabEnv, repoRoot, type LabEnv } from './support/harness.js';

describe('a closed stdout pipe', () => {
  // what `mesh-lab lab show x | head -1` does once head has its line: the reader is gone
  it('ends quietly with exit 0 (no EPIPE stack)', async () => {
    const child = spawn(process.execPath, [cliPath, 'lab', 'show', 'ingress-routing'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});

describeDocker('input checked before anything runs', () => {
  let lab: LabEnv;
  beforeAll(async () => {
    lab = await createLabEnv();
  });
  afterAll(async () => {
    if (lab) await lab.cleanup();
  });

  const refused: Array<[string, string[], RegExp]> = [
    ['an invalid --kind-node-image', ['up', '--kind-node-image', 'kindest/node:v1.34.0@sha256:xyz'], /^mesh-lab: --kind-node-image "kindest\/node:v1\.34\.0@sha256:xyz" is not a valid image reference: invalid reference format/],
    ['an upper-case --image', ['up', '--image', 'hashicorp/HTTP-echo:1.0'], /^mesh-lab: --image "hashicorp\/HTTP-echo:1\.0" is not a valid image reference: repository name \(hashicorp\/HTTP-echo\) must be lowercase/],
    ['an --image with a space', ['up', '--dry-run', '--image', 'http-echo latest'], /^mesh-lab: --image "http-echo latest" is not a valid image reference/],
    ['a curl -X that is not a method token', ['curl', '/x', '-X', 'BAD METHOD'], /^mesh-lab: -X "BAD METHOD" is not an HTTP method/],
  ];
  for (const [what, args, message] of refused) {
    it(`${what}: exit 2, one line, no tool invoked`, async () => {
      const before = lab.invocations().length;
      const r = await lab.run(args);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
      expect(lab.invocations().slice(before)).toEqual([]);
    });
  }
});

describe('lab validate', () => {
  it('takes ./path and ../path relative to the current directory', async () => {
    const { execa } = await import('execa');
    const fixtures = join(repoRoot, 'test/unit/labs/fixtures');
    const env = { NO_COLOR: '1', MESH_LAB_LABS_DIR: '/nonexistent' };
    const here = await execa(process.execPath, [cliPath, 'lab', 'validate', './good-lab'], { cwd: fixtures, env, reject: false });
    expect(here.exitCode, here.stderr).toBe(0);
    const up = await execa(process.execPath, [cliPath, 'lab', 'validate', '../good-lab'], { cwd: join(fixtures, 'bad-yaml'), env, reject: false });
    expect(up.exitCode, up.stderr).toBe(0);
    const word = await execa(process.execPath, [cliPath, 'lab', 'validate', 'good-lab'], { cwd: fixtures, env, reject: false });
    expect(word.exitCode).toBe(6);
    expect(word.stderr).toMatch(/no lab named "good-lab"/);
  });
});
