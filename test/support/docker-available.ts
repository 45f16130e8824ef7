// One rule for every Docker-backed test, decided once in global-setup.ts: with Docker
// the tests run; without it they fail in CI (CI=...) and are skipped, loudly, on a
// laptop. Test files call `describeDocker(...)` instead of `describe(...)`.
import { describe, inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    dockerAvailable: boolean;
    dockerSkipReason: string;
    simNodeImage: string;
    simRunId: string;
  }
}

export function dockerAvailable(): boolean {
  return inject('dockerAvailable') === true;
}

export function simNodeImage(): string {
  return inject('simNodeImage');
}

export function simRunId(): string {
  return inject('simRunId');
}

/** `describe` when Docker is usable, otherwise a skipped suite whose name says why. */
export const describeDocker: typeof describe = ((name: string, fn: () => void) => {
  if (dockerAvailable()) return describe(name, fn);
  return describe.skip(`${name} [skipped: ${inject('dockerSkipReason')}]`, fn);
}) as typeof describe;
