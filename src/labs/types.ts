// Types of a lab, derived from the schemas: Check and Action from the kind lists
// (checks/registry.ts, actions/registry.ts), so a new kind needs no edit here.
import type { z } from 'zod';
import type { ApplyActionSchema } from './actions/apply.js';
import type { ExecActionSchema } from './actions/exec.js';
import type { RunActionSchema } from './actions/run.js';
import type { WaitActionSchema } from './actions/wait.js';
import type { Measurement } from './stats/measurement.js';
import type { BucketSchema, DistributionCheckSchema } from './checks/distribution.js';
import type { HeaderExpectationSchema, HttpCheckSchema, HttpExpectationSchema } from './checks/http.js';
import type { FieldExpectationSchema, ResourceCheckSchema } from './checks/resource.js';
import type { ActionSchema, CheckSchema, LabSchema, StepSchema } from './schema.js';
import type { LAB_APIS } from './schema-parts.js';
import type { PodRefSchema, RequestSchema, RequirementsSchema, RetrySchema } from './schema-parts.js';

export type Lab = z.infer<typeof LabSchema>;
export type Step = z.infer<typeof StepSchema>;
/** A routing API a lab runs with (`apis` in lab.yaml). */
export type LabApi = (typeof LAB_APIS)[number];
export type Requirements = z.infer<typeof RequirementsSchema>;
export type PodRef = z.infer<typeof PodRefSchema>;
export type Action = z.infer<typeof ActionSchema>;
export type ApplyAction = z.infer<typeof ApplyActionSchema>;
export type RunAction = z.infer<typeof RunActionSchema>;
export type ExecAction = z.infer<typeof ExecActionSchema>;
export type WaitAction = z.infer<typeof WaitActionSchema>;
export type Check = z.infer<typeof CheckSchema>;
export type HttpCheck = z.infer<typeof HttpCheckSchema>;
export type HttpRequestSpec = z.infer<typeof RequestSchema>;
export type HttpExpectation = z.infer<typeof HttpExpectationSchema>;
export type HeaderExpectation = z.infer<typeof HeaderExpectationSchema>;
export type DistributionCheck = z.infer<typeof DistributionCheckSchema>;
export type Bucket = z.infer<typeof BucketSchema>;
export type ResourceCheck = z.infer<typeof ResourceCheckSchema>;
export type FieldExpectation = z.infer<typeof FieldExpectationSchema>;
export type Retry = z.infer<typeof RetrySchema>;

/** One problem in a lab folder, located in its file. line/col are 1-based. */
export interface LabError {
  file: string;
  line: number;
  col: number;
  /** Where in the document, e.g. `steps[2].checks[0].http.expect.status` ('' = whole file). */
  path: string;
  message: string;
}

/** A lab that validated, with everything the executor needs to find its files. */
export interface LoadedLab {
  lab: Lab;
  /** Absolute lab folder. */
  dir: string;
  /** Absolute path of lab.yaml. */
  file: string;
  /** sha256 of lab.yaml (hex), so stored progress can tell the lab changed. */
  digest: string;
}

export type LoadResult = { ok: true; value: LoadedLab } | { ok: false; errors: LabError[] };

/** Defaults the executor applies when a field is left out. */
export const LAB_DEFAULTS = {
  namespace: 'mesh-lab',
  retry: { timeoutSeconds: 30, intervalMs: 1000, consecutiveSuccesses: 1 },
  requestTimeoutSeconds: 10,
  runTimeoutSeconds: 120,
  waitTimeoutSeconds: 120,
} as const;

/** What a check evaluator returns. `message` says what was expected and what was seen. */
export interface CheckOutcome {
  pass: boolean;
  message: string;
  /** the numbers a measuring check took (split counts and intervals, latencies) */
  measurement?: Measurement;
}
