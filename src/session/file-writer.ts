// Files mesh-lab writes into its own state folder (kind config, IstioOperator,
// kubeconfig). Under --dry-run they are shown instead of written.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type FileWriter = (path: string, content: string, mode?: number) => void;

export const diskWriter: FileWriter = (path, content, mode) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content, mode === undefined ? undefined : { mode });
};

export function printingWriter(print: (text: string) => void): FileWriter {
  return (path, content) => print(`# would write ${path}:\n${content.trimEnd()}`);
}
