// `mesh-lab lab validate <dir-or-id>`: a path is a path (/abs, ./x, ../x, a/b), a bare word
// is a lab id, even when a folder of that name sits in the current directory.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labTarget, validateLabDir } from '../../../src/commands/lab/lab-binding.js';

const fixtures = resolve(import.meta.dirname, '..', 'labs', 'fixtures');
const labsEnv = { MESH_LAB_LABS_DIR: '/srv/labs' };

describe('lab validate target', () => {
  it.each([
    ['/abs/my-lab', '/abs/my-lab'],
    ['./my-lab', '/work/here/my-lab'],
    ['../my-lab', '/work/my-lab'],
    ['.', '/work/here'],
    ['..', '/work'],
    ['sub/my-lab', '/work/here/sub/my-lab'],
  ])('%s is a path', (target, dir) => expect(labTarget(target, labsEnv, '/work/here')).toEqual({ dir, kind: 'path' }));

  it('a bare word is a lab id in the labs folder', () => {
    expect(labTarget('ingress-routing', labsEnv, '/work/here')).toEqual({ dir: join('/srv/labs', 'ingress-routing'), kind: 'id' });
  });

  it('validates an absolute path and a ./ path', () => {
    expect(validateLabDir(join(fixtures, 'good-lab'), {}).lab.steps.length).toBeGreaterThan(0);
    expect(validateLabDir('./good-lab', {}, fixtures).lab.id).toBeTruthy();
    expect(validateLabDir('../good-lab', {}, join(fixtures, 'bad-yaml')).lab.id).toBeTruthy();
  });

  it('a bare word is looked up as an id even if ./word exists; a missing path names the path', () => {
    expect(() => validateLabDir('good-lab', { MESH_LAB_LABS_DIR: '/nonexistent' }, fixtures)).toThrow(/no lab named "good-lab"/);
    expect(validateLabDir('good-lab', { MESH_LAB_LABS_DIR: fixtures }, '/').lab.id).toBeTruthy();
    expect(() => validateLabDir('/nonexistent/lab', {})).toThrow(/no lab\.yaml in \/nonexistent\/lab/);
  });
});
