// Every simulated tool appends its argv to $MESHLAB_SIM_HOME/invocations.jsonl, so the
// end-to-end tests can assert what mesh-lab ran (context on every call, no rerun writes),
// and, when it exits, its span (start, end, parent pid) to invocation-spans.jsonl, so a
// test can tell whether two commands of two mesh-lab processes ran at the same time.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface InvocationSpan {
  argv: string[];
  /** the mesh-lab process that ran the tool */
  ppid: number;
  start: number;
  end: number;
}

export function logInvocation(tool: string, argv: string[] = process.argv.slice(2)): void {
  const home = process.env.MESHLAB_SIM_HOME;
  if (!home) return; // the tool itself refuses to run without it
  mkdirSync(home, { recursive: true });
  appendFileSync(join(home, 'invocations.jsonl'), `${JSON.stringify([tool, ...argv])}\n`);
  const start = Date.now();
  process.on('exit', () => {
    const span: InvocationSpan = { argv: [tool, ...argv], ppid: process.ppid, start, end: Date.now() };
    appendFileSync(join(home, 'invocation-spans.jsonl'), `${JSON.stringify(span)}\n`);
  });
}
