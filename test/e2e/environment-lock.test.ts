// Issue 8 part 6: one writer per environment. Two `up` of one lab never run `kind create`
// or `istioctl install` side by side: the second waits, saying who holds the environment,
// and gives up with exit 7 after --wait-lock.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLabEnv, freePort, simLabel, type LabEnv } from './support/harness.js';
import { describeDocker } from '../support/docker-available.js';

interface Span {
  argv: string[];
  ppid: number;
  start: number;
  end: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeDocker('one writer per environment', () => {
  let lab: LabEnv;
  // a lab (so kind node container) name of its own: other test runs on this Docker use `mesh-lab`
  let name: string;
  beforeEach(async () => {
    lab = await createLabEnv();
    name = `lock-${simLabel(lab.simHome).slice(0, 8)}`;
  });
  afterEach(async () => {
    await lab.run(['--environment', name, 'down']);
    await lab.cleanup();
  });

  const spans = (): Span[] => {
    const file = join(lab.simHome, 'invocation-spans.jsonl');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Span) : [];
  };

  it('a second up started 1 s later waits for the first (no overlapping kind create / istioctl install); --wait-lock 1 gives up with exit 7', async () => {
    const ports = ['--host-port', String(await freePort()), '--https-host-port', String(await freePort())];
    const first = lab.run(['--environment', name, 'up', ...ports]);
    await sleep(1000);
    const second = lab.run(['--environment', name, 'up', ...ports]);
    // a third with a short wait, once the first holds the environment
    const lock = join(lab.meshLabHome, 'state', 'environments', name, 'lock');
    for (let i = 0; i < 100 && !existsSync(lock); i++) await sleep(100);
    const impatient = await lab.run(['--environment', name, 'down', '--wait-lock', '1']);
    expect(impatient.exitCode, impatient.stderr).toBe(7);
    const waiting = new RegExp(`^waiting for mesh-lab up \\(pid \\d+, started \\d\\d:\\d\\d:\\d\\d\\) to finish with environment ${name}…$`, 'm');
    expect(impatient.stderr).toMatch(waiting);
    expect(impatient.stderr).toMatch(new RegExp(`^mesh-lab: gave up after 1s waiting for mesh-lab up \\(pid \\d+, started \\d\\d:\\d\\d:\\d\\d\\) to finish with environment ${name}; wait for it to finish, or pass --wait-lock`, 'm'));

    const [a, b] = await Promise.all([first, second]);
    expect(a.exitCode, a.stdout + a.stderr).toBe(0);
    expect(b.exitCode, b.stdout + b.stderr).toBe(0);
    expect(b.stderr).toMatch(waiting);

    const all = spans();
    const writers = all.filter((s) => (s.argv[0] === 'kind' && s.argv[1] === 'create') || (s.argv[0] === 'istioctl' && s.argv[1] === 'install'));
    expect(writers.length).toBeGreaterThan(0);
    for (const x of writers) for (const y of writers) if (x !== y) expect(x.end <= y.start || y.end <= x.start, `${x.argv.join(' ')} overlaps ${y.argv.join(' ')}`).toBe(true);
    // stronger: the two processes' tool calls do not interleave at all
    const byProcess = new Map<number, Span[]>();
    for (const s of all) byProcess.set(s.ppid, [...(byProcess.get(s.ppid) ?? []), s]);
    const runs = [...byProcess.values()].filter((list) => list.some((s) => s.argv.includes('version') || s.argv.includes('get')));
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const [p, q] = runs.sort((x, y) => Math.min(...x.map((s) => s.start)) - Math.min(...y.map((s) => s.start)));
    expect(Math.max(...p!.map((s) => s.end))).toBeLessThanOrEqual(Math.min(...q!.map((s) => s.start)));
  });
});
