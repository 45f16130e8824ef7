// A lab as it runs in a joined workshop environment (`shared: true` in lab.yaml): each step
// with a `shared:` block uses its actions and checks instead. One function, so the attendee's
// own `lab check` and the instructor's `workshop status --verify` check the same things.
import type { LoadedLab } from './types.js';

export function sharedVariant(loaded: LoadedLab): LoadedLab {
  const steps = loaded.lab.steps.map((s) => {
    if (!s.shared) return s;
    const { shared, ...rest } = s;
    return { ...rest, actions: shared.actions ?? [], checks: shared.checks ?? [] };
  });
  return { ...loaded, lab: { ...loaded.lab, steps } };
}
