import type { ExitCodeValue } from './exit-codes.js';

export interface MeshLabErrorOptions {
  /** what the user can do about it, one short sentence */
  hint?: string;
  /** extra lines shown under --verbose: the command, its stderr, last observations */
  detail?: string;
  /** the detail is the answer itself (every error of a lab file), so it is shown without --verbose */
  showDetail?: boolean;
  cause?: unknown;
}

/**
 * An expected failure: printed as one line (what failed, why, what to do), never with
 * a stack trace. Anything thrown that is not a MeshLabError is a bug.
 */
export class MeshLabError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly hint: string | undefined;
  readonly detail: string | undefined;
  readonly showDetail: boolean;

  constructor(exitCode: ExitCodeValue, message: string, options: MeshLabErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MeshLabError';
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.detail = options.detail;
    this.showDetail = options.showDetail ?? false;
  }
}

export function isMeshLabError(err: unknown): err is MeshLabError {
  return err instanceof MeshLabError;
}
