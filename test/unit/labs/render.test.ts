import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyShown, effectiveParams, RenderError, renderArgv, renderManifest, renderString } from '../../../src/labs/render.js';
import type { Lab } from '../../../src/labs/types.js';

describe('renderManifest', () => {
  it('keeps the parameter type when a scalar is exactly one placeholder', () => {
    const out = renderManifest('spec:\n  replicas: "{{ n }}"\n  name: "{{ name }}"\n  port: {{port}}\n', { n: 2, name: 'web', port: 5000 });
    expect(out).toBe('spec:\n  replicas: 2\n  name: web\n  port: 5000\n');
  });

  it('interpolates inside longer strings', () => {
    expect(renderManifest('image: "repo/app:{{ tag }}"\n', { tag: 'v1' })).toBe('image: repo/app:v1\n');
  });

  it('emits YAML 1.1: strings that 1.1 reads as booleans, numbers or null stay quoted', () => {
    const out = renderManifest('a: "{{a}}"\nb: "{{b}}"\nc: "{{c}}"\nd: "{{d}}"\ne: "{{e}}"\nf: "{{f}}"\ng: "{{g}}"\n', {
      a: 'on',
      b: 'yes',
      c: 'no',
      d: 'off',
      e: 'y',
      f: '0755',
      g: '~',
    });
    expect(out).toBe('a: "on"\nb: "yes"\nc: "no"\nd: "off"\ne: "y"\nf: "0755"\ng: "~"\n');
    expect(parse(out, { version: '1.1' })).toEqual({ a: 'on', b: 'yes', c: 'no', d: 'off', e: 'y', f: '0755', g: '~' });
  });

  it('leaves what is not a placeholder as written (a quoted "on" stays a string, bare on stays 1.1 true)', () => {
    const src = '# comment kept\nquoted: "on"\nbare: on\nlist: [a, b]\n';
    const out = renderManifest(src, {});
    expect(out).toContain('quoted: "on"');
    expect(out).toContain('# comment kept');
    expect(parse(out, { version: '1.1' })).toEqual({ quoted: 'on', bare: true, list: ['a', 'b'] });
  });

  it('cannot inject YAML structure through a value', () => {
    const evil = 'x\nkind: Secret\n: {a: b}';
    const out = renderManifest('kind: ConfigMap\ndata:\n  v: "{{ v }}"\n', { v: evil });
    expect(parse(out, { version: '1.1' })).toEqual({ kind: 'ConfigMap', data: { v: evil } });
  });

  it('renders list parameters and multi-document streams', () => {
    const out = renderManifest('args: "{{ args }}"\n---\nkind: B\nname: "{{ n }}"\n', { args: ['-listen=:9095', '-text=Hello World'], n: 'b' });
    expect(out.split('---\n').map((d) => parse(d, { version: '1.1' }))).toEqual([
      { args: ['-listen=:9095', '-text=Hello World'] },
      { kind: 'B', name: 'b' },
    ]);
  });

  it('reports every unknown parameter', () => {
    try {
      renderManifest('a: "{{ x }}"\nb: "{{ y }}-z"\n', { known: 1 }, 'm.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RenderError);
      expect((e as RenderError).problems).toEqual([
        'm.yaml: unknown parameter "{{x}}" (known: known)',
        'm.yaml: unknown parameter "{{y}}" (known: known)',
      ]);
    }
  });

  it('rejects manifests that are not YAML', () => {
    expect(() => renderManifest('a: [1, 2\nb: c\n', {}, 'm.yaml')).toThrow(RenderError);
  });
});

describe('commands and shown text', () => {
  const lab = { apiVersion: 'mesh-lab/v1', id: 'x', title: 't', summary: 's', params: { host: 'httpbin.org' }, steps: [] } as unknown as Lab;

  it('substitutes lab params, the namespace, runtime values and action params, in that order', () => {
    expect(effectiveParams(lab, { host: 'example.com' }, { namespace: 'ns2' })).toEqual({ namespace: 'ns2', host: 'example.com' });
    expect(renderArgv(['exec', '-n', '{{namespace}}', 'http://{{host}}/'], effectiveParams(lab))).toEqual([
      'exec',
      '-n',
      'mesh-lab',
      'http://httpbin.org/',
    ]);
    expect(() => renderString('{{nope}}', effectiveParams(lab))).toThrow('unknown parameter "{{nope}}"');
  });

  it('shows an apply as a heredoc unless the lab says otherwise', () => {
    expect(applyShown(lab, { manifest: 'a.yaml' }, 'kind: A\n')).toBe('kubectl apply -n mesh-lab -f - <<EOF\nkind: A\nEOF');
    expect(applyShown(lab, { manifest: 'a.yaml', shown: 'kubectl apply -f a.yaml' }, '')).toBe('kubectl apply -f a.yaml');
  });
});

describe('one {{param}} engine for labs and templates/', () => {
  it('has one name rule: a letter first (a leading "_" is not a placeholder anywhere)', async () => {
    const { substitute } = await import('../../../src/manifests/template.js');
    expect(() => renderString('{{ _x }}', { _x: 1 })).toThrow(RenderError);
    expect(() => renderManifest('a: "{{_x}}"\n', { _x: 1 })).toThrow(/does not start a \{\{name\}\} placeholder/);
    expect(substitute({ a: '{{ _x }}' }, { _x: 1 }, 't.yaml')).toEqual({ a: '{{ _x }}' });
    expect(renderString('{{ x_1 }}', { x_1: 'ok' })).toBe('ok');
  });

  it('substitutes per scalar the same way in both: whole placeholders keep their type', async () => {
    const { substitute } = await import('../../../src/manifests/template.js');
    const params = { port: 9095, args: ['-a', '-b'], name: 'web' };
    expect(substitute({ port: '{{ port }}', args: '{{args}}', image: 'r/{{ name }}:{{port}}' }, params, 't.yaml')).toEqual(
      parse(renderManifest('port: "{{ port }}"\nargs: "{{args}}"\nimage: "r/{{ name }}:{{port}}"\n', params), { version: '1.1' }),
    );
  });
});
