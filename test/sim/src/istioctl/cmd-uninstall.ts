// `istioctl uninstall` (istio 1.30.3 operator/cmd/mesh/uninstall.go): flags -y, --force,
// --purge, -r, -f, -d, -s, -v; at least one of --revision/--filename/--purge is required.
// It prunes what install created (objects carrying operator.istio.io/component); CRDs
// and the istio-system namespace go only with --purge, as uninstall.GetPrunedResources
// keeps cluster-wide shared resources otherwise. Output lines follow
// operator/pkg/uninstall/prune.go ("  Removed %v/%s.%s.") and progress's "✔ Uninstall complete".
import { existsSync } from 'node:fs';
import type { FlagSpec } from '../lib/flags.js';
import { updateObjects, type K8sObject } from '../lib/store.js';
import { connectCluster } from './cluster.js';
import { IstioctlError } from './iop.js';

export const uninstallFlags: FlagSpec[] = [
  { name: 'skip-confirmation', short: 'y', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'purge', type: 'bool' },
  { name: 'revision', short: 'r', type: 'string' },
  { name: 'filename', short: 'f', type: 'string' },
  { name: 'manifests', short: 'd', type: 'string' },
  { name: 'set', short: 's', type: 'stringArray' },
  { name: 'verbose', short: 'v', type: 'bool' },
];

function gvk(o: K8sObject): string {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return `${group}/${version}, Kind=${o.kind}`;
}

export async function runUninstall(args: string[], flags: Record<string, unknown>): Promise<number> {
  const purge = Boolean(flags.purge);
  const file = flags.filename as string | undefined;
  const revision = flags.revision as string | undefined;
  if (!revision && !file && !purge) {
    throw new IstioctlError('at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set');
  }
  if (args.length > 0) throw new IstioctlError('istioctl uninstall does not take arguments');
  if (file && !existsSync(file)) throw new IstioctlError(`open ${file}: no such file or directory`);
  if (!flags['skip-confirmation'] && purge) {
    // without a terminal the real prompt reads EOF and cancels
    process.stdout.write('All Istio resources will be pruned from the cluster\nProceed? (y/N) ');
    process.stdout.write('Cancelled.\n');
    return 1;
  }
  const conn = await connectCluster(flags);
  const removed = updateObjects(conn.rec.key, (objects) => {
    const gone: K8sObject[] = [];
    for (let i = objects.length - 1; i >= 0; i--) {
      const o = objects[i]!;
      const owned = o.metadata.labels?.['operator.istio.io/component'] !== undefined;
      const shared = o.kind === 'CustomResourceDefinition' || o.kind === 'Namespace';
      if (owned && (!shared || purge)) gone.unshift(...objects.splice(i, 1));
    }
    return gone;
  });
  if (purge) process.stdout.write('All Istio resources will be pruned from the cluster\n\n');
  for (const o of removed) process.stdout.write(`  Removed ${gvk(o)}/${o.metadata.name}.${o.metadata.namespace ?? ''}.\n`);
  process.stderr.write('✔ Uninstall complete\n');
  return 0;
}
