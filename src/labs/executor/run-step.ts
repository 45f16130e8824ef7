// One step: its actions in order (unless only checking), then every check, so a learner
// sees everything that is missing at once, not just the first thing.
import type { Step } from '../types.js';
import type { ExecContext } from './context.js';
import { runAction } from './run-action.js';
import { runCheck, type CheckRun } from './run-check.js';
import { measurementLines } from '../stats/measurement-lines.js';
import { useColor } from '../../ui/output.js';

export interface StepResult {
  stepId: string;
  title: string;
  passed: boolean;
  checks: CheckRun[];
  /** an action that failed, in one line */
  error?: string;
}

export async function runStep(ctx: ExecContext, step: Step, opts: { actions: boolean }): Promise<StepResult> {
  if (opts.actions) {
    for (const action of step.actions ?? []) {
      try {
        await runAction(ctx, action);
      } catch (err) {
        return { stepId: step.id, title: step.title, passed: false, checks: [], error: (err as Error).message };
      }
    }
  }
  const checks: CheckRun[] = [];
  for (const check of step.checks ?? []) checks.push(await runCheck(ctx, check));
  return { stepId: step.id, title: step.title, passed: checks.every((c) => c.pass), checks };
}

/** Human lines of a step's result; a measuring check's picture under it (colour on a TTY only). */
export function formatStepResult(r: StepResult, color = useColor(process.env, Boolean(process.stdout.isTTY))): string {
  const lines = [`${r.passed ? '✔' : '✖'} ${r.title}`];
  if (r.error) lines.push(`  action failed: ${r.error}`);
  for (const c of r.checks) {
    lines.push(`  ${c.pass ? '✔' : '✖'} ${c.title}${c.pass ? '' : `: ${c.message}`}`);
    if (c.measurement) lines.push(...measurementLines(c.measurement, color).map((l) => `      ${l}`));
  }
  return lines.join('\n');
}
