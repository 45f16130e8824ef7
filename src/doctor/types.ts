/** Result shapes shared by every doctor check. */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  /** Stable dotted id, e.g. "docker.reachable", "tool.kind", "port.8080". */
  id: string;
  status: CheckStatus;
  /** One line: what was found. */
  summary: string;
  /** One line: what to do (absent on pass). */
  fix?: string;
  /** Machine-readable facts for --json. */
  details?: Record<string, unknown>;
}

export interface DoctorReport {
  ok: boolean;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

export function makeReport(checks: CheckResult[]): DoctorReport {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0 };
  for (const c of checks) counts[c.status]++;
  return { ok: counts.fail === 0, counts, checks };
}

/** Non-zero on any fail; warnings alone exit 0. */
export function doctorExitCode(report: DoctorReport): number {
  return report.ok ? 0 : 1;
}

const MARK: Record<CheckStatus, string> = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' };

/** Plain-text rendering (no colour): one line per check, plus an indented fix line. */
export function formatReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`[${MARK[c.status]}] ${c.summary}`);
    if (c.fix && c.status !== 'pass') lines.push(`       fix: ${c.fix}`);
  }
  lines.push(`${report.counts.pass} passed, ${report.counts.warn} warnings, ${report.counts.fail} failed`);
  return lines.join('\n');
}
