// The objects `istioctl install` creates, per component, shaped after Istio 1.30.3's charts
// (manifests/charts/{base,istio-control/istio-discovery,gateways/istio-ingress,
// gateways/istio-egress}) and the install-time labels of operator/pkg/install/install.go.
// Only what mesh-lab and the simulated data plane read is modelled: namespaces, CRDs,
// ServiceAccounts, the `istio` mesh ConfigMap, Deployments and Services.
import { istioSchemas } from '../schemas/istio.js';
import type { K8sObject } from '../lib/store.js';

/** CRD names from manifests/charts/base/files/crd-all.gen.yaml (1.30.3). */
export const ISTIO_CRDS = [
  'trafficextensions.extensions.istio.io', 'wasmplugins.extensions.istio.io', 'destinationrules.networking.istio.io',
  'envoyfilters.networking.istio.io', 'gateways.networking.istio.io', 'proxyconfigs.networking.istio.io',
  'serviceentries.networking.istio.io', 'sidecars.networking.istio.io', 'virtualservices.networking.istio.io',
  'workloadentries.networking.istio.io', 'workloadgroups.networking.istio.io', 'authorizationpolicies.security.istio.io',
  'peerauthentications.security.istio.io', 'requestauthentications.security.istio.io', 'telemetries.telemetry.istio.io',
];

export interface GatewayConfig {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  /** corev1.ServiceSpec overrides from k8s.service (ports replace the chart's list) */
  service?: Record<string, any>;
  replicas?: number;
}

export interface InstallConfig {
  version: string;
  hub: string;
  revision: string;
  namespace: string;
  profile: string;
  pilot: boolean;
  base: boolean;
  ingress: GatewayConfig[];
  egress: GatewayConfig[];
  meshConfig: Record<string, unknown>;
}

export type ComponentName = 'Base' | 'Pilot' | 'IngressGateways' | 'EgressGateways';

function ownerLabels(c: InstallConfig, component: ComponentName): Record<string, string> {
  return {
    'install.operator.istio.io/owning-resource': 'unknown',
    'install.operator.istio.io/owning-resource-namespace': c.namespace,
    'operator.istio.io/component': component,
    'operator.istio.io/managed': 'Reconcile',
    'operator.istio.io/version': c.version,
  };
}

function helmLabels(c: InstallConfig, name: string, chart: string): Record<string, string> {
  return {
    'app.kubernetes.io/instance': 'istio',
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'istio',
    'app.kubernetes.io/version': c.version,
    'helm.sh/chart': `${chart}-${c.version}`,
  };
}

function crd(c: InstallConfig, name: string): K8sObject {
  const [plural, ...rest] = name.split('.');
  const group = rest.join('.');
  const known = Object.entries(istioSchemas).find(([, s]) => s.plural === plural && s.group === group);
  const kind = known?.[0] ?? plural!.replace(/ies$/, 'y').replace(/s$/, '').replace(/^./, (x) => x.toUpperCase());
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      annotations: { 'helm.sh/resource-policy': 'keep' },
      labels: { app: 'istio-pilot', chart: 'istio', heritage: 'Tiller', release: 'istio', ...ownerLabels(c, 'Base') },
      name,
    },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: known?.[1].singular ?? plural, shortNames: known?.[1].shortNames ?? [] },
      scope: 'Namespaced',
      versions: ['v1', 'v1beta1', 'v1alpha3'].map((v, i) => ({ name: v, served: true, storage: i === 0, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } })),
    },
  };
}

function sa(c: InstallConfig, name: string, component: ComponentName, labels: Record<string, string>): K8sObject {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { labels: { ...labels, ...ownerLabels(c, component) }, name, namespace: c.namespace } };
}

export function baseObjects(c: InstallConfig): K8sObject[] {
  return [
    ...ISTIO_CRDS.map((n) => crd(c, n)),
    sa(c, 'istio-reader-service-account', 'Base', { app: 'istio-reader', release: 'istio' }),
  ];
}

function deployment(c: InstallConfig, name: string, component: ComponentName, labels: Record<string, string>, podLabels: Record<string, string>, container: Record<string, unknown>, replicas = 1): K8sObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { labels: { ...labels, ...ownerLabels(c, component) }, name, namespace: c.namespace },
    spec: {
      replicas,
      selector: { matchLabels: Object.fromEntries(Object.entries(podLabels).filter(([k]) => k === 'app' || k === 'istio')) },
      template: {
        metadata: { annotations: { 'prometheus.io/port': '15020', 'prometheus.io/scrape': 'true', 'sidecar.istio.io/inject': 'false' }, labels: podLabels },
        spec: { serviceAccountName: `${name === 'istiod' ? 'istiod' : `${name}-service-account`}`, containers: [container] },
      },
    },
  };
}

export function pilotObjects(c: InstallConfig): K8sObject[] {
  const rev = c.revision || 'default';
  const name = c.revision ? `istiod-${c.revision}` : 'istiod';
  const labels = { app: 'istiod', istio: 'pilot', 'istio.io/rev': rev, release: 'istio', ...helmLabels(c, 'istiod', 'istiod') };
  const mesh = { defaultConfig: { discoveryAddress: `${name}.${c.namespace}.svc:15012` }, defaultProviders: { metrics: ['prometheus'] }, enablePrometheusMerge: true, rootNamespace: c.namespace, trustDomain: 'cluster.local', ...c.meshConfig };
  return [
    sa(c, name, 'Pilot', { app: 'istiod', release: 'istio' }),
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { labels: { 'istio.io/rev': rev, release: 'istio', ...ownerLabels(c, 'Pilot') }, name: c.revision ? `istio-${c.revision}` : 'istio', namespace: c.namespace },
      data: { mesh: toMeshYaml(mesh), meshNetworks: 'networks: {}' },
    },
    deployment(c, name, 'Pilot', labels, { app: 'istiod', istio: 'pilot', 'istio.io/rev': rev, 'sidecar.istio.io/inject': 'false' }, {
      name: 'discovery', image: `${c.hub}/pilot:${c.version}`, args: ['discovery', '--monitoringAddr=:15014', '--log_output_level=default:info', '--domain', 'cluster.local', '--keepaliveMaxServerConnectionAge', '30m'],
      ports: [{ containerPort: 8080, name: 'http-debug', protocol: 'TCP' }, { containerPort: 15010, name: 'grpc-xds', protocol: 'TCP' }, { containerPort: 15012, name: 'tls-xds', protocol: 'TCP' }, { containerPort: 15017, name: 'https-webhooks', protocol: 'TCP' }, { containerPort: 15014, name: 'http-monitoring', protocol: 'TCP' }],
    }),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { ...labels, ...ownerLabels(c, 'Pilot') }, name, namespace: c.namespace },
      spec: {
        ports: [
          { name: 'grpc-xds', port: 15010, protocol: 'TCP' }, { name: 'https-dns', port: 15012, protocol: 'TCP' },
          { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 }, { name: 'http-monitoring', port: 15014, protocol: 'TCP' },
        ],
        selector: { app: 'istiod', istio: 'pilot' },
      },
    },
  ];
}

/** Chart default ports (gateways/istio-ingress values.yaml; demo adds tcp/tls via files/profile-demo.yaml). */
export function defaultIngressPorts(profile: string): Array<Record<string, unknown>> {
  const ports: Array<Record<string, unknown>> = [
    { name: 'status-port', port: 15021, protocol: 'TCP', targetPort: 15021 },
    { name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 },
    { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
  ];
  if (profile === 'demo') ports.push({ name: 'tcp', port: 31400, protocol: 'TCP', targetPort: 31400 }, { name: 'tls', port: 15443, protocol: 'TCP', targetPort: 15443 });
  return ports;
}

function defaultEgressPorts(): Array<Record<string, unknown>> {
  return [{ name: 'http2', port: 80, protocol: 'TCP', targetPort: 8080 }, { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }];
}

export function gatewayObjects(c: InstallConfig, g: GatewayConfig, component: 'IngressGateways' | 'EgressGateways'): K8sObject[] {
  const chart = component === 'IngressGateways' ? 'istio-ingress' : 'istio-egress';
  const labels = { ...g.labels, 'istio.io/rev': c.revision || 'default', release: 'istio', ...helmLabels(c, g.name, chart) };
  const svcOverride = { ...(g.service ?? {}) };
  const ports = (svcOverride.ports as Array<Record<string, unknown>> | undefined) ?? (component === 'IngressGateways' ? defaultIngressPorts(c.profile) : defaultEgressPorts());
  delete svcOverride.ports;
  const type = component === 'IngressGateways' ? 'LoadBalancer' : 'ClusterIP';
  const containerPorts = [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }, ...ports.map((p) => ({ containerPort: Number(p.targetPort ?? p.port), protocol: 'TCP' }))];
  return [
    sa(c, `${g.name}-service-account`, component, { app: g.labels.app ?? g.name, istio: g.labels.istio ?? '', release: 'istio' }),
    deployment(c, g.name, component, labels, { ...g.labels, 'istio.io/rev': c.revision || 'default', 'service.istio.io/canonical-name': g.name, 'sidecar.istio.io/inject': 'false' }, {
      name: 'istio-proxy', image: `${c.hub}/proxyv2:${c.version}`,
      args: ['proxy', 'router', '--domain', '$(POD_NAMESPACE).svc.cluster.local', '--proxyLogLevel=warning', '--proxyComponentLogLevel=misc:error', '--log_output_level=default:info'],
      ports: containerPorts,
    }, g.replicas ?? 1),
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels: { ...labels, ...ownerLabels(c, component) }, name: g.name, namespace: g.namespace },
      spec: { type, ...svcOverride, ports: ports.map((p) => ({ ...p })), selector: { ...g.labels } },
    },
  ];
}

/** The `mesh` key of the istio ConfigMap is YAML text (meshconfig in the chart's values). */
function toMeshYaml(m: Record<string, unknown>, indent = ''): string {
  const lines: string[] = [];
  for (const k of Object.keys(m).sort()) {
    const v = m[k];
    if (v && typeof v === 'object' && !Array.isArray(v)) lines.push(`${indent}${k}:\n${toMeshYaml(v as Record<string, unknown>, `${indent}  `)}`);
    else if (Array.isArray(v)) lines.push(`${indent}${k}:\n${v.map((x) => `${indent}- ${String(x)}`).join('\n')}`);
    else lines.push(`${indent}${k}: ${typeof v === 'string' && v === '' ? '""' : String(v)}`);
  }
  return lines.join('\n');
}
