// The real docker CLI, found on PATH past the simulator's own shims (test/sim/bin), so the
// simulated tools' many docker calls do not each pass through the `docker` shim.
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SHIM_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin');

let cached: string | undefined;

export function realDocker(): string {
  if (cached) return cached;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || resolve(dir) === SHIM_DIR) continue;
    const candidate = join(dir, 'docker');
    if (existsSync(candidate)) return (cached = candidate);
  }
  return (cached = 'docker');
}
