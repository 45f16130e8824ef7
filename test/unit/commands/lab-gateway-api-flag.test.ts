// `--gateway-api` on `lab start`, `lab run` and `lab show` reaches the injected run; without
// it the run gets no Gateway API request (the environment's API decides, src/labs/variants.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newLabStartCommand, type LabStartCommandOptions } from '../../../src/commands/lab/start/start.command.js';
import { newLabRunCommand, type LabRunCommandOptions } from '../../../src/commands/lab/run/run.command.js';
import { newLabShowCommand } from '../../../src/commands/lab/show/show.command.js';
import type { LabStartView, LabView } from '../../../src/commands/lab/lab-format.js';
import { fakeFactory } from './fake-factory.js';

afterEach(() => {
  process.exitCode = undefined;
});

const startView = { lab: 'ingress-routing', steps: 1, workDir: '/w', step: { number: 1, of: 1, id: 's', title: 't', optional: false, text: '', commands: [], checks: [] } } as LabStartView;
const labView: LabView = { id: 'ingress-routing', title: 't', requires: { profile: 'default', outboundTrafficPolicy: 'ALLOW_ANY' }, api: { id: 'gateway-api', title: 'Gateway API', available: ['istio', 'gateway-api'] }, steps: [] };

describe('lab --gateway-api', () => {
  it('lab start: with and without the flag', async () => {
    for (const [args, want] of [[['ingress-routing', '--gateway-api'], true], [['ingress-routing'], undefined]] as const) {
      const { factory } = fakeFactory({ json: true });
      const run = vi.fn(async (_o: LabStartCommandOptions) => startView);
      await newLabStartCommand(factory, run).parseAsync([...args], { from: 'user' });
      expect(run.mock.calls[0]![0].gatewayApi).toBe(want);
    }
  });

  it('lab run: with and without the flag', async () => {
    for (const [args, want] of [[['traffic-shifting', '--gateway-api'], true], [['traffic-shifting'], undefined]] as const) {
      const { factory } = fakeFactory({ json: true });
      const run = vi.fn(async (_o: LabRunCommandOptions) => []);
      await newLabRunCommand(factory, run).parseAsync([...args], { from: 'user' });
      expect(run.mock.calls[0]![0].gatewayApi).toBe(want);
    }
  });

  it('lab show: the flag reaches the run; --json prints the variant\'s API', async () => {
    const f = fakeFactory({ json: true });
    const run = vi.fn(async (_o: { id: string; gatewayApi?: boolean }) => labView);
    await newLabShowCommand(f.factory, run).parseAsync(['ingress-routing', '--gateway-api'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toEqual({ id: 'ingress-routing', gatewayApi: true });
    expect(JSON.parse(f.stdout()).api).toEqual({ id: 'gateway-api', title: 'Gateway API', available: ['istio', 'gateway-api'] });
  });
});
