// Where the simulated host sits relative to the node containers. Real Linux with Docker
// Engine routes the host to every container IP; Docker Desktop (macOS, Windows) and
// minikube's docker driver there keep node IPs inside a VM, so connecting to them from the
// host times out. Test knob MESHLAB_SIM_HOST_NETWORK=desktop reproduces that: node
// addresses (kind's InternalIP, `minikube ip`, pods' hostIP) are reported as an address of
// the node's own Docker network that no container holds, so the host's connections to it
// go unanswered. Published ports on 127.0.0.1 keep working, as on Docker Desktop, and the
// simulator itself (port-forward, exec) keeps using the container's real address.
import { realDocker } from '../docker/real-docker.js';
import { execFileSync } from 'node:child_process';

export function desktopHostNetwork(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MESHLAB_SIM_HOST_NETWORK === 'desktop';
}

/** The .250 host of the network's IPv4 subnet: inside our own bridge, held by no container. */
export function unassignedAddress(network: string): string {
  const subnet = execFileSync(realDocker(), ['network', 'inspect', network, '--format', '{{range .IPAM.Config}}{{.Subnet}} {{end}}'], { encoding: 'utf8' })
    .trim()
    .split(' ')
    .find((s) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s));
  if (!subnet) throw new Error(`simulator: network ${network} has no IPv4 subnet`);
  const [a, b, c] = subnet.split('/')[0]!.split('.');
  return `${a}.${b}.${c}.250`;
}
