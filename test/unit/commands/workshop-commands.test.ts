// `workshop status` and `workshop dashboard` own their flags (--name, --labs, --verify, --port)
// and their output: one JSON document under --json, the human grid otherwise.
import { describe, expect, it, vi } from 'vitest';
import { newWorkshopDashboardCommand } from '../../../src/commands/workshop/dashboard/dashboard.command.js';
import { newWorkshopStatusCommand } from '../../../src/commands/workshop/status/status.command.js';
import { formatWorkshopStatus } from '../../../src/commands/workshop/status/status.js';
import { hostClaims } from '../../../src/workshop/host-claims.js';
import { rollUp } from '../../../src/workshop/roll-up.js';
import { fakeFactory } from './fake-factory.js';

const s = rollUp({
  workshop: 'room',
  attendees: [{ id: '01', namespace: 'attendee-01', host: 'attendee-01.w.test', serviceAccount: 'a', joinFile: '/j' }],
  labs: [{ id: 'ingress-routing', title: 'I', steps: [{ id: 'app-running', title: 'a' }, { id: 'gateway', title: 'g' }, { id: 'virtualservice', title: 'v' }] }],
  progress: new Map([['attendee-01', { 'ingress-routing': { schema: 1, labId: 'ingress-routing', updatedAt: 'x', steps: { 'app-running': { status: 'passed', at: 'x' }, gateway: { status: 'failed', message: 'Gateway helloworld-gateway exists: not found', at: 'y' } } } }]]),
  claims: hostClaims([{ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'x', namespace: 'attendee-02' }, spec: { hosts: ['attendee-01.w.test'] } }]),
  verified: new Map([['attendee-01', { 'ingress-routing': { 'app-running': { status: 'failed' as const, message: 'Deployment gone' } } }]]),
});

describe('workshop status command', () => {
  it('passes --name, --labs and --verify to the run and prints one JSON document', async () => {
    const { factory, stdout } = fakeFactory({ json: true });
    const run = vi.fn(async () => s);
    await newWorkshopStatusCommand(factory, run).parseAsync(['--name', 'room', '--labs', 'a, b', '--verify'], { from: 'user' });
    expect(run.mock.calls[0]).toEqual([{ name: 'room', verify: true, labs: ['a', 'b'] }]);
    expect(JSON.parse(stdout())).toMatchObject({ workshop: 'room', totals: { passed: 1, failed: 1, disagreements: 1 } });
  });

  it('defaults to the workshop named "workshop" and refuses a bad name', async () => {
    const run = vi.fn(async () => s);
    await newWorkshopStatusCommand(fakeFactory().factory, run).parseAsync([], { from: 'user' });
    expect(run.mock.calls[0]).toEqual([{ name: 'workshop', verify: false }]);
    await expect(newWorkshopStatusCommand(fakeFactory().factory, run).parseAsync(['--name', 'Bad_Name'], { from: 'user' })).rejects.toThrow(/workshop name "Bad_Name"/);
  });

  it('says per attendee and lab what passed, failed (and why), was not tried, and where checks disagree', () => {
    expect(formatWorkshopStatus(s)).toBe(
      [
        "workshop room: 1 attendee(s), 1 lab(s); 1 step(s) passed, 1 failed, 1 disagreement(s) with the instructor's checks",
        'legend: ✔ passed  ✖ failed  · not tried  ! recorded and verified differ',
        '',
        '01  ingress-routing  ✔! ✖ ·  1/3',
        "      ! app-running: recorded passed, the instructor's check failed: Deployment gone",
        '      ✖ gateway: Gateway helloworld-gateway exists: not found',
        '      ⚠ host attendee-01.w.test is also claimed by attendee-02',
      ].join('\n'),
    );
  });
});

describe('workshop dashboard command', () => {
  it('prints the URL as one JSON document once listening, and refuses a bad --port', async () => {
    const { factory, stdout } = fakeFactory({ json: true });
    const run = vi.fn(async (o: { port: number; onListening: (u: string) => void }) => o.onListening('http://127.0.0.1:4711/'));
    await newWorkshopDashboardCommand(factory, run as never).parseAsync(['--port', '4711'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toMatchObject({ name: 'workshop', port: 4711 });
    expect(JSON.parse(stdout())).toEqual({ workshop: 'workshop', url: 'http://127.0.0.1:4711/' });
    await expect(newWorkshopDashboardCommand(factory, run as never).parseAsync(['--port', '70000'], { from: 'user' })).rejects.toThrow('--port must be a port number (0-65535), not "70000"');
  });
});

describe('workshop up command', () => {
  it('passes --bundle and --preload to the run (the shared cluster takes its images as `up --bundle` does)', async () => {
    const { newWorkshopUpCommand } = await import('../../../src/commands/workshop/up/workshop-up.command.js');
    const result = { ok: true as const, workshop: 'room', environment: 'room', domain: 'room.test', ingress: { host: '127.0.0.1', port: 80 }, added: [], tokensIssued: [], attendees: [] };
    const run = vi.fn(async (_i: unknown) => result);
    await newWorkshopUpCommand(fakeFactory({ json: true }).factory, run).parseAsync(['--name', 'room', '--attendees', '2', '--bundle', '/tmp/w.mlbundle', '--preload'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toMatchObject({ name: 'room', attendees: 2, bundle: '/tmp/w.mlbundle', preload: true });
    const plain = vi.fn(async (_i: unknown) => result);
    await newWorkshopUpCommand(fakeFactory({ json: true }).factory, plain).parseAsync(['--name', 'room', '--attendees', '2'], { from: 'user' });
    expect(plain.mock.calls[0]![0]).not.toHaveProperty('bundle');
    expect(plain.mock.calls[0]![0]).not.toHaveProperty('preload');
  });
});
