// Every simulated tool appends its argv to $MESHLAB_SIM_HOME/invocations.jsonl, so the
// end-to-end tests can assert what mesh-lab ran (context on every call, no rerun writes).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export function logInvocation(tool: string, argv: string[] = process.argv.slice(2)): void {
  const home = process.env.MESHLAB_SIM_HOME;
  if (!home) return; // the tool itself refuses to run without it
  mkdirSync(home, { recursive: true });
  appendFileSync(join(home, 'invocations.jsonl'), `${JSON.stringify([tool, ...argv])}\n`);
}
