// Removing attendees: their namespace (and with it the ServiceAccount, so every token issued
// for it stops working, the Role, the binding, the app and its routes) and their join
// file. Only namespaces carrying this workshop's label are deleted: a namespace of the same
// name that is not the workshop's is left alone and reported.
import { rmSync } from 'node:fs';
import type { Kubectl } from '../kube/kubectl.js';
import type { AttendeeRecord } from '../state/workshop-state.js';
import { WORKSHOP_LABEL } from './attendee-objects.js';

export interface TeardownResult {
  removed: string[];
  kept: string[];
}

export async function removeAttendees(kubectl: Kubectl | undefined, workshop: string, attendees: readonly AttendeeRecord[]): Promise<TeardownResult> {
  const removed: string[] = [];
  const kept: string[] = [];
  if (kubectl && attendees.length > 0) {
    const live = await kubectl.getNamed(attendees.map((a) => `namespace/${a.namespace}`), undefined, 'read the attendee namespaces');
    const ours = live.filter((ns) => ns.metadata.labels?.[WORKSHOP_LABEL] === workshop).map((ns) => ns.metadata.name);
    for (const ns of live) if (!ours.includes(ns.metadata.name)) kept.push(`namespace ${ns.metadata.name} (not labelled ${WORKSHOP_LABEL}=${workshop})`);
    if (ours.length > 0) {
      // one call for all of them; --wait=false: the namespace controller finishes in the background
      await kubectl.run(['delete', 'namespace', ...ours, '--ignore-not-found', '--wait=false'], { purpose: `delete ${ours.length} attendee namespaces` });
      removed.push(...ours.map((n) => `namespace ${n} (its ServiceAccount, token, Role, app and routes)`));
    }
  }
  for (const a of attendees) {
    rmSync(a.joinFile, { force: true });
    removed.push(`join file ${a.joinFile}`);
  }
  return { removed, kept };
}
