/** SHA-256 helpers and parsing of the checksum files releases publish. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { ToolsError } from './errors.js';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/i;

/**
 * Extracts the expected SHA-256 for `assetName` from a published checksum file. Accepts
 * a bare hash (kubectl, minikube), `sha256sum`/`shasum` lines "<hash>  [*]<name>" (kind,
 * istio) and BSD style "SHA256 (<name>) = <hash>". With several lines, the one naming
 * the asset wins.
 */
export function parseChecksumFile(text: string, assetName: string): string {
  const entries: Array<{ hash: string; name: string | undefined }> = [];
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const bsd = /^SHA256 \((.+)\) = ([0-9a-fA-F]{64})$/.exec(line);
    if (bsd) {
      entries.push({ hash: (bsd[2] ?? '').toLowerCase(), name: bsd[1] });
      continue;
    }
    const [first, ...rest] = line.split(/\s+/);
    if (!first || !HEX64.test(first)) continue;
    const name = rest.join(' ').replace(/^\*/, '');
    entries.push({ hash: first.toLowerCase(), name: name || undefined });
  }
  const base = (n: string): string => n.replace(/^.*\//, '');
  const named = entries.find((e) => e.name !== undefined && base(e.name) === assetName);
  if (named) return named.hash;
  const unnamed = entries.filter((e) => e.name === undefined);
  if (unnamed.length === 1 && unnamed[0]) return unnamed[0].hash;
  if (entries.length === 1 && entries[0]) return entries[0].hash;
  throw new ToolsError(
    'checksum-unavailable',
    `the published checksum file has no SHA-256 for ${assetName}; refusing to install an unverified download`,
    { detail: text.slice(0, 500) },
  );
}

export function checksumMismatch(what: string, expected: string, actual: string, source: string): ToolsError {
  return new ToolsError(
    'checksum-mismatch',
    `checksum mismatch for ${what}: expected ${expected.slice(0, 16)}…, got ${actual.slice(0, 16)}… (${source}); the download was discarded, retry and if it persists check the proxy or mirror (MESH_LAB_TOOLS_BASE_URL)`,
    { detail: `expected ${expected}\nactual   ${actual}` },
  );
}
