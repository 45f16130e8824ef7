// Runs one check of a step against the cluster, retrying within its window, and returns
// a message that says what was expected and what was seen.
import { resourceType } from '../../kube/apply-if-changed.js';
import { evaluateDistribution } from '../checks/distribution.js';
import { evaluateHttpResult, type HttpObservation } from '../checks/http.js';
import { evaluateResource } from '../checks/resource.js';
import { pollCheck, resolveRetry } from '../checks/retry.js';
import type { Check, CheckOutcome, Retry } from '../types.js';
import type { ExecContext } from './context.js';
import { findClientPod } from './client-pod.js';
import { observe } from './observe.js';

export interface CheckRun extends CheckOutcome {
  title: string;
  attempts: number;
}

export function checkTitle(check: Check): string {
  if (check.http) return check.http.title ?? `${check.http.request.method ?? 'GET'} ${check.http.request.path ?? check.http.request.url}`;
  if (check.distribution) return check.distribution.title ?? `distribution of ${check.distribution.samples} requests to ${check.distribution.request.path ?? check.distribution.request.url}`;
  const r = check.resource!;
  return r.title ?? `${r.kind} ${r.name} ${r.exists === false ? 'is gone' : 'exists'}`;
}

function capped(ctx: ExecContext, retry: Retry | undefined): Retry | undefined {
  if (ctx.maxWaitSeconds === undefined) return retry;
  const window = Math.min(resolveRetry(retry).timeoutSeconds, ctx.maxWaitSeconds);
  return { ...(retry ?? {}), timeoutSeconds: Math.max(window, 0.001) };
}

export async function runCheck(ctx: ExecContext, check: Check): Promise<CheckRun> {
  const title = checkTitle(check);
  if (check.http) {
    const http = check.http;
    const client = http.request.via === 'mesh' ? await findClientPod(ctx, http.request.from) : undefined;
    const r = await pollCheck(async () => evaluateHttpResult(http.expect, await observe(ctx, http.request, client)), capped(ctx, http.retry));
    return { title, pass: r.pass, message: r.message, attempts: r.attempts };
  }
  if (check.distribution) {
    const d = check.distribution;
    const client = d.request.via === 'mesh' ? await findClientPod(ctx, d.request.from) : undefined;
    const r = await pollCheck(async () => {
      const samples: HttpObservation[] = [];
      // sequential on purpose: a distribution is about the route's choices, not about load
      for (let i = 0; i < d.samples; i++) samples.push(await observe(ctx, d.request, client));
      return evaluateDistribution(d, samples);
    }, capped(ctx, d.retry));
    return { title, pass: r.pass, message: r.message, attempts: r.attempts };
  }
  const res = check.resource!;
  const namespaced = res.namespace ?? (isClusterScoped(res.kind) ? undefined : ctx.namespace);
  const r = await pollCheck(async () => {
    const [obj] = await ctx.kubectl.getNamed([`${resourceType(res.kind, res.apiVersion)}/${res.name}`], namespaced, `read ${res.kind} ${res.name}`).catch(() => []);
    return evaluateResource(res, obj);
  }, capped(ctx, res.retry));
  return { title, pass: r.pass, message: r.message, attempts: r.attempts };
}

function isClusterScoped(kind: string): boolean {
  return ['Namespace', 'Node', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding'].includes(kind);
}
