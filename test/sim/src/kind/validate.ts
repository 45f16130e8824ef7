// kind's Cluster.Validate (pkg/internal/apis/config/validate.go): same checks, same
// messages, same aggregation. Subnets are only checked for CIDR shape.
import { isIP } from 'node:net';
import type { ClusterConfig, NodeConfig, PortMapping } from './config.js';
import { aggregate, type KindError } from './errors.js';

const VALID_NAME = /^[a-z0-9.-]+$/;

function validatePort(p: number): string | undefined {
  return p < -1 || p > 65535 ? `invalid port number: ${p}` : undefined;
}

function canonicalIP(addr: string): string | undefined {
  if (addr === '') return '0.0.0.0';
  const fam = isIP(addr);
  if (fam === 4) return addr.split('.').map((o) => String(Number(o))).join('.');
  if (fam === 6) return addr === '::' || /^[0:]+$/.test(addr) ? '::' : addr.toLowerCase();
  return undefined;
}

function validatePortMappings(mappings: PortMapping[]): string | undefined {
  const msg = 'port mapping with same listen address, port and protocol already configured';
  const bind = new Map<string, Set<string>>();
  for (const m of mappings) {
    if (m.hostPort === -1 || m.hostPort === 0) continue; // random ports never clash
    let addr = canonicalIP(m.listenAddress);
    if (addr === undefined) return `invalid listen address: ${m.listenAddress}`;
    const key = `${m.hostPort}/${m.protocol}`;
    const err = `${msg}: ${addr}:${key}`;
    if (addr === '::') addr = '0.0.0.0';
    const seen = bind.get(key);
    if (seen) {
      if (addr === '0.0.0.0' && seen.size > 0) return err;
      if (seen.has(addr) || seen.has('0.0.0.0')) return err;
    } else bind.set(key, new Set());
    bind.get(key)!.add(addr);
  }
  return undefined;
}

function validateNode(n: NodeConfig): string | undefined {
  const errs: string[] = [];
  if (n.role !== 'control-plane' && n.role !== 'worker') errs.push(`${JSON.stringify(n.role)} is not a valid node role`);
  if (!n.image) errs.push('image is a required field');
  for (const m of n.extraPortMappings) {
    const hp = validatePort(m.hostPort);
    if (hp) errs.push(`invalid hostPort: ${hp}`);
    const cp = validatePort(m.containerPort);
    if (cp) errs.push(`invalid containerPort: ${cp}`);
  }
  const pm = validatePortMappings(n.extraPortMappings);
  if (pm) errs.push(`invalid portMapping: ${pm}`);
  return aggregate(errs)?.message;
}

function validSubnets(s: string): boolean {
  return s.split(',').every((c) => {
    const [ip, bits] = c.split('/');
    return ip !== undefined && bits !== undefined && isIP(ip) !== 0 && /^\d+$/.test(bits);
  });
}

export function validateCluster(c: ClusterConfig): KindError | undefined {
  const errs: string[] = [];
  if (!VALID_NAME.test(c.name)) errs.push(`'${c.name}' is not a valid cluster name, cluster names must match \`^[a-z0-9.-]+$\``);
  if (c.networking.apiServerPort !== 0) {
    const e = validatePort(c.networking.apiServerPort);
    if (e) errs.push(`invalid apiServerPort: ${e}`);
  }
  if (!['ipv4', 'ipv6', 'dual'].includes(c.networking.ipFamily)) errs.push(`invalid ipFamily: ${c.networking.ipFamily}`);
  if (!validSubnets(c.networking.podSubnet)) errs.push(`invalid pod subnet failed to parse cidr value:${JSON.stringify(c.networking.podSubnet)}`);
  if (!validSubnets(c.networking.serviceSubnet)) errs.push(`invalid service subnet failed to parse cidr value:${JSON.stringify(c.networking.serviceSubnet)}`);
  if (!['iptables', 'ipvs', 'none', 'nftables'].includes(c.networking.kubeProxyMode)) errs.push(`invalid kubeProxyMode: ${c.networking.kubeProxyMode}`);
  c.nodes.forEach((n, i) => {
    const e = validateNode(n);
    if (e) errs.push(`invalid configuration for node ${i}: ${e}`);
  });
  if (!c.nodes.some((n) => n.role === 'control-plane')) errs.push('must have at least one control-plane node');
  return aggregate(errs);
}
