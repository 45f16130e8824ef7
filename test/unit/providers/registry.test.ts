// A fourth provider needs only its definition and a registration: option parsing, preflight,
// the state files and providerFromState all follow the registry, with no other file touched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUpOptions } from '../../../src/state/up-options.js';
import { preflightTasks } from '../../../src/commands/up/preflight.js';
import { operatorFor } from '../../../src/commands/up/istio-step.js';
import { checkDockerResources } from '../../../src/doctor/checks.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { providerFromState, providerForUp } from '../../../src/providers/create-provider.js';
import type { ProviderDefinition } from '../../../src/providers/definition.js';
import type { ClusterProvider } from '../../../src/providers/provider.js';
import { BUILTIN_PROVIDERS, localProviderNames, providerNames, providers, type LocalProviderName } from '../../../src/providers/registry.js';
import type { Session } from '../../../src/session/session.js';
import { EnvironmentStore, type EnvironmentState } from '../../../src/state/environment-state.js';
import { readSavedEndpoint } from '../../../src/state/saved-endpoint.js';

const GiB = 1024 ** 3;

/** A cluster that only remembers its name: enough to see which constructor built it. */
function fakeCluster(clusterName: string, builtBy: 'up' | 'state'): ClusterProvider & { builtBy: string } {
  return {
    name: 'fake' as never,
    clusterName,
    builtBy,
    access: () => ({ kubeconfig: `/fake/${clusterName}.kubeconfig`, context: `fake-${clusterName}` }),
    exists: async () => true,
    ensure: async () => ({ created: false, summary: `reusing fake cluster ${clusterName}` }),
    delete: async () => undefined,
    nodePortEndpoint: async () => undefined,
  };
}

const fake: ProviderDefinition<'fake', true> = {
  name: 'fake',
  tools: ['kind', 'kubectl'],
  local: true,
  needsContext: false,
  needsIstioInstallFlag: false,
  nodeContainer: (clusterName) => `${clusterName}-fake-node`,
  resourceNeeds: { minCpus: 3, minMemoryGiB: 5, recommendedCpus: 6, recommendedMemoryGiB: 12, source: 'the fake provider' },
  load: async () => ({
    forUp: (_session, o) => fakeCluster(o.clusterName, 'up'),
    fromState: (_session, state) => fakeCluster(state.cluster.name, 'state'),
  }),
};

const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-registry-'));

beforeAll(async () => {
  providers.register(fake);
  await providers.load();
});
afterAll(() => {
  providers.unregister('fake');
  rmSync(dir, { recursive: true, force: true });
});

function fakeState(): Omit<EnvironmentState, 'updatedAt'> {
  return {
    schema: 2,
    environment: 'fourth',
    provider: 'fake' as never,
    cluster: { name: 'fourth', context: 'fake-fourth', kubeconfig: '/fake/fourth.kubeconfig', createdByMeshLab: true },
    ingress: { host: '127.0.0.1', port: 31380, source: 'fake', reason: 'the fake maps 127.0.0.1:31380' },
  };
}

describe('the provider registry', () => {
  it('lists the built-ins once, in the order of the --provider choices', () => {
    expect(BUILTIN_PROVIDERS.map((d) => d.name)).toEqual(['kind', 'minikube', 'existing']);
    expect(providerNames).toEqual(['kind', 'minikube', 'existing']);
    expect(localProviderNames).toEqual(['kind', 'minikube']);
  });

  it('knows what each built-in needs and does', () => {
    expect(providers.get('kind').nodeContainer!('lab')).toBe('lab-control-plane');
    expect(providers.get('minikube').nodeContainer!('lab')).toBe('lab');
    expect(providers.get('existing')).toMatchObject({ local: false, needsContext: true, needsIstioInstallFlag: true, tools: ['kubectl', 'istioctl'] });
    expect(providers.get('existing').nodeContainer).toBeUndefined();
  });

  it('refuses to register a name twice', () => {
    expect(() => providers.register(fake)).toThrow(/registered twice/);
  });
});

describe('a fourth provider, registered', () => {
  it('is accepted by up-option parsing, and named when a provider is rejected', () => {
    expect(parseUpOptions({ provider: 'fake' }).provider).toBe('fake');
    expect(() => parseUpOptions({ provider: 'docker' })).toThrow('provider must be one of kind, minikube, existing, fake');
  });

  it("is built by providerForUp from up's options", () => {
    const o = parseUpOptions({ provider: 'fake', clusterName: 'fourth' });
    expect(providerForUp({} as Session, o, '')).toMatchObject({ clusterName: 'fourth', builtBy: 'up' });
  });

  it('has its tools asked for by preflight', () => {
    const o = parseUpOptions({ provider: 'fake', clusterName: 'fourth' });
    const titles = preflightTasks({ dryRun: false } as Session, o, fakeCluster('fourth', 'up'), { allowDownload: true, warn: () => undefined }).map((t) => t.title);
    expect(titles).toContain('Tools: kind, kubectl');
    // local: Docker and the doctor's environment checks run first
    expect(titles).toEqual(['Docker', 'Tools: kind, kubectl', 'Environment (mesh-lab doctor)', `istioctl ${o.istioVersion}`]);
  });

  it("gets the local NodePort gateway and doctor's resource check from its definition", () => {
    const rendered = 'spec:\n  components:\n    ingressGateways:\n      - name: istio-ingressgateway\n        k8s: {}\n';
    expect(operatorFor(fakeCluster('fourth', 'up'), rendered)).toBe(rendered);
    const r = checkDockerResources({ NCPU: 4, MemTotal: 16 * GiB, ServerVersion: '27.0.0' }, 'fake' as LocalProviderName);
    expect(r).toMatchObject({ status: 'warn', summary: 'Docker has 4 CPUs, 16.0 GiB; 6 CPUs and 12 GiB are recommended for fake with Istio' });
  });

  it('round-trips through the state file, and curl/env read its saved endpoint', () => {
    const file = join(dir, 'state.json');
    const store = new EnvironmentStore(file);
    store.write(fakeState());
    expect(store.read()).toMatchObject({ provider: 'fake', cluster: { name: 'fourth' } });
    expect(readSavedEndpoint(file)).toMatchObject({ ingress: { port: 31380 }, cluster: { context: 'fake-fourth' } });
  });

  it('is rebuilt by providerFromState', () => {
    const state = new EnvironmentStore(join(dir, 'state.json')).read()!;
    expect(providerFromState({} as Session, state)).toMatchObject({ clusterName: 'fourth', builtBy: 'state' });
  });

  it('is gone again once unregistered: its state file is refused', () => {
    const file = join(dir, 'gone.json');
    new EnvironmentStore(file).write(fakeState());
    providers.unregister('fake');
    try {
      expect(() => new EnvironmentStore(file).read()).toThrow(/is not a mesh-lab state file: Invalid option: expected one of "kind"\|"minikube"\|"existing"/);
      expect(readSavedEndpoint(file)).toBeUndefined();
      expect(() => parseUpOptions({ provider: 'fake' })).toThrow(MeshLabError);
    } finally {
      providers.register(fake);
    }
  });
});
