// `workshop status`'s run function and its human text: one line per attendee and lab
// (✔ passed, ✖ failed, · not tried; `!` where --verify disagrees), the failures' reasons
// under it, and hosts another namespace also claims.
import type { Session } from '../../../session/session.js';
import type { AttendeeRow, StepCell, WorkshopStatus } from '../../../workshop/roll-up.js';
import { parseLabIds, readWorkshopOrFail, workshopLabs } from '../workshop-record.js';

export interface WorkshopStatusOptions {
  name: string;
  labs?: string[];
  verify: boolean;
}

export async function runWorkshopStatus(session: Session, o: WorkshopStatusOptions): Promise<WorkshopStatus> {
  const state = readWorkshopOrFail(o.name, session.env);
  const labs = await workshopLabs(session.env);
  const { readWorkshopStatus } = await import('../../../workshop/workshop-status.js');
  const asked = parseLabIds(o.labs, labs);
  return readWorkshopStatus(session.runner, state, labs, { verify: o.verify, ...(asked ? { labs: asked } : {}) });
}

function mark(c: StepCell): string {
  const m = c.status === 'passed' ? '✔' : c.status === 'failed' ? '✖' : '·';
  return c.disagrees ? `${m}!` : m;
}

function attendeeLines(a: AttendeeRow, s: WorkshopStatus): string[] {
  const lines: string[] = [];
  for (const lab of s.labs) {
    const cells = a.labs[lab.id]!;
    const done = lab.steps.filter((st) => cells[st.id]!.status === 'passed').length;
    lines.push(`${a.id}  ${lab.id.padEnd(Math.max(...s.labs.map((l) => l.id.length)))}  ${lab.steps.map((st) => mark(cells[st.id]!)).join(' ')}  ${done}/${lab.steps.length}`);
    for (const st of lab.steps) {
      const c = cells[st.id]!;
      if (c.status === 'failed') lines.push(`      ✖ ${st.id}: ${c.message ?? 'failed'}`);
      if (c.disagrees && c.verified) lines.push(`      ! ${st.id}: recorded ${c.status}, the instructor's check ${c.verified.status}${c.verified.message ? `: ${c.verified.message}` : ''}`);
    }
  }
  if (a.hostClaimedBy.length) lines.push(`      ⚠ host ${a.host} is also claimed by ${a.hostClaimedBy.join(', ')}`);
  return lines;
}

export function formatWorkshopStatus(s: WorkshopStatus): string {
  const head = `workshop ${s.workshop}: ${s.totals.attendees} attendee(s), ${s.labs.length} lab(s); ${s.totals.passed} step(s) passed, ${s.totals.failed} failed${s.verified ? `, ${s.totals.disagreements} disagreement(s) with the instructor's checks` : ''}`;
  if (s.attendees.length === 0) return `${head}\nno attendees yet: add them with \`mesh-lab workshop up --attendees N\``;
  const lines = [head, 'legend: ✔ passed  ✖ failed  · not tried' + (s.verified ? '  ! recorded and verified differ' : ''), ''];
  for (const a of s.attendees) lines.push(...attendeeLines(a, s));
  for (const c of s.hostConflicts) lines.push(`⚠ host ${c.host} is claimed by ${c.namespaces.length} namespaces: ${c.namespaces.join(', ')}`);
  return lines.join('\n');
}
