// `kubectl create token SERVICE_ACCOUNT_NAME` (TokenRequest). Flags and messages from
// kubernetes/kubectl pkg/cmd/create/create_token.go: --audience (repeatable), --duration,
// --bound-object-kind/-name/-uid, -o; Validate()'s errors; Run() wraps API errors as
// "failed to create token: %v" and prints the bare token, with a newline only on a
// terminal. The API server refuses expirationSeconds under 600 (pkg/apis/authentication/
// validation ValidateTokenRequest: "may not specify a duration less than 10 minutes").
import type { FlagSpec } from '../lib/flags.js';
import { readObjects } from '../lib/store.js';
import { ApiError } from '../k8s/errors.js';
import { authorize } from '../rbac/guard.js';
import { DEFAULT_EXPIRATION_SECONDS, issueToken } from '../rbac/tokens.js';
import { connect } from './context.js';
import { fail, out } from './io.js';

export const createTokenFlags: FlagSpec[] = [
  { name: 'audience', type: 'stringArray' },
  { name: 'duration', type: 'duration', def: 0 },
  { name: 'bound-object-kind', type: 'string' },
  { name: 'bound-object-name', type: 'string' },
  { name: 'bound-object-uid', type: 'string' },
  { name: 'output', short: 'o', type: 'string' },
];

function wrap(e: unknown): unknown {
  return e instanceof ApiError ? new ApiError('', `failed to create token: ${e.message}`) : e;
}

export async function runCreateToken(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length !== 1) throw new ApiError('', `exactly one NAME is required, got ${args.length}\nSee 'kubectl create token -h' for help and examples`);
    const name = args[0]!;
    const durationMs = flags.duration as number;
    if (durationMs < 0) throw new ApiError('', '--duration must be greater than or equal to 0');
    if (durationMs % 1000 !== 0) throw new ApiError('', '--duration cannot be expressed in units less than seconds');
    const audiences = (flags.audience as string[] | undefined) ?? [];
    if (audiences.some((a) => a === '')) throw new ApiError('', '--audience must not be an empty string');
    if (flags['bound-object-kind']) throw new ApiError('', 'the mesh-lab simulator does not implement --bound-object-kind');
    if (flags['bound-object-name']) throw new ApiError('', '--bound-object-name can only be set if --bound-object-kind is provided');
    if (flags['bound-object-uid']) throw new ApiError('', '--bound-object-uid can only be set if --bound-object-kind is provided');
    if (flags.output) throw new ApiError('', 'the mesh-lab simulator implements create token without -o only');
    const conn = await connect(flags);
    const seconds = durationMs > 0 ? durationMs / 1000 : DEFAULT_EXPIRATION_SECONDS;
    let token: string;
    try {
      authorize(conn.rec.key, conn.user, { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', namespace: conn.namespace, name });
      if (seconds < 600) {
        throw new ApiError('Invalid', `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`);
      }
      if (seconds > 2 ** 32) {
        throw new ApiError('Invalid', `TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`);
      }
      const sa = readObjects(conn.rec.key).find((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === conn.namespace && o.metadata.name === name);
      if (!sa) throw new ApiError('NotFound', `serviceaccounts "${name}" not found`);
      token = issueToken(conn.rec.key, sa, seconds, audiences);
    } catch (e) {
      throw wrap(e);
    }
    out(process.stdout.isTTY ? `${token}\n` : token);
    return 0;
  } catch (e) {
    return fail(e);
  }
}
