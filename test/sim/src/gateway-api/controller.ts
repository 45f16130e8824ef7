// istiod's Gateway API controller, run after every write to the simulated API server (a
// controller that answers instantly). Facts from istio/istio 1.30
// pilot/pkg/config/kube/gateway (gatewayclass.go, deploymentcontroller.go, conditions.go)
// and manifests/charts/istio-control/istio-discovery/files/kube-gateway.yaml:
// - istiod creates the GatewayClasses `istio` (istio.io/gateway-controller) and
//   `istio-remote` (istio.io/unmanaged-gateway), also when the CRDs arrive after istiod;
// - a Gateway NAME of class `istio` without addresses gets a ServiceAccount, Deployment and
//   Service `NAME-istio` (ownerReferences to the Gateway, so they go when it goes), labelled
//   gateway.networking.k8s.io/gateway-name; see deployment.ts;
// - Gateway and HTTPRoute status: see status.ts.
import type { K8sObject } from '../lib/store.js';
import { newUid, nextResourceVersion, nowTimestamp } from '../k8s/objects.js';
import { automatedObjects, isManual } from './deployment.js';
import { GW_GROUP, hasCrd, ofKind } from './facts.js';
import { writeStatuses } from './status.js';

const CLASSES = [
  { name: 'istio', controllerName: 'istio.io/gateway-controller', description: 'The default Istio GatewayClass' },
  { name: 'istio-remote', controllerName: 'istio.io/unmanaged-gateway', description: 'Remote to this cluster. Does not deploy or affect configuration.' },
];

function istiodRunning(objects: K8sObject[]): boolean {
  return objects.some((o) => o.kind === 'Deployment' && o.metadata.labels?.app === 'istiod');
}

function stamp(o: K8sObject, objects: K8sObject[], now: number): K8sObject {
  o.metadata.uid ??= newUid();
  o.metadata.creationTimestamp ??= nowTimestamp();
  o.metadata.resourceVersion = nextResourceVersion(objects);
  o.__sim = { ...(o.__sim ?? {}), appliedAt: now };
  return o;
}

function ensureClasses(objects: K8sObject[], now: number): void {
  for (const c of CLASSES) {
    if (ofKind(objects, 'GatewayClass').some((o) => o.metadata.name === c.name)) continue;
    objects.push(stamp({
      apiVersion: `${GW_GROUP}/v1`,
      kind: 'GatewayClass',
      metadata: { name: c.name, generation: 1 },
      spec: { controllerName: c.controllerName, description: c.description },
      status: {
        conditions: [{ lastTransitionTime: nowTimestamp(), message: 'Handled by Istio controller', observedGeneration: 1, reason: 'Accepted', status: 'True', type: 'Accepted' }],
      },
    }, objects, now));
  }
}

/** Kubernetes' garbage collector: objects owned by a Gateway that no longer exists go. */
function collectOrphans(objects: K8sObject[]): void {
  const gatewayUids = new Set(ofKind(objects, 'Gateway').map((g) => g.metadata.uid));
  for (let i = objects.length - 1; i >= 0; i--) {
    const owners = objects[i]!.metadata.ownerReferences as Array<{ kind: string; apiVersion: string; uid: string }> | undefined;
    const gwOwner = owners?.find((r) => r.kind === 'Gateway' && r.apiVersion.startsWith(`${GW_GROUP}/`));
    if (gwOwner && !gatewayUids.has(gwOwner.uid)) objects.splice(i, 1);
  }
}

export function reconcileGatewayApi(objects: K8sObject[], now = Date.now()): void {
  collectOrphans(objects);
  if (!istiodRunning(objects) || !hasCrd(objects, 'gatewayclasses')) return;
  ensureClasses(objects, now);
  if (!hasCrd(objects, 'gateways')) return;
  for (const gw of ofKind(objects, 'Gateway')) {
    if (gw.spec?.gatewayClassName !== 'istio' || isManual(gw)) continue;
    for (const desired of automatedObjects(gw, objects)) {
      const i = objects.findIndex((o) => o.kind === desired.kind && o.metadata.namespace === desired.metadata.namespace && o.metadata.name === desired.metadata.name);
      if (i === -1) objects.push(stamp(desired, objects, now));
      else if (JSON.stringify(objects[i]!.spec) !== JSON.stringify(desired.spec) || JSON.stringify(objects[i]!.metadata.labels) !== JSON.stringify(desired.metadata.labels)) {
        desired.metadata.uid = objects[i]!.metadata.uid;
        desired.metadata.creationTimestamp = objects[i]!.metadata.creationTimestamp;
        objects[i] = stamp(desired, objects, now);
      }
    }
  }
  writeStatuses(objects);
}
