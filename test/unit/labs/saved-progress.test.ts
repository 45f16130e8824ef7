// The hand-written reader behind `lab step` (src/labs/saved-progress.ts) must agree with
// the zod path (EnvironmentStateSchema, LabProgressSchema): it may decline (undefined → the
// full session answers), but what it returns must be what the full path would use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LabProgressSchema } from '../../../src/labs/progress.js';
import { isLabProgress, readSavedLabProgress } from '../../../src/labs/saved-progress.js';
import { EnvironmentStateSchema } from '../../../src/state/environment-state.js';

const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-saved-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const progress = {
  schema: 1,
  labId: 'ingress-routing',
  labDigest: 'abc',
  cluster: 'kind-mesh-lab',
  startedAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:01:00.000Z',
  steps: {
    'app-running': { status: 'passed', attempts: 1, finishedAt: '2025-01-01T00:01:00.000Z', checks: [{ pass: true, message: 'ok', attempts: 1 }] },
    gateway: { status: 'pending', attempts: 0 },
  },
};
const state = {
  schema: 2,
  environment: 'mesh-lab',
  provider: 'kind',
  cluster: { name: 'mesh-lab', context: 'kind-mesh-lab', kubeconfig: '/s/kubeconfig', createdByMeshLab: true },
  updatedAt: '2025-01-01T00:00:00.000Z',
  labs: { 'ingress-routing': progress },
  currentLab: 'ingress-routing',
};

let n = 0;
function fileWith(content: unknown): string {
  const f = join(dir, `state-${n++}.json`);
  writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));
  return f;
}

const step = (s: Record<string, unknown>) => ({ ...progress, steps: { ...progress.steps, gateway: s } });
const progressVariants: Array<[string, unknown]> = [
  ['a valid progress', progress],
  ['no steps yet', { ...progress, steps: {} }],
  ['applied objects', { ...progress, applied: ['Gateway/mesh-lab/helloworld-gateway'] }],
  ['an unknown key (zod strips it)', { ...progress, extra: 1 }],
  ['another schema version', { ...progress, schema: 2 }],
  ['no labDigest', { ...progress, labDigest: undefined }],
  ['cluster null', { ...progress, cluster: null }],
  ['steps as a list', { ...progress, steps: [] }],
  ['an unknown status', step({ status: 'done', attempts: 0 })],
  ['negative attempts', step({ status: 'pending', attempts: -1 })],
  ['fractional attempts', step({ status: 'pending', attempts: 0.5 })],
  ['a check without a message', step({ status: 'failed', attempts: 1, checks: [{ pass: false }] })],
  ['a message that is not text', step({ status: 'failed', attempts: 1, message: 3 })],
  ['applied not a list of text', { ...progress, applied: [1] }],
  ['not an object', 'progress'],
];

describe('isLabProgress', () => {
  for (const [name, value] of progressVariants) {
    it(`decides like LabProgressSchema: ${name}`, () => {
      expect(isLabProgress(value)).toBe(LabProgressSchema.safeParse(value).success);
    });
  }
});

describe('readSavedLabProgress', () => {
  it('the current lab and its progress, as the zod path reads them', () => {
    expect(EnvironmentStateSchema.safeParse(state).success).toBe(true);
    const r = readSavedLabProgress(fileWith(state));
    expect(r).toEqual({ currentLab: 'ingress-routing', gatewayApi: false, joined: false, progress: LabProgressSchema.parse(progress) });
  });

  it('says whether the environment runs Gateway API forms or is a joined workshop one (lab step then takes the full path)', () => {
    expect(readSavedLabProgress(fileWith({ ...state, options: { gatewayApi: true } }))).toMatchObject({ gatewayApi: true, joined: false });
    expect(readSavedLabProgress(fileWith({ ...state, workshop: { name: 'w', attendee: '02', namespace: 'attendee-02', host: 'attendee-02.w.test' } }))).toMatchObject({ gatewayApi: false, joined: true });
  });

  it('no progress recorded for the current lab: undefined progress (the full path then starts at step 1)', () => {
    expect(readSavedLabProgress(fileWith({ ...state, labs: undefined }))).toEqual({ currentLab: 'ingress-routing', gatewayApi: false, joined: false, progress: undefined });
    expect(readSavedLabProgress(fileWith({ ...state, labs: { other: progress } }))).toEqual({ currentLab: 'ingress-routing', gatewayApi: false, joined: false, progress: undefined });
  });

  for (const [name, doc] of [
    ['no file', undefined],
    ['no lab started (the full path says so)', { ...state, currentLab: undefined }],
    ['progress the schema rejects (the full path decides what that means)', { ...state, labs: { 'ingress-routing': { ...progress, schema: 9 } } }],
    ['labs not an object', { ...state, labs: [] }],
    ['another state schema', { ...state, schema: 1 }],
    ['a damaged file', '{"schema": 2,'],
  ] as Array<[string, unknown]>) {
    it(`declines: ${name}`, () => {
      expect(readSavedLabProgress(doc === undefined ? join(dir, 'absent.json') : fileWith(doc))).toBeUndefined();
    });
  }
});
