import { describe, expect, it } from 'vitest';
import { newProgress, nextStep, parseProgress, reconcileProgress, recordStep, serializeProgress, unmetRequirements } from '../../../src/labs/progress.js';

const lab = { id: 'traffic-shifting', steps: [{ id: 'deploy' }, { id: 'subsets' }, { id: 'all-v1' }] };
const t0 = new Date('2026-01-01T00:00:00Z');

describe('progress', () => {
  it('round-trips through JSON', () => {
    let p = newProgress(lab, 'abc', t0, 'mesh-lab');
    p = recordStep(p, 'deploy', { status: 'running' }, t0);
    p = recordStep(p, 'deploy', { status: 'passed', checks: [{ pass: true, message: 'ok', attempts: 1 }] }, new Date('2026-01-01T00:01:00Z'));
    const text = serializeProgress(p);
    const back = parseProgress(text);
    expect(back).toEqual({ ok: true, value: p });
    expect(p.steps.deploy).toMatchObject({ status: 'passed', attempts: 1 });
    expect(p.updatedAt).toBe('2026-01-01T00:01:00.000Z');
    expect(nextStep(p, lab)).toBe('subsets');
    expect(unmetRequirements(p, { requires: ['deploy', 'subsets'] })).toEqual(['subsets']);
  });

  it('rejects broken files with a reason', () => {
    expect(parseProgress('{')).toMatchObject({ ok: false });
    expect(parseProgress('{"schema": 2}')).toMatchObject({ ok: false, message: expect.stringContaining('progress file is invalid') });
  });

  it('reconciles with an edited lab', () => {
    const p = recordStep(newProgress(lab, 'abc', t0), 'deploy', { status: 'passed' }, t0);
    const edited = { id: lab.id, steps: [{ id: 'deploy' }, { id: 'new-step' }] };
    const r = reconcileProgress(p, edited, 'def');
    expect(Object.keys(r.steps)).toEqual(['deploy', 'new-step']);
    expect(r.steps['new-step']).toEqual({ status: 'pending', attempts: 0 });
    expect(r.labDigest).toBe('def');
  });
});
