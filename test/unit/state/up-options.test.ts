import { describe, expect, it } from 'vitest';
import { parseUpOptions } from '../../../src/state/up-options.js';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';

function usage(raw: Record<string, unknown>): MeshLabError {
  try {
    parseUpOptions(raw);
  } catch (err) {
    expect(err).toBeInstanceOf(MeshLabError);
    expect((err as MeshLabError).exitCode).toBe(ExitCode.Usage);
    return err as MeshLabError;
  }
  throw new Error('expected a usage error');
}

describe('up options', () => {
  it('has the documented defaults; host ports follow nodePorts', () => {
    const o = parseUpOptions({});
    expect(o).toMatchObject({ provider: 'kind', clusterName: 'mesh-lab', istioVersion: '1.30.3', profile: 'default', appPort: 9095, httpNodePort: 31380, httpHostPort: 31380, httpsHostPort: 31390 });
    expect(parseUpOptions({ httpNodePort: '30080' }).httpHostPort).toBe(30080);
    expect(parseUpOptions({ httpHostPort: '8080' }).httpNodePort).toBe(31380);
  });
  it('rejects non-numeric and out-of-range ports with one clear line', () => {
    expect(usage({ httpHostPort: 'abc' }).message).toBe('--host-port must be a number');
    expect(usage({ httpNodePort: '8080' }).message).toBe("--node-port must be in Kubernetes' NodePort range 30000-32767");
    expect(usage({ httpHostPort: '70000' }).message).toBe('--host-port must be between 1 and 65535');
  });
  it('rejects an unknown provider, a path without /, clashing ports, a bad version', () => {
    expect(usage({ provider: 'docker-desktop' }).message).toMatch(/provider must be one of kind, minikube, existing/);
    expect(usage({ path: 'helloworld' }).message).toBe('path must start with /');
    expect(usage({ httpNodePort: '31390' }).message).toMatch(/must differ/);
    expect(usage({ istioVersion: 'latest' }).message).toMatch(/1.30.3/);
    expect(usage({ clusterName: 'My_Lab' }).message).toMatch(/DNS label/);
  });
});
