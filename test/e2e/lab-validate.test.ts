// Broken lab files through the built CLI: every error, each with file:line:col, without
// --verbose, and the usage exit code. Needs no cluster and no Docker.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { cliPath, repoRoot } from './support/harness.js';

const fixtures = join(repoRoot, 'test/unit/labs/fixtures');
const run = (args: string[]) =>
  execa(process.execPath, [cliPath, ...args], { reject: false, cwd: repoRoot, env: { MESH_LAB_HOME: mkdtempSync(join(tmpdir(), 'lab-validate-')), NO_COLOR: '1' } });

describe('mesh-lab lab validate', () => {
  const cases: Array<[string, RegExp]> = [
    ['bad-yaml', /bad-yaml\/lab\.yaml:9:5: YAML syntax error: /],
    ['unknown-field', /unknown-field\/lab\.yaml:8:5: steps\[0\]\.chekcs: unknown field "chekcs" \(did you mean "checks"\?\)/],
    ['wrong-type', /wrong-type\/lab\.yaml:12:29: steps\[0\]\.checks\[0\]\.http\.expect\.status: the string "two hundred" is not allowed here/],
    ['missing-step-ref', /missing-step-ref\/lab\.yaml:12:21: steps\[1\]\.requires\[1\]: unknown step "tree"/],
  ];
  for (const [name, line] of cases) {
    it(`${name}: exit 2 with file:line:col`, async () => {
      const r = await run(['lab', 'validate', join(fixtures, name)]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^mesh-lab: lab \S+ is invalid \(\d+ error\(s\)\)\n/);
      expect(r.stderr).toMatch(line);
    });
  }

  it('reports all ten problems of one file at once', async () => {
    const r = await run(['lab', 'validate', join(fixtures, 'many-errors')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n').filter((l) => /:\d+:\d+: /.test(l))).toHaveLength(10);
  });

  it('every shipped lab is valid', async () => {
    for (const id of ['ingress-routing', 'egress-routing', 'traffic-shifting', 'fault-injection', 'request-timeouts']) {
      const r = await run(['lab', 'validate', id]);
      expect(r.exitCode, r.stderr).toBe(0);
    }
  });
});
