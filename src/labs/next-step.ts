// Which step comes next, on its own so `lab step` can ask it without loading the progress
// schema (src/labs/progress.ts re-exports it).
import type { LabProgress } from './progress.js';

/** The first step (in lab order) that has not passed or been skipped; undefined when done. */
export function nextStep(p: Pick<LabProgress, 'steps'>, lab: { steps: readonly { id: string }[] }): string | undefined {
  return lab.steps.find((s) => {
    const st = p.steps[s.id]?.status;
    return st !== 'passed' && st !== 'skipped';
  })?.id;
}
