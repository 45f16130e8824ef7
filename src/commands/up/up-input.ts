// What `mesh-lab up` (and `lab start`) hand to runUp: the input side of the options schema,
// every field optional (src/state/up-options.ts fills the defaults), the dry run coming
// from the session rather than from here.
import type { z } from 'zod';
import type { UpOptionsSchema } from '../../state/up-options.js';

export type UpInput = Partial<Omit<z.input<typeof UpOptionsSchema>, 'dryRun'>>;
