// minikube's console output (pkg/minikube/out, pkg/minikube/style, v1.38.1), reduced to what
// the simulator prints. Rules reproduced:
// - colour/emoji prefixes only when wantsColor(): MINIKUBE_IN_STYLE overrides, else TERM or
//   COLORTERM must advertise colour AND the stream is a terminal (the last writer set is
//   stderr, so stderr decides); otherwise the 7-bit LowPrefix ("* ", "  - ", "! ", "X ").
// - spinner styles (ShouldSpin) print nothing when stdout is not a terminal (briandowns/spinner
//   does not start there), and their final line on a terminal.
// - JSON mode (`-o json`): Styled() becomes an io.k8s.sigs.minikube.info cloud event on stdout
//   (keys sorted, message without prefix and trimmed), errors io.k8s.sigs.minikube.error.
// - exit.Message: "\n" on stdout, "X Exiting due to ID: msg" on stderr, "\n" on stdout.
import { randomUUID } from 'node:crypto';

interface StyleDef {
  prefix: string;
  low?: string;
  spin?: boolean;
}

const LowBullet = '* ';
const LowIndent = '  ';
const LowIndentBullet = '  - ';
const LowWarning = '! ';
const LowError = 'X ';

/** style.Config entries the simulator uses (pkg/minikube/style/style.go). */
export const S = {
  Happy: { prefix: '😄  ' },
  Sparkle: { prefix: '✨  ' },
  Notice: { prefix: '📌  ' },
  ThumbsUp: { prefix: '👍  ' },
  Pulling: { prefix: '🚜  ' },
  StartingVM: { prefix: '🔥  ', spin: true },
  Running: { prefix: '🏃  ', spin: true },
  Restarting: { prefix: '🔄  ', spin: true },
  Docker: { prefix: '🐳  ', spin: true },
  CNI: { prefix: '🔗  ' },
  HealthCheck: { prefix: '🔎  ' },
  Option: { prefix: '    ▪ ', low: LowIndentBullet },
  AddonEnable: { prefix: '🌟  ' },
  Ready: { prefix: '🏄  ' },
  Shrug: { prefix: '🤷  ' },
  Workaround: { prefix: '👉  ', low: LowIndent },
  DeletingHost: { prefix: '🔥  ' },
  Deleted: { prefix: '💀  ' },
  Meh: { prefix: '🙄  ', low: LowWarning },
  Stopping: { prefix: '✋  ' },
  Shutdown: { prefix: '🛑  ' },
  Stopped: { prefix: '🛑  ' },
  Celebrate: { prefix: '🎉  ' },
  Kubectl: { prefix: '💗  ' },
  Warning: { prefix: '❗  ', low: LowWarning },
  Failure: { prefix: '❌  ', low: LowError },
  Tip: { prefix: '💡  ' },
  Documentation: { prefix: '📘  ' },
  Fatal: { prefix: '💣  ', low: LowError },
  UnmetRequirement: { prefix: '⛔  ', low: LowError },
} satisfies Record<string, StyleDef>;

export type Style = keyof typeof S;

let json = false;

export function setJSON(on: boolean): void {
  json = on;
}

export function isJSON(): boolean {
  return json;
}

function parseBool(v: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** out.wantsColor for stderr (main calls SetOutFile then SetErrFile; the last one wins). */
export function useColor(env: NodeJS.ProcessEnv = process.env, isTTY = process.stderr.isTTY === true): boolean {
  const o = env.MINIKUBE_IN_STYLE;
  if (o) {
    const b = parseBool(o);
    if (b !== undefined) return b;
  }
  if (env.WT_SESSION) return true;
  const term = env.TERM ?? '';
  const ct = env.COLORTERM ?? '';
  if (!term.includes('color') && !ct.includes('truecolor') && !ct.includes('24bit') && !ct.includes('yes')) return false;
  return isTTY;
}

function lowPrefix(s: StyleDef): string {
  if (s.low !== undefined) return s.low;
  return s.prefix.startsWith('  ') ? LowIndent : LowBullet;
}

/** applyStyle + template: the text a style produces (with its newline). */
export function stylized(st: Style, msg: string, color = useColor()): string {
  const s: StyleDef = S[st];
  return `${color ? s.prefix : lowPrefix(s)}${msg}\n`;
}

function cloudEvent(type: string, data: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
  // Go's encoding/json escapes <, > and & in strings.
  const body = JSON.stringify({ data: sorted, datacontenttype: 'application/json', id: randomUUID(), source: 'https://minikube.sigs.k8s.io/', specversion: '1.0', type: `io.k8s.sigs.minikube.${type}` });
  return `${body.replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')}\n`;
}

/** out.Styled / out.Step (the simulator never needs Step's JSON step numbering). */
export function styled(st: Style, msg: string): void {
  if (json) {
    process.stdout.write(cloudEvent('info', { message: msg.trim() }));
    return;
  }
  const s: StyleDef = S[st];
  if (s.spin && process.stdout.isTTY !== true) return;
  process.stdout.write(stylized(st, msg));
}

/** out.ErrT: stderr (an error event in JSON mode). */
export function errT(st: Style, msg: string): void {
  if (json) {
    process.stdout.write(cloudEvent('error', { message: stylized(st, msg, false).trim() }));
    return;
  }
  process.stderr.write(stylized(st, msg));
}

/** out.WarningT */
export function warning(msg: string): void {
  if (json) {
    process.stdout.write(cloudEvent('warning', { message: stylized('Warning', msg, useColor()) }));
    return;
  }
  errT('Warning', msg);
}

/** out.Ln: a plain line on stdout (suppressed in JSON mode). */
export function ln(s: string): void {
  if (!json) process.stdout.write(`${s}\n`);
}

/** Thrown to end the command with minikube's exit code (exit.Code). */
export class Exit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** exit.Message(reason, msg): the "Exiting due to" block, then the reason's exit code. */
export function exitMessage(id: string, code: number, msg: string, st: Style = 'Failure'): never {
  if (json) {
    process.stdout.write(cloudEvent('error', { advice: '', exitcode: String(code), issues: '', message: msg.trim(), name: id, url: '' }));
  } else {
    ln('');
    errT(st, `Exiting due to ${id}: ${msg}`);
    ln('');
  }
  throw new Exit(code);
}

/** mustload.exitTip: the "To start a cluster" hint, then the exit code. */
export function exitTip(action: string, profile: string, code: number): never {
  styled('Workaround', `To start a cluster, run: "${exampleCmd(profile, action)}"`);
  throw new Exit(code);
}

export function exampleCmd(profile: string, action: string): string {
  return profile !== 'minikube' ? `minikube ${action} -p ${profile}` : `minikube ${action}`;
}
