// A workshop's record: the shared cluster, its ingress and one entry per attendee. Written by
// `workshop up` (and `workshop remove`), read by `workshop list/status/dashboard/down`.
// Attendee ids are two digits ("01".."99"); an attendee's namespace is `attendee-<id>` and
// their host `attendee-<id>.<domain>`. Join files are written 0600 next to this record.
import { RecordStore } from './record-store.js';

import { z } from 'zod';
import { IngressEndpointSchema } from './environment-state.js';

export const AttendeeRecordSchema = z.object({
  /** two digits: "01" … "99" */
  id: z.string().regex(/^\d{2}$/),
  namespace: z.string(),
  /** the Host every route of this attendee answers: `attendee-<id>.<domain>` */
  host: z.string(),
  serviceAccount: z.string(),
  /** absolute path of the attendee's join file (mode 0600) */
  joinFile: z.string(),
  /** when the join file's token expires (ISO 8601) */
  tokenExpiresAt: z.string().optional(),
  /** the ServiceAccount's uid the token was issued for (a recreated one needs a new token) */
  serviceAccountUid: z.string().optional(),
});
export type AttendeeRecord = z.infer<typeof AttendeeRecordSchema>;

export const WorkshopStateSchema = z.object({
  schema: z.literal(1),
  /** the workshop's name (--name) */
  workshop: z.string(),
  /** a registered provider name; `existing` for a cluster mesh-lab did not create */
  provider: z.string(),
  cluster: z.object({
    name: z.string(),
    context: z.string(),
    kubeconfig: z.string(),
    createdByMeshLab: z.boolean(),
  }),
  /** attendee hosts are `attendee-<id>.<domain>` */
  domain: z.string(),
  istio: z.object({ version: z.string(), profile: z.string(), installedByMeshLab: z.boolean() }).optional(),
  /** the shared ingress as the instructor's machine reaches it */
  ingress: IngressEndpointSchema.optional(),
  attendees: z.array(AttendeeRecordSchema),
  /** objects the workshop applied outside attendee namespaces, for `workshop down` */
  applied: z.array(z.object({ apiVersion: z.string(), kind: z.string(), name: z.string(), namespace: z.string().optional() })).optional(),
  updatedAt: z.string(),
});
export type WorkshopState = z.infer<typeof WorkshopStateSchema>;

export function attendeeId(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`attendee number ${n} is outside 1..99`);
  return String(n).padStart(2, '0');
}

export function attendeeNamespace(id: string): string {
  return `attendee-${id}`;
}

export function attendeeHost(id: string, domain: string): string {
  return `${attendeeNamespace(id)}.${domain}`;
}

export class WorkshopStore extends RecordStore<WorkshopState> {
  constructor(file: string) {
    super(file, WorkshopStateSchema, 'a mesh-lab workshop file');
  }
}
