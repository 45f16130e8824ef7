// The simulated kind's config decoding and validation: yaml.v3 strict-decoding
// messages and kind's Validate() wording, without Docker.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../sim/src/kind/config.js';
import { validateCluster } from '../../sim/src/kind/validate.js';
import { goSeconds, shellQuote } from '../../sim/src/kind/gofmt.js';

const HEAD = 'kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha4\n';
const err = (raw: string) => {
  try {
    parseConfig(raw);
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('kind config decoding', () => {
  it('defaults like kind v0.32.0', () => {
    const c = parseConfig(HEAD);
    expect(c.nodes).toEqual([expect.objectContaining({ role: 'control-plane', image: expect.stringMatching(/^kindest\/node:v1\.36\.1@sha256:/) })]);
    expect(c.networking).toMatchObject({ ipFamily: 'ipv4', apiServerAddress: '127.0.0.1', apiServerPort: 0, serviceSubnet: '10.96.0.0/16', kubeProxyMode: 'iptables' });
  });

  it('reads the shared composed config', () => {
    const c = parseConfig(
      `${HEAD}name: mesh-lab\nnodes:\n- role: control-plane\n  kubeadmConfigPatches:\n  - |\n    kind: InitConfiguration\n  extraPortMappings:\n  - containerPort: 30080\n    hostPort: 8080\n    listenAddress: "127.0.0.1"\n    protocol: TCP\n`,
    );
    expect(c.name).toBe('mesh-lab');
    expect(c.nodes[0]!.extraPortMappings).toEqual([{ containerPort: 30080, hostPort: 8080, listenAddress: '127.0.0.1', protocol: 'TCP' }]);
  });

  it('rejects unknown fields and wrong scalar types with yaml.v3 messages, all at once', () => {
    expect(err(`${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: "80"\n    hostport: 8080\nbogus: 1\n`)).toBe(
      'unable to decode config: yaml: unmarshal errors:\n  line 6: cannot unmarshal !!str `80` into int32\n  line 7: field hostport not found in type v1alpha4.PortMapping\n  line 8: field bogus not found in type v1alpha4.Cluster',
    );
    expect(err(`${HEAD}nodes:\n  role: control-plane\n`)).toBe('unable to decode config: yaml: unmarshal errors:\n  line 4: cannot unmarshal !!map into []v1alpha4.Node');
  });

  it('rejects unknown apiVersion / kind', () => {
    expect(err('kind: Cluster\napiVersion: kind.x-k8s.io/v1alpha3\n')).toBe('unknown apiVersion: kind.x-k8s.io/v1alpha3');
    expect(err('kind: Config\napiVersion: kind.x-k8s.io/v1alpha4\n')).toBe('unknown kind Config for apiVersion: kind.x-k8s.io/v1alpha4');
  });
});

describe('kind Validate()', () => {
  const validate = (raw: string, name = 'ok') => {
    const c = parseConfig(raw);
    c.name = name;
    return validateCluster(c)?.message;
  };

  it('accepts the default config and rejects bad names', () => {
    expect(validate(HEAD)).toBeUndefined();
    expect(validate(HEAD, 'Mesh_Lab')).toBe("'Mesh_Lab' is not a valid cluster name, cluster names must match `^[a-z0-9.-]+$`");
  });

  it('aggregates several problems as [a, b]', () => {
    const raw = `${HEAD}nodes:\n- role: worker\n  extraPortMappings:\n  - containerPort: 70000\n    hostPort: 80\n`;
    expect(validate(raw)).toBe('[invalid configuration for node 0: invalid containerPort: invalid port number: 70000, must have at least one control-plane node]');
  });

  it('detects clashing host ports, wildcard included', () => {
    const pm = (a: string, b: string) => `${HEAD}nodes:\n- role: control-plane\n  extraPortMappings:\n  - containerPort: 80\n    hostPort: 8080\n${a}  - containerPort: 81\n    hostPort: 8080\n${b}`;
    expect(validate(pm('    listenAddress: 127.0.0.1\n', '    listenAddress: 127.0.0.2\n'))).toBeUndefined();
    expect(validate(pm('    listenAddress: 127.0.0.1\n', ''))).toBe(
      'invalid configuration for node 0: invalid portMapping: port mapping with same listen address, port and protocol already configured: 0.0.0.0:8080/',
    );
  });
});

describe('Go formatting helpers', () => {
  it('formats durations and quotes like Go', () => {
    expect([0, 400, 17_000, 120_000, 3_600_000].map(goSeconds)).toEqual(['0s', '0s', '17s', '2m0s', '1h0m0s']);
    expect(shellQuote('/tmp/a b')).toBe("'/tmp/a b'");
    expect(shellQuote('/tmp/kubeconfig')).toBe('/tmp/kubeconfig');
  });
});
