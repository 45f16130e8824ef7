// The instructor's view of the room: attendees × labs × steps, each step passed, failed
// (with the check's one-line reason) or not tried, from the progress ConfigMaps; with
// `--verify` the same steps re-checked by the instructor, and a mark where the two disagree;
// and hosts that another namespace also claims. Pure: the readers live in workshop-status.ts.
import type { AttendeeRecord } from '../state/workshop-state.js';
import type { HostClaims } from './host-claims.js';
import type { RecordedProgress } from './progress-configmap.js';

export type CellStatus = 'passed' | 'failed' | 'not-tried';

export interface VerifiedStep {
  status: 'passed' | 'failed';
  message?: string;
}

export interface StepCell {
  status: CellStatus;
  /** the failing checks' one-line reason (failed only) */
  message?: string;
  /** when the attendee recorded it */
  at?: string;
  /** the instructor's own check (--verify) */
  verified?: VerifiedStep;
  /** a recorded result the instructor's check contradicts (recorded passed, verified failed, or the reverse) */
  disagrees?: boolean;
}

export interface LabColumn {
  id: string;
  title: string;
  steps: { id: string; title: string }[];
}

export interface AttendeeRow {
  id: string;
  namespace: string;
  host: string;
  /** lab id → step id → cell; every lab and step of `labs` is present */
  labs: Record<string, Record<string, StepCell>>;
  passed: number;
  failed: number;
  /** the most recent failed step (recorded), for the per-attendee detail */
  lastFailure?: { lab: string; step: string; message: string; at: string };
  /** other namespaces whose routes name this attendee's host */
  hostClaimedBy: string[];
  /** the attendee has no progress ConfigMap yet */
  neverRecorded: boolean;
}

export interface WorkshopStatus {
  workshop: string;
  readAt: string;
  verified: boolean;
  labs: LabColumn[];
  attendees: AttendeeRow[];
  /** every host claimed by more than one namespace */
  hostConflicts: { host: string; namespaces: string[] }[];
  totals: { attendees: number; steps: number; passed: number; failed: number; disagreements: number };
}

export interface RollUpInput {
  workshop: string;
  attendees: readonly AttendeeRecord[];
  labs: readonly LabColumn[];
  progress: ReadonlyMap<string, RecordedProgress>;
  claims: HostClaims;
  /** namespace → lab → step → the instructor's result (only with --verify) */
  verified?: ReadonlyMap<string, Record<string, Record<string, VerifiedStep>>>;
  now?: Date;
}

export function rollUp(input: RollUpInput): WorkshopStatus {
  let disagreements = 0;
  const attendees = input.attendees.map((a): AttendeeRow => {
    const recorded = input.progress.get(a.namespace);
    const row: AttendeeRow = { id: a.id, namespace: a.namespace, host: a.host, labs: {}, passed: 0, failed: 0, hostClaimedBy: input.claims.claimedBy(a.host, a.namespace), neverRecorded: recorded === undefined };
    for (const lab of input.labs) {
      const cells: Record<string, StepCell> = {};
      for (const step of lab.steps) {
        const r = recorded?.[lab.id]?.steps[step.id];
        const cell: StepCell = r ? { status: r.status, ...(r.message ? { message: r.message } : {}), at: r.at } : { status: 'not-tried' };
        const v = input.verified?.get(a.namespace)?.[lab.id]?.[step.id];
        if (v) {
          cell.verified = v;
          // "not tried" is no claim: only a recorded result the instructor's check contradicts counts
          if (cell.status !== 'not-tried' && v.status !== cell.status) {
            cell.disagrees = true;
            disagreements++;
          }
        }
        if (cell.status === 'passed') row.passed++;
        if (cell.status === 'failed') {
          row.failed++;
          if (!row.lastFailure || (cell.at ?? '') > row.lastFailure.at) row.lastFailure = { lab: lab.id, step: step.id, message: cell.message ?? 'failed', at: cell.at ?? '' };
        }
        cells[step.id] = cell;
      }
      row.labs[lab.id] = cells;
    }
    return row;
  });
  const steps = input.labs.reduce((n, l) => n + l.steps.length, 0);
  return {
    workshop: input.workshop,
    readAt: (input.now ?? new Date()).toISOString(),
    verified: input.verified !== undefined,
    labs: [...input.labs],
    attendees,
    hostConflicts: input.claims.conflicts(),
    totals: {
      attendees: attendees.length,
      steps,
      passed: attendees.reduce((n, a) => n + a.passed, 0),
      failed: attendees.reduce((n, a) => n + a.failed, 0),
      disagreements,
    },
  };
}

/** The labs to show: the ones asked for, else every lab any attendee recorded, else all of them. */
export function labsToShow(all: readonly LabColumn[], progress: ReadonlyMap<string, RecordedProgress>, asked?: readonly string[]): LabColumn[] {
  if (asked?.length) return all.filter((l) => asked.includes(l.id));
  const recorded = new Set([...progress.values()].flatMap((p) => Object.keys(p)));
  const shown = all.filter((l) => recorded.has(l.id));
  return shown.length ? shown : [...all];
}
