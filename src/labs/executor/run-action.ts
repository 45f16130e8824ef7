// Runs one action of a step. The learner sees the command as they would type it
// (`shown`); mesh-lab runs the structured equivalent with the lab's kubeconfig and
// context, never a shell string.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';
import { templatesDir } from '../../manifests/template.js';
import { applyShown, renderApply, renderArgv, renderString } from '../render.js';
import type { Action, ApplyAction, RunAction } from '../types.js';
import { findClientPod } from './client-pod.js';
import type { ExecContext } from './context.js';

export function manifestSource(ctx: ExecContext, a: ApplyAction): string {
  const file = a.manifest !== undefined ? join(ctx.loaded.dir, a.manifest) : join(templatesDir(), a.template!);
  return readFileSync(file, 'utf8');
}

/** The rendered YAML of an apply action (also used by `lab reset` to delete it). */
export function renderedManifest(ctx: ExecContext, a: ApplyAction): string {
  return renderApply(ctx.loaded.lab, a, manifestSource(ctx, a), ctx.runtime);
}

function expectOutcome(what: string, exitCode: number, stdout: string, a: { allowFailure?: boolean | undefined; expect?: { exitCode?: number | undefined; stdoutRegex?: string | undefined } | undefined }): void {
  const wantCode = a.expect?.exitCode;
  if (wantCode !== undefined && exitCode !== wantCode) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what} exited ${exitCode}, expected ${wantCode}`);
  }
  if (wantCode === undefined && exitCode !== 0 && !a.allowFailure) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what} failed (exit ${exitCode})`);
  }
  const re = a.expect?.stdoutRegex;
  if (re && !new RegExp(re, 'm').test(stdout)) {
    throw new MeshLabError(ExitCode.VerificationFailed, `${what}: output does not match /${re}/`, { detail: stdout });
  }
}

async function runTool(ctx: ExecContext, a: RunAction): Promise<void> {
  const timeoutMs = (a.timeoutSeconds ?? 120) * 1000;
  const input = a.stdin !== undefined ? { input: renderString(a.stdin, ctx.runtime) } : {};
  const r = a.kubectl
    ? await ctx.kubectl.run(renderArgv(a.kubectl, ctx.runtime), { reject: false, timeoutMs, ...input })
    : await ctx.istioctl.runWithCluster(renderArgv(a.istioctl!, ctx.runtime), { timeoutMs, ...input });
  const out = `${r.stdout}${r.stderr}`.trimEnd();
  if (out) ctx.report.info(out);
  expectOutcome(renderString(a.shown, ctx.runtime), r.exitCode, r.stdout, a);
}

export async function runAction(ctx: ExecContext, action: Action): Promise<void> {
  if (action.show !== undefined) {
    ctx.report.shown(renderString(action.show, ctx.runtime));
    return;
  }
  if (action.apply) {
    const a = action.apply;
    const yaml = renderedManifest(ctx, a);
    ctx.report.shown(applyShown(ctx.loaded.lab, a, yaml, ctx.runtime));
    // like the learner's `kubectl apply -n NS`: objects without a namespace land in the lab's
    const ns = a.namespace ?? ctx.namespace;
    const lines = a.mode === 'delete' ? await ctx.kubectl.deleteManifest(yaml, `delete ${a.manifest ?? a.template}`, ns) : await ctx.kubectl.apply(yaml, `apply ${a.manifest ?? a.template}`, ns);
    if (lines.length) ctx.report.info(lines.join('\n'));
    return;
  }
  if (action.run) {
    ctx.report.shown(renderString(action.run.shown, ctx.runtime));
    await runTool(ctx, action.run);
    return;
  }
  if (action.exec) {
    const e = action.exec;
    ctx.report.shown(renderString(e.shown, ctx.runtime));
    const pod = await findClientPod(ctx, e.pod);
    const r = await ctx.kubectl.run(['exec', pod.name, '-n', pod.namespace, '-c', pod.container, '--', ...renderArgv(e.command, ctx.runtime)], {
      reject: false,
      timeoutMs: (e.timeoutSeconds ?? 60) * 1000,
    });
    const out = `${r.stdout}${r.stderr}`.trimEnd();
    if (out) ctx.report.info(out);
    expectOutcome(renderString(e.shown, ctx.runtime), r.exitCode, r.stdout, e);
    return;
  }
  const w = action.wait!;
  const ns = w.namespace ?? ctx.namespace;
  ctx.report.shown(renderString(w.shown ?? `kubectl rollout status deployment/${w.name} -n ${ns}`, ctx.runtime));
  const r = await ctx.kubectl.rolloutStatus(w.name, ns, w.timeoutSeconds ?? 120);
  ctx.report.info(r.stdout.trimEnd());
}
