// Tool client versions remembered across runs. `kind version`, `kubectl version --client
// -o json` and `istioctl version --remote=false -o json` answer from the binary alone, yet
// each costs a process start (≈100-300 ms for Go binaries on a busy laptop) on every `up`.
// An answer is reused only while the binary at that path is the same file: same device,
// inode, size, modification and change time (an upgrade, a reinstall or a replaced symlink
// target changes at least one). Only answers that exited 0 are kept; a missing, corrupt
// or foreign file is ignored (the tools are asked again) and rewritten.
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { formatCommand } from '../process/format-command.js';
import { isClientVersionProbe, type VersionProbe } from '../process/read-ahead-runner.js';
import { cacheRoot } from './cache.js';

const FORMAT = 1;

interface Entry {
  file: string;
  args: string[];
  stamp: string;
  stdout: string;
  stderr: string;
}

/** `<mesh-lab cache>/tool-versions.json`, next to the tools folder. */
export function versionCacheFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(cacheRoot(env), 'tool-versions.json');
}

/** What identifies the binary at `path` now; undefined when it is not a readable file. */
export function binaryStamp(path: string): string | undefined {
  try {
    const st = statSync(path);
    if (!st.isFile()) return undefined;
    return `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  } catch {
    return undefined;
  }
}

function isEntry(e: unknown): e is Entry {
  const x = e as Entry;
  return (
    typeof x === 'object' && x !== null && typeof x.file === 'string' && isAbsolute(x.file) && Array.isArray(x.args) &&
    x.args.every((a) => typeof a === 'string') && typeof x.stamp === 'string' && typeof x.stdout === 'string' && typeof x.stderr === 'string' &&
    isClientVersionProbe(x.file, x.args)
  );
}

/** The remembered answers whose binary is still the same file. */
export function readVersionCache(file: string): VersionProbe[] {
  let doc: { format?: unknown; probes?: unknown };
  try {
    doc = JSON.parse(readFileSync(file, 'utf8')) as typeof doc;
  } catch {
    return [];
  }
  if (doc?.format !== FORMAT || !Array.isArray(doc.probes)) return [];
  return doc.probes
    .filter(isEntry)
    .filter((e) => binaryStamp(e.file) === e.stamp)
    .map((e) => ({ file: e.file, args: e.args, result: { command: formatCommand(e.file, e.args), stdout: e.stdout, stderr: e.stderr, exitCode: 0 } }));
}

/** Remembers these answers (successful probes of absolute paths only); failures to write are ignored. */
export function writeVersionCache(file: string, probes: readonly VersionProbe[]): void {
  const entries: Entry[] = [];
  for (const p of probes) {
    const stamp = isAbsolute(p.file) && p.result.exitCode === 0 ? binaryStamp(p.file) : undefined;
    if (stamp) entries.push({ file: p.file, args: p.args, stamp, stdout: p.result.stdout, stderr: p.result.stderr });
  }
  try {
    writeFileAtomic(file, `${JSON.stringify({ format: FORMAT, probes: entries }, null, 1)}\n`);
  } catch {
    // an unwritable cache only means the next run asks the tools again
  }
}
