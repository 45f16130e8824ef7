import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseUpOptions } from '../../../src/state/up-options.js';
import { renderUpManifests } from '../../../src/commands/up/render-manifests.js';
import { substitute } from '../../../src/manifests/template.js';
import { toYaml } from '../../../src/manifests/yaml.js';

const o = parseUpOptions({});

describe('templates', () => {
  const m = renderUpManifests(o);

  it('renders the seed tutorial Gateway exactly', () => {
    const gw = m.routing.find((x) => x.kind === 'Gateway')!;
    expect(gw).toEqual({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'helloworld-gateway', namespace: 'mesh-lab' },
      spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
    });
  });

  it('renders the VirtualService: uri exact /helloworld to helloworldservice:9095', () => {
    const vs = m.routing.find((x) => x.kind === 'VirtualService')!;
    expect(vs.metadata.name).toBe('helloworldservice');
    expect(vs.spec).toEqual({
      hosts: ['*'],
      gateways: ['helloworld-gateway'],
      http: [{ match: [{ uri: { exact: '/helloworld' } }], route: [{ destination: { host: 'helloworldservice', port: { number: 9095 } } }] }],
    });
  });

  it('keeps ports numeric and the app on 9095 with injection enabled', () => {
    const [ns, svc, deploy] = m.app;
    expect(ns!.metadata.labels!['istio-injection']).toBe('enabled');
    expect((svc!.spec as any).ports[0]).toEqual({ name: 'http', port: 9095, targetPort: 9095, protocol: 'TCP' });
    const c = (deploy!.spec as any).template.spec.containers[0];
    expect(c.args).toEqual(['-listen=:9095', '-text=Hello World']);
    expect(c.ports[0].containerPort).toBe(9095);
  });

  it('maps 127.0.0.1 host ports to equal nodePorts in the kind config (containerPort == nodePort)', () => {
    const cfg = parse(m.kindConfig);
    expect(cfg.nodes[0].extraPortMappings).toEqual([
      { containerPort: 31380, hostPort: 31380, listenAddress: '127.0.0.1', protocol: 'TCP' },
      { containerPort: 31390, hostPort: 31390, listenAddress: '127.0.0.1', protocol: 'TCP' },
    ]);
  });

  it('gives the IstioOperator the whole gateway port list with pinned nodePorts', () => {
    const iop = parse(m.istioOperator);
    const svc = iop.spec.components.ingressGateways[0].k8s.service;
    expect(svc.type).toBe('NodePort');
    expect(svc.ports.map((p: any) => [p.name, p.port, p.targetPort, p.nodePort])).toEqual([
      ['status-port', 15021, 15021, undefined],
      ['http2', 80, 8080, 31380],
      ['https', 443, 8443, 31390],
    ]);
  });

  it('keeps every port of the demo profile in the IstioOperator (tcp 31400, tls 15443), pinning only the ports kind maps', () => {
    const demo = parse(renderUpManifests(parseUpOptions({ profile: 'demo' })).istioOperator);
    const ports = demo.spec.components.ingressGateways[0].k8s.service.ports;
    // istio/istio 1.30.3 manifests/profiles/demo.yaml, as in shared/upstream svc-istio-ingressgateway.demo-profile.json
    expect(ports.map((p: any) => [p.name, p.port, p.targetPort, p.nodePort])).toEqual([
      ['status-port', 15021, 15021, undefined],
      ['http2', 80, 8080, 31380],
      ['https', 443, 8443, 31390],
      ['tcp', 31400, 31400, undefined],
      ['tls', 15443, 15443, undefined],
    ]);
    expect(demo.spec.profile).toBe('demo');
  });

  it('uses v1beta1 networking for Istio before 1.22', () => {
    const old = renderUpManifests(parseUpOptions({ istioVersion: '1.21.6' }));
    expect(old.routing.every((x) => x.apiVersion === 'networking.istio.io/v1beta1')).toBe(true);
  });
});

describe('substitution', () => {
  it('cannot inject YAML structure through a parameter', () => {
    const out = substitute({ a: '{{ x }}', b: 'pre-{{ x }}' }, { x: 'v\nkind: Secret' }, 't') as any;
    expect(out.a).toBe('v\nkind: Secret');
    expect(parse(toYaml([out]))).toEqual(out);
  });
  it('fails on a missing parameter', () => {
    expect(() => substitute({ a: '{{ nope }}' }, {}, 'tpl.yaml')).toThrow('tpl.yaml: no value for template parameter "nope"');
  });
});

describe('YAML 1.1 output', () => {
  it('quotes strings Kubernetes would read as booleans or octal numbers', () => {
    const text = toYaml([{ a: 'on', b: 'yes', c: 'off', d: '0755', e: 'y', f: 9095 }]);
    expect(text).toMatch(/a: "on"/);
    expect(text).toMatch(/b: "yes"/);
    expect(text).toMatch(/c: "off"/);
    expect(text).toMatch(/d: "0755"/);
    expect(text).toMatch(/e: "y"/);
    expect(text).toMatch(/f: 9095/);
  });
});
