// The join file: what an attendee gets from the instructor (mode 0600, it holds a token).
// A mesh-lab document, not a bare kubeconfig, because an attendee needs more than cluster
// access: their namespace, the Host their routes answer, and the shared ingress endpoint
// (they cannot discover it: their Role reaches nothing outside their namespace).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { z } from 'zod';
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import { parseYamlDocuments, toYaml } from '../manifests/yaml.js';
import { attendeeNamespace } from '../state/workshop-state.js';

export const JOIN_FILE_KIND = 'MeshLabJoin';

const KubeconfigSchema = z.looseObject({
  clusters: z.array(z.looseObject({ name: z.string(), cluster: z.looseObject({ server: z.string() }) })).min(1),
  contexts: z.array(z.looseObject({ name: z.string(), context: z.looseObject({ cluster: z.string(), user: z.string() }) })).min(1),
  users: z.array(z.looseObject({ name: z.string(), user: z.looseObject({ token: z.string() }) })).min(1),
  'current-context': z.string(),
});

export const JoinFileSchema = z.object({
  apiVersion: z.literal('mesh-lab.io/v1'),
  kind: z.literal(JOIN_FILE_KIND),
  workshop: z.string(),
  attendee: z.string().regex(/^\d{2}$/),
  namespace: z.string(),
  host: z.string(),
  /** the shared ingress as attendees reach it */
  ingress: z.object({ host: z.string(), port: z.number().int() }),
  tokenExpiresAt: z.string(),
  /** a kubeconfig whose only user is the attendee's ServiceAccount token */
  kubeconfig: KubeconfigSchema,
});
export type JoinFile = z.infer<typeof JoinFileSchema>;

export function joinFilePath(attendeesDir: string, id: string): string {
  return join(attendeesDir, `${attendeeNamespace(id)}.join.yaml`);
}

export function writeJoinFile(path: string, file: JoinFile): void {
  // the folder is the instructor's alone; 0600 from the first byte: the token is a credential
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileAtomic(path, `# mesh-lab join file: give it to ${file.namespace} only; run \`mesh-lab join <this file>\`\n${toYaml([file])}`, 0o600);
}

export function readJoinFile(path: string): JoinFile {
  if (!existsSync(path)) throw new MeshLabError(ExitCode.NotFound, `join file ${path} does not exist`, { hint: 'use the path of the file your instructor gave you' });
  let doc: unknown;
  try {
    doc = parseYamlDocuments(readFileSync(path, 'utf8'), path)[0];
  } catch (err) {
    throw new MeshLabError(ExitCode.Usage, `${path} is not a mesh-lab join file: ${(err as Error).message}`);
  }
  const parsed = JoinFileSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MeshLabError(ExitCode.Usage, `${path} is not a mesh-lab join file: ${issue.path.join('.') || 'document'}: ${issue.message}`, {
      hint: 'ask your instructor for your join file again (`mesh-lab workshop list` shows where it is)',
    });
  }
  return parsed.data;
}
