// Compact schema of the IstioOperator input istioctl 1.30.3 accepts. istioctl decodes the
// merged IstioOperator with encoding/json DisallowUnknownFields into the Go types of
// operator/pkg/apis/types.go (IstioOperatorSpec, IstioComponentSpec, ComponentSpec,
// GatewayComponentSpec, KubernetesResources), so an unknown field anywhere in that tree
// fails; `meshConfig`, `values` and `unvalidatedValues` are raw JSON and checked elsewhere.
// k8s.service is a corev1.ServiceSpec.
import { objectMeta, serviceSpec } from './core.js';
import type { FieldSchema } from './types.js';

const str: FieldSchema = { t: 'string' };
const opaque: FieldSchema = { u: true };
const enabled: FieldSchema = { t: 'boolean' };

const k8sResources: FieldSchema = {
  t: 'object',
  p: {
    affinity: opaque, env: opaque, hpaSpec: opaque, imagePullPolicy: str, nodeSelector: { t: 'object', m: str },
    podDisruptionBudget: opaque, podAnnotations: { t: 'object', m: str }, priorityClassName: str, readinessProbe: opaque,
    replicaCount: { t: 'integer' }, resources: opaque, service: serviceSpec, strategy: opaque, tolerations: opaque,
    serviceAnnotations: { t: 'object', m: str }, securityContext: opaque, volumes: opaque, volumeMounts: opaque,
    overlays: { t: 'array', i: { t: 'object', p: { apiVersion: str, kind: str, name: str, patches: { t: 'array', i: { t: 'object', p: { path: str, value: opaque } } } } } },
  },
};

const componentSpec: FieldSchema = { t: 'object', p: { enabled, namespace: str, hub: str, tag: opaque, k8s: k8sResources } };
const gatewaySpec: FieldSchema = { t: 'object', p: { ...componentSpec.p, name: str, label: { t: 'object', m: str } } };

export const iopSchema: FieldSchema = {
  t: 'object',
  p: {
    apiVersion: str,
    kind: str,
    metadata: objectMeta,
    spec: {
      t: 'object',
      p: {
        profile: str, installPackagePath: str, hub: str, tag: opaque, namespace: str, revision: str, compatibilityVersion: str,
        meshConfig: opaque, values: opaque, unvalidatedValues: opaque,
        components: {
          t: 'object',
          p: {
            base: { t: 'object', p: { enabled, k8s: k8sResources } }, pilot: componentSpec, cni: componentSpec, ztunnel: componentSpec,
            istiodRemote: componentSpec, ingressGateways: { t: 'array', i: gatewaySpec }, egressGateways: { t: 'array', i: gatewaySpec },
          },
        },
      },
    },
    status: opaque,
  },
};
