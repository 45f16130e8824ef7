// One way to replace a file: write a temp file beside it, then rename. A reader never sees a
// half-written state file, join file or cache, and an interrupted write leaves the old one.
import { chmodSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** `mode` is set from the first byte (e.g. 0o600 for a file holding a credential). */
export function writeFileAtomic(file: string, data: string | Buffer, mode?: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  if (mode === undefined) writeFileSync(tmp, data);
  else {
    writeFileSync(tmp, data, { mode });
    // writeFileSync's mode is filtered by the umask and ignored for an existing file
    chmodSync(tmp, mode);
  }
  renameSync(tmp, file);
}
