// Manifests are emitted as YAML 1.1, the dialect Kubernetes' decoder (go-yaml v2
// semantics) reads: a value like `on`, `yes` or `0755` must come out quoted, or the
// cluster would read a boolean or an octal number where we wrote a string.
import { Document, parseAllDocuments } from 'yaml';

export function toYaml(docs: readonly unknown[]): string {
  return docs
    .map((doc) => new Document(doc, { version: '1.1' }).toString({ lineWidth: 0 }))
    .join('---\n');
}

export function parseYamlDocuments(text: string, source = 'manifest'): unknown[] {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`${source}: ${doc.errors[0]!.message}`);
    }
    const value = doc.toJS() as unknown;
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}
