// `kubectl create namespace NAME`. Flags (subset) from `kubectl create namespace --help`
// (v1.32): --dry-run, -o, --validate, --save-config, --field-manager.
import type { FlagSpec } from '../lib/flags.js';
import { updateObjects } from '../lib/store.js';
import { alreadyExists, ApiError } from '../k8s/errors.js';
import { newUid, nextResourceVersion, nowTimestamp } from '../k8s/objects.js';
import { servedObjects } from '../k8s/view.js';
import { parseDryRun } from './cmd-apply.js';
import { connect } from './context.js';
import { authorize } from '../rbac/guard.js';
import { fail, out } from './io.js';
import { toJSON, toYAML } from './printers.js';

export const createNamespaceFlags: FlagSpec[] = [
  { name: 'dry-run', type: 'string', def: 'none', noOptDefVal: 'unchanged' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'validate', type: 'string', def: 'strict', noOptDefVal: 'strict' },
  { name: 'save-config', type: 'bool' },
  { name: 'field-manager', type: 'string', def: 'kubectl-create' },
];

export async function runCreateNamespace(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length !== 1) throw new ApiError('', `exactly one NAME is required, got ${args.length}\nSee 'kubectl create namespace -h' for help and examples`);
    const name = args[0]!;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) || name.length > 63) {
      throw new ApiError('Invalid', `Namespace "${name}" is invalid: metadata.name: Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`, {
        kind: 'Namespace', name, causes: [{ field: 'metadata.name', message: `Invalid value: "${name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')` }],
      });
    }
    const dryRun = parseDryRun(flags['dry-run'] as string);
    const conn = await connect(flags);
    authorize(conn.rec.key, conn.user, { verb: 'create', group: '', resource: 'namespaces' });
    const ns = updateObjects(conn.rec.key, (objects) => {
      if (servedObjects(conn.rec, objects).some((o) => o.kind === 'Namespace' && o.metadata.name === name)) throw alreadyExists('namespaces', name);
      const o = {
        apiVersion: 'v1', kind: 'Namespace',
        metadata: { creationTimestamp: nowTimestamp(), labels: { 'kubernetes.io/metadata.name': name }, name, resourceVersion: nextResourceVersion(objects), uid: newUid() },
        spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' }, __sim: { appliedAt: Date.now() },
      };
      if (dryRun === 'none') objects.push(o);
      return o;
    });
    const { __sim: _s, ...clean } = ns;
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    if (flags.output === 'json') out(toJSON(clean));
    else if (flags.output === 'yaml') out(toYAML(clean));
    else if (flags.output === 'name') out(`namespace/${name}\n`);
    else out(`namespace/${name} created${suffix}\n`);
    return 0;
  } catch (e) {
    return fail(e);
  }
}
