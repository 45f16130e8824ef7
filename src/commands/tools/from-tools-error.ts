import { isToolsError } from '../../tools/errors.js';
import { ExitCode } from '../../errors/exit-codes.js';
import { MeshLabError } from '../../errors/mesh-lab-error.js';

/** Tool bootstrap failures (src/tools) in the CLI's terms: missing tools are prerequisites, the rest tool failures. */
export function fromToolsError(err: unknown): unknown {
  if (!isToolsError(err)) return err;
  const prerequisite = err.code === 'missing-tools' || err.code === 'unsupported-platform' || err.code === 'unknown-tool';
  return new MeshLabError(prerequisite ? ExitCode.Prerequisite : ExitCode.ToolFailed, err.message, {
    ...(err.detail ? { detail: err.detail } : {}),
    ...(prerequisite ? {} : { hint: 'check your network or proxy settings (HTTPS_PROXY), then retry; `mesh-lab tools install` retries cleanly' }),
    cause: err,
  });
}
