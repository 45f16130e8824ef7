// `kubectl apply -f ...`. Flags (subset) from `kubectl apply --help` (v1.32) and
// kubernetes/kubectl pkg/cmd/apply/apply.go AddFlags: -f/--filename, -R/--recursive,
// --server-side, --field-manager, --force-conflicts, --dry-run, --validate, -o/--output,
// --overwrite. Output lines follow pkg/cmd/apply/apply.go ("created", "configured",
// "unchanged", "serverside-applied") through the name printer; see
// shared/upstream/kubectl/apply-*.txt.
import type { FlagSpec } from '../lib/flags.js';
import { applyDocs, type DryRun, type Validation } from '../k8s/apply.js';
import { ApiError, renderErrors } from '../k8s/errors.js';
import { qualifiedKind } from '../k8s/registry.js';
import { connect, Unreachable } from './context.js';
import { denial } from '../rbac/guard.js';
import type { RequestAttributes } from '../rbac/authorizer.js';
import { err, fail, out } from './io.js';
import { printObjects } from './printers.js';
import { readSources } from './sources.js';

export const applyFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'recursive', short: 'R', type: 'bool' },
  { name: 'server-side', type: 'bool' },
  { name: 'field-manager', type: 'string', def: 'kubectl-client-side-apply' },
  { name: 'force-conflicts', type: 'bool' },
  { name: 'dry-run', type: 'string', def: 'none', noOptDefVal: 'unchanged' },
  { name: 'validate', type: 'string', def: 'strict', noOptDefVal: 'strict' },
  { name: 'output', short: 'o', type: 'string' },
  { name: 'overwrite', type: 'bool', def: true },
];

/** cmdutil.GetDryRunStrategy */
export function parseDryRun(v: string): DryRun {
  switch (v) {
    case 'none':
    case 'false':
      return 'none';
    case 'client':
    case 'true':
    case 'unchanged':
      if (v !== 'client') process.stderr.write(`W0000 00:00:00.000000 ${String(process.pid).padStart(7)} helpers.go:702] --dry-run is deprecated and can be replaced with --dry-run=client.\n`);
      return 'client';
    case 'server':
      return 'server';
    default:
      throw new ApiError('', `Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
  }
}

/** cmdutil.GetValidationDirective */
export function parseValidate(v: string): Validation {
  switch (v.toLowerCase()) {
    case 'strict':
    case 'true':
      return 'strict';
    case 'warn':
      return 'warn';
    case 'ignore':
    case 'false':
      return 'ignore';
    default:
      throw new ApiError('', `invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
  }
}

export async function runApply(args: string[], flags: Record<string, unknown>): Promise<number> {
  try {
    if (args.length > 0) throw new ApiError('', `Unexpected args: ${JSON.stringify(args).replace(/"/g, '').replace(/,/g, ' ')}\nSee 'kubectl apply -h' for help and examples`);
    const files = flags.filename as string[];
    if (files.length === 0) throw new ApiError('', 'must specify one of -f and -k');
    const dryRun = parseDryRun(flags['dry-run'] as string);
    const validation = parseValidate(flags.validate as string);
    const output = flags.output as string | undefined;
    if (output && !['json', 'yaml', 'name'].includes(output) && !output.startsWith('jsonpath=')) {
      throw new ApiError('', `unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,name,yaml`);
    }
    const sources = readSources(files, flags.recursive as boolean);
    if (sources.every((s) => s.docs.length === 0)) throw new ApiError('', 'no objects passed to apply');
    let conn;
    try {
      conn = await connect(flags);
    } catch (e) {
      if (e instanceof Unreachable && validation !== 'ignore') {
        // With validation on, the first request is the OpenAPI download.
        const src = sources[0]!.name;
        throw new ApiError('', `error validating "${src}": error validating data: failed to download openapi: Get "${e.url.replace(/\/$/, '')}/openapi/v2?timeout=32s": dial tcp ${e.hostPort}: connect: connection refused; if you choose to ignore these errors, turn validation off with --validate=false`);
      }
      throw e;
    }
    if ((process.env.MESHLAB_SIM_FAIL ?? '').split(',').includes('kubectl-apply')) {
      // Fault knob: the API server is overloaded (a real, retryable failure mode).
      throw new ApiError('ServiceUnavailable', `error when retrieving current configuration of:\nResource: "/v1, Resource=namespaces", GroupVersionKind: "/v1, Kind=Namespace"\nName: "default", Namespace: ""\nfrom server for: "${sources[0]!.name}": the server is currently unable to handle the request`);
    }
    const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
    const errors: ApiError[] = [];
    const printed = [];
    for (const s of sources) {
      const res = applyDocs(conn.rec, s.docs, {
        source: s.name,
        namespace: conn.namespace,
        namespaceExplicit: conn.namespaceExplicit,
        serverSide: flags['server-side'] as boolean,
        dryRun,
        validate: validation,
        lastApplied: true,
        ...(conn.user ? { authorize: (req: RequestAttributes) => denial(conn.rec.key, conn.user, req) } : {}),
      });
      for (const w of res.warnings) err(`${w}\n`);
      for (const r of res.results) {
        if (!output) out(`${qualifiedKind(r.type)}/${r.name} ${r.op}${suffix}\n`);
        else if (output === 'name') out(`${qualifiedKind(r.type)}/${r.name}\n`);
        else printed.push(r.object);
      }
      errors.push(...res.errors);
    }
    if (output && output !== 'name' && printed.length > 0) {
      const clean = printed.map(({ __sim: _s, ...o }) => o);
      out(printObjects(clean, output.startsWith('jsonpath=') ? { kind: 'jsonpath', template: output.slice(9) } : { kind: output as 'json' | 'yaml' }, clean.length === 1, false));
    }
    if (errors.length > 0) {
      err(renderErrors(errors));
      return 1;
    }
    return 0;
  } catch (e) {
    return fail(e);
  }
}
