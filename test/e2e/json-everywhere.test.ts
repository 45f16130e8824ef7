// Every command with --json prints exactly one JSON document on stdout and nothing else,
// on success and on failure. The command list comes from the CLI's own command tree, so a
// new command without a case here (and so without a checked --json) fails this file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '@commander-js/extra-typings';
import { buildProgram } from '../../cli/program.js';
import { describeDocker } from '../support/docker-available.js';
import { createLabEnv, freePort, simLabel, type LabEnv, type RunResult } from './support/harness.js';

/** "up", "tools install", "lab show", ...: every command that runs something. */
function leafCommands(cmd: Command, prefix: string[] = []): string[] {
  return cmd.commands.flatMap((c) => {
    const path = [...prefix, c.name()];
    return c.commands.length ? leafCommands(c as Command, path) : [path.join(' ')];
  });
}

interface JsonCase {
  command: string;
  args: string[];
  /** exit codes this case may end with; the document must agree on failures */
  exits: number[];
}

// In the order they run: one cluster, brought up in beforeAll, taken down by the last case.
const cases = (ports: string[], root = ''): JsonCase[] => [
  { command: 'up', args: ['--dry-run', ...ports], exits: [0] },
  { command: 'up', args: ports, exits: [0] },
  { command: 'up', args: ['--kind-node-image', 'kindest/node:v1@sha256:nothex'], exits: [2] },
  { command: 'curl', args: ['/helloworld'], exits: [0] },
  { command: 'curl', args: ['/helloworld', '-X', 'BAD METHOD'], exits: [2] },
  { command: 'env', args: [], exits: [0] },
  { command: 'status', args: [], exits: [0] },
  { command: 'doctor', args: [], exits: [0, 3] },
  { command: 'tools list', args: [], exits: [0] },
  // downloads point at a closed local port: the failure must be one document too
  { command: 'tools install', args: ['kind'], exits: [4, 3] },
  { command: 'lab list', args: [], exits: [0] },
  { command: 'lab validate', args: ['ingress-routing'], exits: [0] },
  { command: 'lab show', args: ['ingress-routing'], exits: [0] },
  { command: 'lab start', args: ['ingress-routing'], exits: [0] },
  { command: 'lab step', args: [], exits: [0] },
  { command: 'lab check', args: ['--wait', '5'], exits: [0, 5] },
  { command: 'lab run', args: ['ingress-routing'], exits: [0] },
  { command: 'lab reset', args: ['ingress-routing'], exits: [0] },
  // workshop (W1): failures and a no-op here; the workshop itself is test/e2e/workshop.test.ts
  { command: 'workshop up', args: ['--attendees', '0', '--name', 'json-none'], exits: [2] },
  { command: 'workshop list', args: ['--name', 'json-none'], exits: [6] },
  { command: 'workshop remove', args: ['01', '--name', 'json-none'], exits: [6] },
  { command: 'workshop down', args: ['--name', 'json-none'], exits: [0] },
  { command: 'join', args: ['/nonexistent/attendee-01.join.yaml'], exits: [6] },
  // no such workshop: the one-line NotFound as one document (the dashboard's serving --json: test/e2e/workshop-progress.test.ts)
  { command: 'workshop status', args: ['--name', 'no-such-workshop'], exits: [6] },
  { command: 'workshop dashboard', args: ['--name', 'no-such-workshop'], exits: [6] },
  { command: 'images', args: ['--all'], exits: [0] },
  { command: 'images', args: ['--lab', 'no-such-lab'], exits: [6] },
  // nothing may be pulled and the tools' downloads point at a closed port: one document for the failure
  { command: 'bundle create', args: ['--pull', 'never', '--kind-node-image', 'mesh-lab-json/none:v1.36.1', '-o', `${root}/w.mlbundle`], exits: [3, 4] },
  { command: 'bundle inspect', args: [`${root}/no-such.mlbundle`], exits: [6] },
  { command: 'completion', args: ['bash'], exits: [0] },
  { command: 'completion', args: ['tcsh'], exits: [2] },
  { command: 'down', args: [], exits: [0] },
  { command: 'down', args: ['--no-such-flag'], exits: [2] },
];

/** One JSON document and nothing else: the whole of stdout parses. */
function oneDocument(r: RunResult): unknown {
  expect(r.stdout.trim(), `stdout is empty; stderr: ${r.stderr}`).not.toBe('');
  let doc: unknown;
  expect(() => (doc = JSON.parse(r.stdout)), `stdout is not one JSON document:\n${r.stdout}\nstderr: ${r.stderr}`).not.toThrow();
  return doc;
}

describe('the command list', () => {
  it('comes from the command tree and every command has a --json case', () => {
    const leaves = leafCommands(buildProgram({ flags: { verbose: false, json: false } }) as unknown as Command);
    expect(leaves).toContain('lab show');
    const covered = new Set(cases([]).map((c) => c.command));
    expect(leaves.filter((l) => !covered.has(l))).toEqual([]);
  });
});

describeDocker('--json everywhere (simulated cluster)', () => {
  let lab: LabEnv;
  let ports: string[] = [];
  let first: RunResult;
  // a lab (and so kind cluster and container) name of our own: others share this Docker
  let name: string[] = [];

  beforeAll(async () => {
    lab = await createLabEnv();
    name = ['--environment', `json-${simLabel(lab.simHome).slice(0, 8)}`];
    ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    first = await lab.run([...name, '--json', 'up', ...ports]);
  });
  afterAll(async () => {
    if (lab) {
      await lab.run([...name, 'down']);
      await lab.cleanup();
    }
  });

  it('up (the first, creating the cluster)', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    expect(oneDocument(first)).toMatchObject({ environment: name[1] });
  });

  // the case list needs the ports, known only in beforeAll: run them in one ordered loop
  it('every command prints one JSON document on stdout, on success and on failure', async () => {
    const seen: string[] = [];
    for (const c of cases(ports, lab.root)) {
      const r = await lab.run([...name, ...c.command.split(' '), ...c.args, '--json']);
      const label = `mesh-lab ${c.command} ${c.args.join(' ')} --json`;
      expect(c.exits, `${label} exited ${r.exitCode}\n${r.stdout}\n${r.stderr}`).toContain(r.exitCode);
      const doc = oneDocument(r) as { ok?: boolean; error?: { exitCode?: number } };
      if (r.exitCode !== 0 && doc.error) expect(doc.error.exitCode, label).toBe(r.exitCode);
      if (doc.ok === false) expect(r.exitCode, label).not.toBe(0);
      seen.push(label);
    }
    expect(seen).toHaveLength(cases(ports).length);
  });
});
