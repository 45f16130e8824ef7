/**
 * The one error type thrown by src/tools and src/doctor. `message` is a single line
 * saying what failed, why, and what to do; `detail` carries extra (possibly multi-line)
 * context for --verbose output. `code` lets the top-level handler pick an exit code.
 */
export type ToolsErrorCode =
  | 'unsupported-platform'
  | 'unknown-tool'
  | 'http-status'
  | 'network'
  | 'timeout'
  | 'truncated'
  | 'too-large'
  | 'checksum-mismatch'
  | 'checksum-unavailable'
  | 'extract-failed'
  | 'lock-timeout'
  | 'proxy'
  | 'missing-tools'
  | 'io';

export class ToolsError extends Error {
  readonly code: ToolsErrorCode;
  readonly detail: string | undefined;

  constructor(code: ToolsErrorCode, message: string, options: { detail?: string; cause?: unknown } = {}) {
    super(message.replace(/\s*\n\s*/g, ' '), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolsError';
    this.code = code;
    this.detail = options.detail;
  }
}

export function isToolsError(e: unknown): e is ToolsError {
  return e instanceof ToolsError;
}

/** Short text for an unknown thrown value (node errors keep their code). */
export function describeError(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code && !e.message.includes(code) ? `${code}: ${e.message}` : e.message;
  }
  return String(e);
}
