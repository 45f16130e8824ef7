// `mesh-lab lab check` owns its flags: the step and --wait reach an injected run typed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newLabCheckCommand, type LabCheckCommandOptions } from '../../../src/commands/lab/check/check.command.js';
import type { StepResult } from '../../../src/labs/executor/run-step.js';
import { fakeFactory } from './fake-factory.js';

const failed = { stepId: 'gateway', title: 'Open the gateway', passed: false, checks: [{ title: 'the Gateway exists', pass: false, message: 'not found', attempts: 1 }] } as unknown as StepResult;

const fakeRun = (r: StepResult = failed) => vi.fn(async (_o: LabCheckCommandOptions) => r);

afterEach(() => {
  process.exitCode = undefined;
});

describe('lab check command', () => {
  it('hands the step and --wait to the run as typed options', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await newLabCheckCommand(factory, run).parseAsync(['2', '--wait', '5'], { from: 'user' });
    expect(run.mock.calls[0]![0]).toEqual({ step: '2', waitSeconds: 5 });
  });

  it('no step and no --wait: the next step, the lab own retry window', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await newLabCheckCommand(factory, run).parseAsync([], { from: 'user' });
    expect(run.mock.calls[0]![0]).toEqual({ step: undefined, waitSeconds: undefined });
  });

  it('a negative --wait is a usage error and nothing is checked', async () => {
    const { factory } = fakeFactory();
    const run = fakeRun();
    await expect(newLabCheckCommand(factory, run).parseAsync(['--wait', '-1'], { from: 'user' })).rejects.toMatchObject({ exitCode: 2 });
    expect(run).not.toHaveBeenCalled();
  });

  it('--json: one document, the step result; a failed step exits 5', async () => {
    const f = fakeFactory({ json: true });
    await newLabCheckCommand(f.factory, fakeRun()).parseAsync([], { from: 'user' });
    expect(JSON.parse(f.stdout())).toEqual(failed);
    expect(process.exitCode).toBe(5);
  });
});
