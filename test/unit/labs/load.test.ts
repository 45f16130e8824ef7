import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatLabError, loadLab, resolveStepRange, effectiveRequirements, validateLabText } from '../../../src/labs/load.js';
import { findLab, labIds, listLabs } from '../../../src/labs/registry.js';
import type { LabError } from '../../../src/labs/types.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const repo = path.resolve(here, '../../..');
const opts = { displayBase: repo };

function errorsOf(name: string): string[] {
  const r = loadLab(path.join(fixtures, name), opts);
  if (r.ok) throw new Error(`${name} unexpectedly valid`);
  return r.errors.map(formatLabError);
}
const F = (name: string, file = 'lab.yaml') => `test/unit/labs/fixtures/${name}/${file}`;

describe('shipped labs', () => {
  it('ships the five labs of issue 4, sorted', () => {
    expect(labIds(path.join(repo, 'labs'))).toEqual([
      'egress-routing',
      'fault-injection',
      'ingress-routing',
      'request-timeouts',
      'traffic-shifting',
    ]);
  });

  for (const entry of listLabs(path.join(repo, 'labs'), { ...opts, templatesDir: path.join(repo, 'templates') })) {
    it(`${entry.id} validates`, () => {
      expect(entry.result.ok ? [] : entry.result.errors.map(formatLabError)).toEqual([]);
    });
  }

  it('egress-routing needs REGISTRY_ONLY, and demo only for its optional egress-gateway step', () => {
    const e = findLab('egress-routing', path.join(repo, 'labs'));
    if (!e?.result.ok) throw new Error('not loaded');
    const lab = e.result.value.lab;
    expect(effectiveRequirements(lab)).toEqual({ profile: 'default', outboundTrafficPolicy: 'REGISTRY_ONLY', gatewayApi: false });
    expect(effectiveRequirements(lab, lab.steps)).toEqual({ profile: 'demo', outboundTrafficPolicy: 'REGISTRY_ONLY', gatewayApi: false });
  });

  it('traffic-shifting verifies 100/0, 90/10, 50/50 with distribution checks', () => {
    const e = findLab('traffic-shifting', path.join(repo, 'labs'));
    if (!e?.result.ok) throw new Error('not loaded');
    const expected = e.result.value.lab.steps
      .flatMap((s) => s.checks ?? [])
      .flatMap((c) => (c.distribution ? [c.distribution.buckets.map((b) => `${b.name}=${b.percent}±${b.tolerance}`).join(' ')] : []));
    expect(expected.slice(0, 3)).toEqual(['v1=100±0 v2=0±0', 'v1=90±10 v2=10±10', 'v1=50±12 v2=50±12']);
  });
});

describe('lab file errors are file:line:col, all at once', () => {
  it('accepts a valid lab and returns its digest', () => {
    const r = loadLab(path.join(fixtures, 'good-lab'), opts);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.lab.steps.map((s) => s.id)).toEqual(['one', 'two']);
      expect(r.value.digest).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('bad YAML', () => {
    const errs = errorsOf('bad-yaml');
    expect(errs).toContain(
      `${F('bad-yaml')}:9:5: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
    );
  });

  it('unknown field, with a suggestion', () => {
    expect(errorsOf('unknown-field')).toEqual([`${F('unknown-field')}:8:5: steps[0].chekcs: unknown field "chekcs" (did you mean "checks"?)`]);
  });

  it('wrong type', () => {
    expect(errorsOf('wrong-type')).toEqual([
      `${F('wrong-type')}:12:29: steps[0].checks[0].http.expect.status: the string "two hundred" is not allowed here (expected a number or a list)`,
    ]);
  });

  it('missing step reference', () => {
    expect(errorsOf('missing-step-ref')).toEqual([`${F('missing-step-ref')}:12:21: steps[1].requires[1]: unknown step "tree"`]);
  });

  it('missing manifest', () => {
    expect(errorsOf('missing-manifest')).toEqual([
      `${F('missing-manifest')}:10:28: steps[0].actions[0].apply.manifest: file "nowhere.yaml" not found in missing-manifest/`,
    ]);
  });

  it('reports every problem of a file in one go, sorted by position', () => {
    expect(errorsOf('many-errors')).toEqual([
      `${F('many-errors', 'bad-param.yaml')}:6:6: unknown parameter "{{undefinedParam}}" (manifest of steps[0].actions[1].apply; known: host, namespace, networkingApiVersion)`,
      `${F('many-errors')}:5:1: colour: unknown field "colour" (allowed: apiVersion, id, title, summary, namespace, shared, requirements, client, params, steps, cleanup, apis, notSupported, variants)`,
      `${F('many-errors')}:11:28: steps[0].actions[0].apply.manifest: file "missing.yaml" not found in many-errors/`,
      `${F('many-errors')}:13:15: steps[0].actions[2].exec: exec needs "pod", or a lab-level "client" to run in`,
      `${F('many-errors')}:13:43: steps[0].actions[2].exec.command[1]: unknown parameter "{{nope}}" (known: host, namespace, networkingApiVersion)`,
      `${F('many-errors')}:17:45: steps[0].checks[0].http.expect.bodyRegex: invalid regular expression: /(unclosed/: Unterminated group`,
      `${F('many-errors')}:20:20: steps[0].checks[1].distribution.samples: expected a number, got the string "lots"`,
      `${F('many-errors')}:23:9: steps[1].id: duplicate step id "one" (also steps[0])`,
      `${F('many-errors')}:26:16: steps[1].requires[0]: step "two" comes later (steps[2]); "requires" names earlier steps`,
      `${F('many-errors')}:27:5: steps[2]: a step needs exactly one of "text" or "textFile"`,
    ]);
  });

  function check(text: string): LabError[] {
    const r = validateLabText(text, { dir: path.join(fixtures, 'inline'), file: path.join(fixtures, 'inline', 'lab.yaml'), ...opts });
    return r.ok ? [] : r.errors;
  }
  const head = 'apiVersion: mesh-lab/v1\nid: inline\ntitle: t\nsummary: s\n';

  it('missing required fields point at the mapping that lacks them', () => {
    const errs = check(`${head}steps:\n  - id: one\n    text: hi\n`);
    expect(errs.map((e) => `${e.line}:${e.col} ${e.path}: ${e.message}`)).toEqual(['6:5 steps[0].title: missing required field "title" (string)']);
  });

  it('an action needs exactly one kind; checks validate their request shape', () => {
    const errs = check(
      `${head}steps:\n  - id: one\n    title: t\n    text: hi\n    actions:\n      - {}\n    checks:\n      - http: { request: { via: ingress, url: "http://x/" }, expect: { status: 200 } }\n`,
    );
    expect(errs.map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([
      '10:9 an action needs one of: apply, run, exec, wait, show',
      '12:26 via: ingress needs "path"',
      '12:47 via: ingress takes "path", not "url"',
    ]);
  });

  it('rejects an id that does not match the folder, and YAML duplicate keys', () => {
    const errs = check(`apiVersion: mesh-lab/v1\nid: other\nid: other\ntitle: t\nsummary: s\nsteps:\n  - { id: one, title: t, text: x }\n`);
    expect(errs.map((e) => `${e.line}:${e.col}`)).toEqual(['2:5', '3:1']);
    expect(errs[0]?.message).toContain('must match its folder name "inline"');
    expect(errs[1]?.message).toContain('Map keys must be unique');
  });

  it('a missing lab file is an error too', () => {
    const r = loadLab(path.join(fixtures, 'does-not-exist'), opts);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formatLabError(r.errors[0]!)).toMatch(/does-not-exist\/lab\.yaml:1:1: cannot read lab file/);
  });
});

describe('step ranges for --from/--to', () => {
  const r = loadLab(path.join(repo, 'labs', 'traffic-shifting'), opts);
  if (!r.ok) throw new Error('traffic-shifting invalid');
  const lab = r.value.lab;

  it('selects inclusive ranges', () => {
    const got = resolveStepRange(lab, 'shift-10', 'shift-50');
    expect(got.ok && got.steps.map((s) => s.id)).toEqual(['shift-10', 'shift-50']);
    const all = resolveStepRange(lab);
    expect(all.ok && all.steps.length).toBe(lab.steps.length);
  });

  it('explains unknown and reversed steps', () => {
    expect(resolveStepRange(lab, 'shift-5')).toEqual({
      ok: false,
      message:
        '--from shift-5: no such step in lab "traffic-shifting" (did you mean "shift-50"?); steps: deploy, subsets, all-v1, shift-10, shift-50, all-v2',
    });
    expect(resolveStepRange(lab, 'shift-50', 'deploy')).toEqual({ ok: false, message: '--from shift-50 comes after --to deploy' });
  });

  it('findLab: unknown ids are undefined', () => {
    expect(findLab('nope', path.join(repo, 'labs'))).toBeUndefined();
    expect(findLab('../labs', path.join(repo, 'labs'))).toBeUndefined();
  });
});
