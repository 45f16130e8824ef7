// `up` remembers the reads its last successful run made (in the lab's folder, next to
// state.json) and, on a rerun, starts them all at once while preflight runs: with
// everything in place the steps then find their answers already there. A read that no
// longer matches what the steps ask is simply not used (see src/process/read-ahead-runner.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Session } from '../../session/session.js';
import { isPrefetchableRead, type ReadCommand } from '../../process/read-ahead-runner.js';

const FILE = 'up-reads.json';

function valid(c: unknown): c is ReadCommand {
  const r = c as ReadCommand;
  return (
    typeof r === 'object' && r !== null && typeof r.file === 'string' && Array.isArray(r.args) && r.args.every((a) => typeof a === 'string') &&
    (r.timeoutMs === undefined || typeof r.timeoutMs === 'number') && (r.uses === undefined || Number.isSafeInteger(r.uses)) && isPrefetchableRead(r.file, r.args)
  );
}

export function startReadAhead(session: Session): void {
  if (!session.reads) return;
  let saved: unknown;
  try {
    saved = JSON.parse(readFileSync(join(session.paths.dir, FILE), 'utf8'));
  } catch {
    return; // none yet, or unreadable: the steps read one by one
  }
  if (Array.isArray(saved)) session.reads.prefetch(saved.filter(valid));
}

export function saveReadAhead(session: Session): void {
  if (!session.reads || session.dryRun) return;
  writeFileSync(join(session.paths.dir, FILE), `${JSON.stringify(session.reads.reads)}\n`);
}
