// Everything one attendee gets in the shared cluster, rendered from the same templates as
// `up`: their namespace (sidecar injection on, labelled with the workshop), a
// ServiceAccount with a namespace-only Role, the helloworldservice app answering with a
// per-attendee text (so an answer shows whose app it came from), and a Gateway +
// VirtualService on the attendee's own host through the shared ingress gateway.
import { DEFAULTS } from '../config/defaults.js';
import { networkingApiVersion } from '../istio/networking-api.js';
import type { K8sObject } from '../kube/objects.js';
import { renderTemplate } from '../manifests/template.js';
import { attendeeHost, attendeeNamespace } from '../state/workshop-state.js';
import { attendeeRbac } from './attendee-role.js';

/** The label that ties every object of a workshop together (namespaces: what down may delete). */
export const WORKSHOP_LABEL = 'mesh-lab.io/workshop';
export const ATTENDEE_LABEL = 'mesh-lab.io/attendee';

export interface AttendeeObjectsInput {
  workshop: string;
  id: string;
  domain: string;
  istioVersion: string;
  image?: string;
}

/** What the attendee's helloworldservice answers: names the attendee, so a response proves whose app it is. */
export function attendeeGreeting(workshop: string, id: string): string {
  return `Hello from ${attendeeNamespace(id)} (workshop ${workshop})`;
}

export function attendeeObjects(i: AttendeeObjectsInput): K8sObject[] {
  const namespace = attendeeNamespace(i.id);
  const host = attendeeHost(i.id, i.domain);
  const labels = { 'app.kubernetes.io/managed-by': 'mesh-lab', [WORKSHOP_LABEL]: i.workshop, [ATTENDEE_LABEL]: i.id };
  const app = renderTemplate('helloworld-app.yaml', {
    namespace,
    image: i.image ?? DEFAULTS.image,
    args: [`-listen=:${DEFAULTS.appPort}`, `-text=${attendeeGreeting(i.workshop, i.id)}`],
    port: DEFAULTS.appPort,
  }) as K8sObject[];
  const networking = networkingApiVersion(i.istioVersion);
  const gateway = renderTemplate('helloworld-gateway.yaml', { namespace, networkingApiVersion: networking })[0] as K8sObject & { spec: { servers: Array<{ hosts: string[] }> } };
  for (const s of gateway.spec.servers) s.hosts = [host];
  const vs = renderTemplate('helloworld-virtualservice.yaml', { namespace, networkingApiVersion: networking, path: DEFAULTS.path, port: DEFAULTS.appPort })[0] as K8sObject & { spec: { hosts: string[] } };
  vs.spec.hosts = [host];
  const [ns, ...rest] = app;
  ns!.metadata.labels = { ...(ns!.metadata.labels ?? {}), ...labels };
  for (const o of [...rest, gateway, vs]) o.metadata.labels = { ...(o.metadata.labels ?? {}), [WORKSHOP_LABEL]: i.workshop };
  // the namespace first: kubectl apply creates objects in the order given
  return [ns!, ...attendeeRbac(namespace, labels), ...rest, gateway, vs];
}
