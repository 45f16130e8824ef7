// `kubectl version [--client] [-o json|yaml]`. Flags: kubernetes/kubectl pkg/cmd/version/version.go
// (--client, -o/--output); output: json.MarshalIndent with 2 spaces, yaml.Marshal, or text.
// The simulated client is kubectl v1.34.1 (the contract pins kubectl v1.34+); build
// metadata values are plausible placeholders, the shape is the real one.
import type { FlagSpec } from '../lib/flags.js';
import { stringify } from 'yaml';
import { connect } from './context.js';
import { err, fail, out } from './io.js';

export const versionFlags: FlagSpec[] = [
  { name: 'client', type: 'bool' },
  { name: 'output', short: 'o', type: 'string' },
];

// The simulated client matches the pinned kubectl (v1.36.1, within skew of kind v0.32's
// node image); MESHLAB_SIM_KUBECTL_VERSION lets tests simulate an out-of-skew kubectl.
const simulatedVersion = process.env.MESHLAB_SIM_KUBECTL_VERSION ?? 'v1.36.1';
export const clientVersion = {
  major: simulatedVersion.replace(/^v/, '').split('.')[0]!,
  minor: simulatedVersion.split('.')[1]!,
  gitVersion: simulatedVersion,
  gitCommit: '93248f9ae092f571eb870b7664c534bfc7d00f03',
  gitTreeState: 'clean',
  buildDate: '2025-09-09T19:44:50Z',
  goVersion: 'go1.24.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const kustomizeVersion = 'v5.7.1';

export async function runVersion(args: string[], flags: Record<string, unknown>): Promise<number> {
  const o = flags.output as string | undefined;
  if (o !== undefined && o !== '' && o !== 'yaml' && o !== 'json') {
    err(`error: --output must be 'yaml' or 'json'\n`);
    return 1;
  }
  if (args.length > 0) {
    err(`error: unknown command "${args[0]}" for "kubectl version"\n`);
    return 1;
  }
  const info: Record<string, unknown> = { clientVersion, kustomizeVersion };
  let serverErr: unknown;
  if (!flags.client) {
    try {
      await connect(flags);
      info.serverVersion = {
        major: '1', minor: '35', emulationMajor: '1', emulationMinor: '35', minCompatibilityMajor: '1', minCompatibilityMinor: '34',
        gitVersion: 'v1.36.1', gitCommit: '66452049f3d692768c39c797b21b793dce80314e', gitTreeState: 'clean',
        buildDate: '2025-12-17T12:32:06Z', goVersion: 'go1.25.5', compiler: 'gc', platform: 'linux/amd64',
      };
    } catch (e) {
      serverErr = e;
    }
  }
  if (o === 'json') out(`${JSON.stringify(info, null, 2)}\n`);
  else if (o === 'yaml') out(`${stringify(info, { indentSeq: false, sortMapEntries: true })}\n`);
  else {
    out(`Client Version: ${clientVersion.gitVersion}\nKustomize Version: ${kustomizeVersion}\n`);
    const sv = info.serverVersion as { gitVersion: string } | undefined;
    if (sv) out(`Server Version: ${sv.gitVersion}\n`);
  }
  return serverErr ? fail(serverErr) : 0;
}
