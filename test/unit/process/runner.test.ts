import { describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/errors/exit-codes.js';
import { MeshLabError } from '../../../src/errors/mesh-lab-error.js';
import { formatCommand } from '../../../src/process/format-command.js';
import { ExecaRunner, ToolFailedError } from '../../../src/process/runner.js';

describe('ExecaRunner', () => {
  it('runs an argv (no shell) and captures output', async () => {
    const r = await new ExecaRunner().run(process.execPath, ['-e', 'process.stdout.write(process.argv[1])', '$(echo hi); rm -rf /']);
    expect(r.stdout).toBe('$(echo hi); rm -rf /');
  });
  it('passes stdin', async () => {
    const r = await new ExecaRunner().run(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'kind: Gateway\n' });
    expect(r.stdout).toBe('kind: Gateway\n');
  });
  it('a non-zero exit becomes a ToolFailedError whose line is the tool error line', async () => {
    const err = await new ExecaRunner()
      .run(process.execPath, ['-e', 'console.error("Creating...\\nERROR: failed to create cluster: boom"); process.exit(1)'], { purpose: 'create kind cluster x' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolFailedError);
    expect((err as ToolFailedError).message).toBe('could not create kind cluster x: ERROR: failed to create cluster: boom');
    expect((err as ToolFailedError).exitCode).toBe(ExitCode.ToolFailed);
  });
  it('a missing program is a prerequisite error', async () => {
    const err = (await new ExecaRunner().run('mesh-lab-no-such-tool', ['version']).catch((e: unknown) => e)) as MeshLabError;
    expect(err.exitCode).toBe(ExitCode.Prerequisite);
    expect(err.message).toBe('mesh-lab-no-such-tool was not found on PATH');
  });
  it('reject: false returns the failure', async () => {
    const r = await new ExecaRunner().run(process.execPath, ['-e', 'process.exit(3)'], { reject: false });
    expect(r.exitCode).toBe(3);
  });
  it('formats commands for display with safe quoting', () => {
    expect(formatCommand('kubectl', ['get', 'pods', '-l', 'app=x y', "it's"])).toBe(`kubectl get pods -l 'app=x y' 'it'\\''s'`);
  });
});

describe('ExecaRunner.spawnBackground', () => {
  it('starts a helper that outlives the call, logging to a file, and returns its pid', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const log = join(mkdtempSync(join(tmpdir(), 'bg-')), 'helper.log');
    const started = Date.now();
    const { pid } = await new ExecaRunner().spawnBackground(process.execPath, ['-e', 'console.log("forwarding"); setTimeout(() => {}, 60000)'], { logFile: log });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(() => process.kill(pid, 0)).not.toThrow();
    for (let i = 0; i < 50 && !readFileSync(log, 'utf8').includes('forwarding'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readFileSync(log, 'utf8')).toContain('forwarding');
    process.kill(-pid, 'SIGTERM');
  });
});
