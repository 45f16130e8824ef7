// The `request` of http and distribution checks: where it is sent from, and the
// validation both kinds share.
import type { ExecContext } from '../executor/context.js';
import { findClientPod, type ClientPod } from '../executor/client-pod.js';
import type { ValidationScope } from '../kinds.js';
import type { CheckOutcome, HttpRequestSpec } from '../types.js';
import { classifyAnswer, formatExplanations, gatherEvidence, type AnswerSeen } from '../../verify/explain.js';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `via: mesh` needs a pod to send from. */
export function validateRequest(raw: unknown, v: ValidationScope): void {
  if (isObj(raw) && raw.via === 'mesh' && raw.from === undefined && !v.hasClient) v.error(['request'], 'via: mesh needs "from", or a lab-level "client" to send from');
}

/** The client pod of an in-mesh request, looked up once per check (not per attempt). */
export async function clientFor(ctx: ExecContext, req: HttpRequestSpec): Promise<ClientPod | undefined> {
  return req.via === 'mesh' ? await findClientPod(ctx, req.from) : undefined;
}

/** Where a request goes, for titles. */
export function requestTarget(req: HttpRequestSpec): string {
  return req.path ?? req.url ?? '';
}

/** A failed check's message with what the last answer means and what to look at (src/verify/explain.ts). */
export async function explainFailure<O extends CheckOutcome>(ctx: ExecContext, outcome: O, last: AnswerSeen): Promise<O> {
  const explained = await gatherEvidence(ctx.kubectl, ctx.namespace, classifyAnswer(last));
  return explained.length ? { ...outcome, message: `${outcome.message}\n${formatExplanations(explained)}` } : outcome;
}
