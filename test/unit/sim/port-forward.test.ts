// The simulated `kubectl port-forward` ends as kubectl 1.23–1.36 does when the pod refuses a
// forwarded connection (an ingress gateway with no Gateway opening the port): the klog
// "Unhandled Error" line, then `error: lost connection to pod`, exit 1. Real kubectl keeps
// no listener after that, so a second connection is refused by the host.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freeLoopbackPort } from '../../../src/discovery/free-port.js';
import { BIN, startLab, type Lab } from './tools-harness.js';

const IOP = `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  profile: default
  components:
    ingressGateways:
      - name: istio-ingressgateway
        enabled: true
        k8s:
          service:
            type: NodePort
`;

let lab: Lab;
let child: ChildProcess | undefined;
const fast = { MESHLAB_SIM_PROPAGATION_MS: '0', MESHLAB_SIM_READY_MS: '0', MESHLAB_SIM_INSTALL_MS: '0' };

beforeAll(async () => {
  lab = await startLab('pf');
  const r = lab.run('istioctl', ['install', '-y', '-f', '-', '--kubeconfig', lab.kubeconfig, '--context', lab.context], { input: IOP, env: fast });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  // also when the test timed out and its own `finally` never ran
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await lab.close();
});

function connectOnce(port: number): Promise<string> {
  return new Promise((res) => {
    const s = connect({ host: '127.0.0.1', port });
    s.on('error', (e: NodeJS.ErrnoException) => res(e.code ?? 'error'));
    s.on('close', () => res('closed'));
    s.on('connect', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  });
}

describe('simulated kubectl port-forward', () => {
  it('a connection the gateway pod refuses ends kubectl: Unhandled Error line, "error: lost connection to pod", exit 1', async () => {
    const local = await freeLoopbackPort();
    const pf = spawn(join(BIN, 'kubectl'), ['--kubeconfig', lab.kubeconfig, '--context', lab.context, 'port-forward', '-n', 'istio-system', 'service/istio-ingressgateway', '--address', '127.0.0.1', `${local}:80`], {
      env: { ...process.env, MESHLAB_SIM_HOME: lab.home, ...fast },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = pf;
    let stdout = '';
    let stderr = '';
    pf.stdout.on('data', (d) => (stdout += String(d)));
    pf.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((res) => pf.on('exit', (code) => res(code)));
    try {
      while (!stdout.includes('Forwarding from')) {
        if (pf.exitCode !== null) throw new Error(`port-forward exited early: ${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(stdout).toBe(`Forwarding from 127.0.0.1:${local} -> 8080\n`);
      expect(await connectOnce(local)).toMatch(/closed|ECONNRESET/);
      expect(await exited).toBe(1);
      expect(stdout).toBe(`Forwarding from 127.0.0.1:${local} -> 8080\nHandling connection for ${local}\n`);
      const lines = stderr.split('\n');
      expect(lines[0]).toMatch(
        new RegExp(
          String.raw`^E\d{4} \d\d:\d\d:\d\d\.\d{6} {1,7}\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding ${local} -> 8080: error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"/var/run/netns/cni-[0-9a-f-]{36}\\": failed to connect to localhost:8080 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:8080: connect: connection refused IPv6 dial tcp6 \[::1\]:8080: connect: connection refused "$`,
        ),
      );
      expect(lines.slice(1)).toEqual(['error: lost connection to pod', '']);
      // nothing listens any more
      expect(await connectOnce(local)).toBe('ECONNREFUSED');
    } finally {
      pf.kill('SIGKILL');
    }
  });
});
