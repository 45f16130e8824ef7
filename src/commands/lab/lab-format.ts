// A lab and its steps as data (what `lab show`, `lab step` and `lab start` print under
// --json) and as text. Pure and light: the commands format without loading the lab engine.

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
  steps: StepView[];
}

export function formatStepView(v: StepView): string {
  const lines = [`Step ${v.number}/${v.of}: ${v.title}${v.optional ? ' (optional)' : ''}`, '', v.text, ''];
  if (v.workDir) lines.push(`(the files are in ${v.workDir}: cd there to type the commands as shown)`, '');
  if (v.commands.length) lines.push('Commands:', ...v.commands.map((c) => `  $ ${c}`), '');
  if (v.checks.length) lines.push('Checked by `mesh-lab lab check`:', ...v.checks.map((c) => `  - ${c}`));
  return lines.join('\n').trimEnd();
}

export function formatLabView(v: LabView): string {
  const head = [`${v.title} (${v.id})`, v.summary, `Requires: Istio profile ${v.requires.profile}, outboundTrafficPolicy ${v.requires.outboundTrafficPolicy}`, ''];
  return [...head, ...v.steps.map((s) => formatStepView(s) + '\n')].join('\n').trimEnd();
}

/** What `lab start` reports: the lab, where its files are rendered, and its first step. */
export interface LabStartView {
  lab: string;
  steps: number;
  workDir: string;
  step: StepView;
}
