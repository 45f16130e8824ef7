// Image references by distribution/reference's grammar (regexp.go, normalize.go).
import { describe, expect, it } from 'vitest';
import { imageReferenceProblem } from '../../../src/config/image-reference.js';
import { parseUpOptions } from '../../../src/state/up-options.js';

const sha = 'a'.repeat(64);

describe('imageReferenceProblem', () => {
  it.each([
    'hashicorp/http-echo:1.0',
    'busybox',
    'ubuntu:24.04',
    'docker.io/library/nginx:1.27-alpine',
    `kindest/node:v1.34.0@sha256:${sha}`,
    `kindest/node@sha256:${sha}`,
    'localhost:5000/lab/app:dev',
    'localhost/app',
    'registry.example.com:443/team/sub/app_name__x:v1.2.3',
    '127.0.0.1:5000/app',
    '[::1]:5000/app:tag',
    'Registry.Example.com/app',
    'my-registry/app--v2:latest',
    `a:${'t'.repeat(128)}`,
  ])('accepts %s', (ref) => expect(imageReferenceProblem(ref)).toBeUndefined());

  it.each([
    ['', /at least one component/],
    [sha, /64-byte hexadecimal/],
    ['Ubuntu', /must be lowercase/],
    ['library/Nginx:1', /must be lowercase/],
    ['nginx:', /invalid reference format/],
    ['nginx:-bad', /invalid reference format/],
    [`a:${'t'.repeat(129)}`, /invalid reference format/],
    ['nginx latest', /invalid reference format/],
    ['-nginx', /invalid reference format/],
    ['nginx/', /invalid reference format/],
    ['nginx..x', /invalid reference format/],
    ['nginx@sha256:abc', /invalid reference format/],
    [`nginx@sha256:${'a'.repeat(63)}`, /invalid sha256 digest/],
    [`nginx@sha256:${'a'.repeat(65)}`, /invalid sha256 digest/],
    [`nginx@md5:${'a'.repeat(32)}`, /unsupported digest algorithm/],
    ['https://example.com/app', /invalid reference format/],
    [`${'a'.repeat(256)}`, /more than 255/],
  ])('rejects %j', (ref, why) => expect(imageReferenceProblem(ref)).toMatch(why));
});

describe('parseUpOptions image checks', () => {
  it('a bad --kind-node-image or --image is a usage error naming the flag', () => {
    expect(() => parseUpOptions({ kindNodeImage: 'kindest/node:v1.34.0@sha256:xyz' })).toThrow(/--kind-node-image "kindest\/node:v1.34.0@sha256:xyz" is not a valid image reference/);
    expect(() => parseUpOptions({ image: 'Hashicorp/Echo' })).toThrow(/--image .* must be lowercase/);
    try {
      parseUpOptions({ image: 'bad image' });
    } catch (e) {
      expect((e as { exitCode: number }).exitCode).toBe(2);
    }
    expect(parseUpOptions({ kindNodeImage: `kindest/node:v1.34.0@sha256:${sha}` }).kindNodeImage).toContain('kindest/node');
  });
});
