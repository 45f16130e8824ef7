// What `lab step` needs from an environment's state (the lab started last and its
// progress), checked by hand like src/state/saved-endpoint.ts, so the command starts
// without zod. It answers only when sure: a state file the small reader vouches for, a
// `currentLab`, and that lab's progress either absent or exactly of LabProgressSchema's
// shape (src/labs/progress.ts). Anything else is undefined, and the caller takes the full,
// zod-validated path, which gives the authoritative answer or error.
// test/unit/labs/saved-progress.test.ts keeps this reader and the schema in step.
import { readStateDocument } from '../state/saved-endpoint.js';
import type { LabProgress } from './progress.js';

export interface SavedLabProgress {
  currentLab: string;
  /** the environment was made with `--gateway-api` (labs then run their Gateway API form) */
  gatewayApi: boolean;
  /** a joined workshop environment (labs then run their shared form) */
  joined: boolean;
  /** undefined: no progress recorded for it */
  progress: LabProgress | undefined;
}

type Check = (v: unknown) => boolean;
const str: Check = (v) => typeof v === 'string';
const count: Check = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const optional = (check: Check): Check => (v) => v === undefined || check(v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fields = (shape: Record<string, Check>): Check => (v) => isObject(v) && Object.entries(shape).every(([k, check]) => check(v[k]));

const STATUSES = new Set(['pending', 'running', 'passed', 'failed', 'skipped']);
const checkRecord = fields({ pass: (v) => typeof v === 'boolean', message: str, attempts: optional(count) });
const stepProgress = fields({
  status: (v) => STATUSES.has(v as string),
  attempts: count,
  startedAt: optional(str),
  finishedAt: optional(str),
  checks: optional((v) => Array.isArray(v) && v.every(checkRecord)),
  message: optional(str),
});

/** LabProgressSchema, by hand (unknown keys are allowed: zod strips them). */
export const isLabProgress: Check = fields({
  schema: (v) => v === 1,
  labId: str,
  labDigest: str,
  cluster: optional(str),
  startedAt: str,
  updatedAt: str,
  steps: (v) => isObject(v) && Object.values(v).every(stepProgress),
  applied: optional((v) => Array.isArray(v) && v.every(str)),
});

export function readSavedLabProgress(stateFile: string): SavedLabProgress | undefined {
  const doc = readStateDocument(stateFile);
  if (!doc || !str(doc.currentLab)) return undefined;
  const base = { currentLab: doc.currentLab as string, gatewayApi: isObject(doc.options) && doc.options.gatewayApi === true, joined: doc.workshop !== undefined };
  if (doc.labs === undefined) return { ...base, progress: undefined };
  if (!isObject(doc.labs)) return undefined;
  const raw = doc.labs[base.currentLab];
  if (raw === undefined) return { ...base, progress: undefined };
  return isLabProgress(raw) ? { ...base, progress: raw as LabProgress } : undefined;
}
