// Reading manifests the way kubectl's resource builder does: a YAML (or JSON) stream of
// `---`-separated documents, empty documents skipped, `kind: List` expanded.
import { parseAllDocuments } from 'yaml';
import { ApiError } from './errors.js';

export function parseManifests(text: string, source: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const out: unknown[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) {
      const e = d.errors[0]!;
      const line = e.linePos?.[0]?.line ?? 0;
      throw new ApiError('', `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
    }
    const v = d.toJS({ maxAliasCount: 1000 }) as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v === 'object' && !Array.isArray(v) && (v as any).kind === 'List' && Array.isArray((v as any).items)) {
      out.push(...((v as any).items as unknown[]));
    } else out.push(v);
  }
  return out;
}
