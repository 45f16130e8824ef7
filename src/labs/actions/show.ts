// The `show` action: a command the learner types (pipes, `export`s); never executed.
import { defineActionKind } from '../kinds.js';
import { renderString } from '../render.js';
import { NonEmpty } from '../schema-parts.js';

export const showAction = defineActionKind({
  name: 'show',
  /** A command that is only displayed (pipes, exports, browser URLs). */
  schema: NonEmpty,
  title: (s) => s,
  validate: (raw, v) => v.placeholders(raw, []),
  async run(ctx, s) {
    ctx.report.shown(renderString(s, ctx.runtime));
  },
});
