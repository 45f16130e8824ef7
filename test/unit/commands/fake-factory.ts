// A Factory for command tests: no session, no Docker, nothing on the real stdout. What a
// command prints is captured the way the console printer splits it: JSON and human lines
// on "stdout", human lines on "stderr" instead under --json.
import type { Factory } from '../../../src/commands/factory.js';
import type { Printer } from '../../../src/ui/output.js';

export interface FakeFactory {
  factory: Factory;
  /** everything the command printed on stdout */
  stdout(): string;
  /** everything the command printed on stderr */
  stderr(): string;
}

export function fakeFactory(o: { json?: boolean; environment?: string } = {}): FakeFactory {
  let stdout = '';
  let stderr = '';
  const line = (t: string) => (t.endsWith('\n') ? t : `${t}\n`);
  const flags = { json: Boolean(o.json), verbose: false };
  const printer: Printer = {
    flags,
    out: (t) => (flags.json ? (stderr += line(t)) : (stdout += line(t))),
    err: (t) => (stderr += line(t)),
    verbose: () => {},
  };
  const none = (): never => {
    throw new Error('a command with a fake run needs no session');
  };
  const factory: Factory = {
    flags,
    environmentName: () => o.environment ?? 'mesh-lab',
    printer: () => printer,
    session: none,
    lightSession: async () => none(),
    printJson: (v) => (stdout += `${JSON.stringify(v, null, 2)}\n`),
    withLock: none,
  };
  return { factory, stdout: () => stdout, stderr: () => stderr };
}
