// `lab show` and `lab step` answer from the validated-lab cache and the state file read by
// hand (src/commands/lab/lab-views.ts); what they print must be exactly what the full path
// (lab-commands.ts: yaml, zod, the kind modules) prints, for every shipped lab and step.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { labShowView } from '../../../src/commands/lab/lab-commands.js';
import { fastLabShowView, fastLabStepView } from '../../../src/commands/lab/lab-views.js';
import { defaultLabsDir } from '../../../src/labs/cached-lab.js';
import { newProgress, recordStep } from '../../../src/labs/progress.js';
import { labIds } from '../../../src/labs/registry.js';
import type { LightSession } from '../../../src/session/light-session.js';
import { environmentPaths } from '../../../src/state/paths.js';

const home = mkdtempSync(join(tmpdir(), 'mesh-lab-lab-views-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const env = { MESH_LAB_HOME: home } as NodeJS.ProcessEnv;

describe('lab show / lab step from the cache', () => {
  const ids = labIds(defaultLabsDir());
  it('there are labs to compare', () => expect(ids.length).toBeGreaterThan(0));

  for (const id of ids) {
    it(`${id}: lab show and every step as the full path builds them`, () => {
      expect(fastLabShowView(id, env)).toBeUndefined(); // nothing cached yet: only the full path can say
      const full = labShowView(id, env); // validates, and fills the cache
      expect(fastLabShowView(id, env)).toEqual(full);

      // `lab step` after the first step passed: the state file as the full store writes it
      const paths = environmentPaths('views', env);
      mkdirSync(paths.dir, { recursive: true });
      const first = full.steps[0]!.id;
      const progress = recordStep(newProgress({ id, steps: full.steps }, 'digest', new Date(0), 'kind-views'), first, { status: 'passed' }, new Date(0));
      writeFileSync(paths.state, JSON.stringify({
        schema: 2, environment: 'views', provider: 'kind', updatedAt: new Date(0).toISOString(),
        cluster: { name: 'views', context: 'kind-views', kubeconfig: join(paths.dir, 'kubeconfig'), createdByMeshLab: true },
        labs: { [id]: progress }, currentLab: id,
      }));
      const light = { environment: 'views', paths, env } as LightSession;
      const next = fastLabStepView(light, undefined)!;
      expect(next.number).toBe(Math.min(2, full.steps.length));
      for (const [i] of full.steps.entries()) {
        const fast = fastLabStepView(light, String(i + 1))!;
        expect(fast).toMatchObject({ ...full.steps[i]!, ...(fast.workDir ? { workDir: join(paths.dir, 'work', id) } : {}) });
      }
    });
  }

  it('declines what only the full path can answer: no state file, no lab started', () => {
    const paths = environmentPaths('nothing-here', env);
    expect(fastLabStepView({ environment: 'nothing-here', paths, env } as LightSession, undefined)).toBeUndefined();
  });
});
