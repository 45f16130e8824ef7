// Runs one action of a step through its kind (actions/registry.ts). The learner sees the
// command as they would type it (`shown`); mesh-lab runs the structured equivalent with
// the lab's kubeconfig and context, never a shell string.
import { builtinKinds } from '../schema.js';
import { kindOf, type ActionKind } from '../kinds.js';
import type { Action } from '../types.js';
import type { ExecContext } from './context.js';

export { manifestSource, renderedManifest } from '../actions/apply.js';

function resolve(action: Action, kinds: readonly ActionKind[]): { kind: ActionKind; body: unknown } {
  const k = kindOf(kinds, action);
  // the loader validated the lab against the same kinds, so this is a programming error
  if (k === undefined) throw new Error(`an action of no known kind (${Object.keys(action).join(', ')})`);
  return k;
}

/** The command as the learner types it, unrendered (what `lab show` lists for the action). */
export function actionTitle(action: Action, kinds: readonly ActionKind[] = builtinKinds.actions): string {
  const { kind, body } = resolve(action, kinds);
  return kind.title(body);
}

export async function runAction(ctx: ExecContext, action: Action): Promise<void> {
  const { kind, body } = resolve(action, ctx.kinds?.actions ?? builtinKinds.actions);
  await kind.run(ctx, body);
}
