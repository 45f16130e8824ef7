// A lab and its steps as data (what `lab show`, `lab step` and `lab start` print under
// --json, the step text as its Markdown source) and as text for the terminal. Pure and
// light: the commands format without loading the lab engine.
import { renderMarkdown, type MarkdownStyle } from '../../ui/markdown.js';
import { useColor } from '../../ui/output.js';

/** How step text is shown: wrapped to the terminal's width (80 when piped), styled only on a TTY without NO_COLOR. */
export function terminalStyle(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): MarkdownStyle {
  return { width: stream.isTTY && stream.columns ? Math.max(40, stream.columns) : 80, color: useColor(env, Boolean(stream.isTTY)) };
}

/** A step as data: what `lab step`/`lab show` print, and what they print under --json. */
export interface StepView {
  number: number;
  of: number;
  id: string;
  title: string;
  optional: boolean;
  text: string;
  /** where the step's files are rendered, when it applies manifests */
  workDir?: string;
  /** the commands a learner types, as shown */
  commands: string[];
  /** what `mesh-lab lab check` checks */
  checks: string[];
}

export interface LabView {
  id: string;
  title: string;
  summary?: string;
  requires: { profile: string; outboundTrafficPolicy: string };
  /** the routing API this variant uses, and every API the lab runs with */
  api: { id: string; title: string; available: string[] };
  steps: StepView[];
}

export function formatStepView(v: StepView, style: MarkdownStyle = terminalStyle()): string {
  const head = `Step ${v.number}/${v.of}: ${v.title}${v.optional ? ' (optional)' : ''}`;
  const lines = [style.color ? `\x1b[1m${head}\x1b[22m` : head, '', renderMarkdown(v.text, style), ''];
  if (v.workDir) lines.push(`(the files are in ${v.workDir}: cd there to type the commands as shown)`, '');
  if (v.commands.length) lines.push('Commands:', ...v.commands.map((c) => `  $ ${c}`), '');
  if (v.checks.length) lines.push('Checked by `mesh-lab lab check`:', ...v.checks.map((c) => `  - ${c}`));
  return lines.join('\n').trimEnd();
}

export function formatLabView(v: LabView, style: MarkdownStyle = terminalStyle()): string {
  const head = [`${v.title} (${v.id})`, v.summary, `Requires: Istio profile ${v.requires.profile}, outboundTrafficPolicy ${v.requires.outboundTrafficPolicy}`,
    `API: ${v.api.title}${v.api.available.length > 1 ? ` (also: ${v.api.available.filter((a) => a !== v.api.id).map((a) => (a === 'gateway-api' ? 'the Gateway API with --gateway-api' : 'the Istio API without --gateway-api')).join(', ')})` : ''}`, ''];
  return [...head, ...v.steps.map((s) => formatStepView(s, style) + '\n')].join('\n').trimEnd();
}

/** What `lab start` reports: the lab, where its files are rendered, and its first step. */
export interface LabStartView {
  lab: string;
  steps: number;
  workDir: string;
  step: StepView;
}
