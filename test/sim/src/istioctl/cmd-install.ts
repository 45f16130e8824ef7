// `istioctl install` (alias `apply`). Flags from istio 1.30.3 operator/cmd/mesh/install.go
// addInstallFlags (-f/--filename StringSlice, --readiness-timeout 300s,
// -y/--skip-confirmation, --force, --verify, -s/--set StringArray, --charts, -d/--manifests,
// -r/--revision) and operator/cmd/mesh/root.go addFlags (--dry-run).
// Sequence as in install.go: ASCII art to stderr, generate + validate config, confirmation
// prompt on stdout unless -y (EOF on stdin = "Cancelled.", exit 1), then the components in
// dependency order (core, Istiod, then the gateways together), each waiting for its
// Deployments, then pruning; progress lines in the non-TTY format of
// operator/pkg/util/progress (see shared/upstream/istioctl/install-demo.non-tty.stderr.txt).
import { readFileSync } from 'node:fs';
import type { FlagSpec } from '../lib/flags.js';
import { readObjects, updateObjects, type K8sObject } from '../lib/store.js';
import { applyDocs } from '../k8s/apply.js';
import { renderErrors } from '../k8s/errors.js';
import { baseObjects, gatewayObjects, pilotObjects, type InstallConfig } from '../k8s/istio-install.js';
import { isDeploymentReady, readyDelayMs } from '../k8s/readiness.js';
import { clientVersion, connectCluster, goDuration } from './cluster.js';
import { IstioctlError, mergeInputs, resolveInstall, validateIop } from './iop.js';

export const installFlags: FlagSpec[] = [
  { name: 'filename', short: 'f', type: 'stringSlice' },
  { name: 'readiness-timeout', type: 'duration', def: 300_000 },
  { name: 'skip-confirmation', short: 'y', type: 'bool' },
  { name: 'force', type: 'bool' },
  { name: 'verify', type: 'bool' },
  { name: 'set', short: 's', type: 'stringArray' },
  { name: 'charts', type: 'string' },
  { name: 'manifests', short: 'd', type: 'string' },
  { name: 'revision', short: 'r', type: 'string' },
  { name: 'dry-run', type: 'bool' },
];

const ART = [
  '        |\\          ', '        | \\         ', '        |  \\        ', '        |   \\       ', '      /||    \\      ',
  '     / ||     \\     ', '    /  ||      \\    ', '   /   ||       \\   ', '  /    ||        \\  ', ' /     ||         \\ ',
  '/______||__________\\', '____________________', '  \\__       _____/  ', '     \\_____/        ',
].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function faults(): string[] {
  return (process.env.MESHLAB_SIM_FAIL ?? '').split(',').map((s) => s.trim());
}

function installMs(): number {
  const n = Number(process.env.MESHLAB_SIM_INSTALL_MS ?? 1500);
  return Number.isFinite(n) && n >= 0 ? n : 1500;
}

/** Reads one line from a non-TTY stdin like fmt.Scanln; undefined on EOF. */
function readLine(): string | undefined {
  try {
    const text = readFileSync(0, 'utf8');
    if (text === '') return undefined;
    return text.split('\n')[0]!.trim();
  } catch {
    return undefined;
  }
}

const progress = (s: string) => process.stderr.write(`\n${s}`);

export async function runInstall(args: string[], flags: Record<string, unknown>): Promise<number> {
  if (args.length > 0) throw new IstioctlError(`unknown command "${args[0]}" for "istioctl install"`);
  const revision = flags.revision as string | undefined;
  if (revision !== undefined && revision !== '' && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(revision)) {
    throw new IstioctlError(`invalid revision specified: ${revision}`);
  }
  const conn = await connectCluster(flags);
  process.stderr.write(`${ART}\n\n`);
  const version = clientVersion();
  let cfg: InstallConfig;
  try {
    const iop = mergeInputs(flags.filename as string[], flags.set as string[], revision, () => readFileSync(0, 'utf8'));
    try {
      validateIop(iop);
    } catch (e) {
      if (!flags.force) throw e;
      process.stderr.write(`spec invalid; continuing because of --force: ${(e as Error).message}\n`);
    }
    cfg = resolveInstall(iop, version);
  } catch (e) {
    throw new IstioctlError(`generate config: ${(e as Error).message}`);
  }
  // detectIstioVersionDiff: warn when the installed control plane differs from this client.
  const installed = readObjects(conn.rec.key).find((o) => o.kind === 'Deployment' && o.metadata.namespace === cfg.namespace && o.metadata.labels?.app === 'istiod' && (o.metadata.labels?.['istio.io/rev'] ?? 'default') === (cfg.revision || 'default'));
  const installedTag = installed ? String(installed.spec?.template?.spec?.containers?.[0]?.image ?? '').split(':').pop() : undefined;
  if (installedTag && installedTag !== version) {
    const dir = installedTag < version ? 'upgraded' : 'downgraded';
    process.stderr.write(
      `WARNING: Istio is being ${dir} from ${installedTag} to ${version}.\n` +
        (cfg.revision ? '' : '         Running this command will overwrite it; use revisions to upgrade alongside the existing version.\n') +
        "         Before upgrading, you may wish to use 'istioctl x precheck' to check for upgrade warnings.\n",
    );
  }
  if (!flags['dry-run'] && !flags['skip-confirmation']) {
    process.stdout.write(`This will install the Istio ${version} profile "${cfg.profile}" into the cluster. Proceed? (y/N) `);
    for (;;) {
      const answer = readLine();
      const a = answer?.toUpperCase();
      if (a === 'Y' || a === 'YES') break;
      // fmt.Scanln fails on EOF or an empty line: both cancel.
      process.stderr.write('Cancelled.\n');
      return 1;
    }
  }
  if (flags['dry-run']) {
    process.stderr.write('\n✔ Installation complete');
    return 0;
  }
  return install(conn.rec.key, cfg, flags['readiness-timeout'] as number);
}

async function install(key: string, cfg: InstallConfig, timeoutMs: number): Promise<number> {
  const rec = { key } as Parameters<typeof applyDocs>[0];
  // MESHLAB_SIM_INSTALL_MS is the whole install; the two readiness waits take part of it.
  const step = Math.max(0, installMs() - 2 * readyDelayMs()) / 4;
  const apply = (objs: K8sObject[]) => {
    const res = applyDocs(rec, objs, { source: '', namespace: cfg.namespace, namespaceExplicit: false, serverSide: true, dryRun: 'none', validate: 'strict', lastApplied: false });
    if (res.errors.length > 0) throw new IstioctlError(`failed to update resource with server-side apply for obj: ${renderErrors(res.errors).trim()}`);
    return res.results.map((r) => r.object);
  };
  // installSystemNamespace
  updateObjects(key, (objects) => {
    if (!objects.some((o) => o.kind === 'Namespace' && o.metadata.name === cfg.namespace)) {
      objects.push({
        apiVersion: 'v1', kind: 'Namespace',
        metadata: { creationTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), labels: { 'kubernetes.io/metadata.name': cfg.namespace }, name: cfg.namespace, resourceVersion: '900', uid: crypto.randomUUID() },
        spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' }, __sim: { appliedAt: Date.now() },
      });
    }
  });
  const failFault = faults().includes('istio-install');
  const waitFor = async (names: string[], deps: string[]): Promise<string | undefined> => {
    const deadline = Date.now() + (failFault ? Math.min(timeoutMs, installMs()) : timeoutMs);
    for (;;) {
      const objs = readObjects(key);
      const pending = deps.filter((d) => {
        const o = objs.find((x) => x.kind === 'Deployment' && `Deployment/${x.metadata.namespace}/${x.metadata.name}` === d);
        return !o || !isDeploymentReady(o) || failFault;
      });
      if (pending.length === 0) return undefined;
      if (Date.now() >= deadline) {
        const why = failFault ? 'container failed to start: ImagePullBackOff: Back-off pulling image' : 'container failed to start: ContainerCreating: ';
        return `failed to wait for resource: resources not ready after ${goDuration(timeoutMs)}: context deadline exceeded\n${pending.map((p) => `  ${p} (${why})`).join('\n')}`;
      }
      void names;
      await sleep(50);
    }
  };
  const deps = (objs: K8sObject[]) => objs.filter((o) => o.kind === 'Deployment').map((o) => `Deployment/${o.metadata.namespace}/${o.metadata.name}`);

  const keep = new Set<string>();
  const remember = (objs: K8sObject[]) => objs.forEach((o) => keep.add(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  try {
    if (cfg.base) {
      progress('- Processing resources for Istio core.');
      await sleep(step);
      remember(apply(baseObjects(cfg)));
      progress('✔ Istio core installed ⛵️');
    }
    if (cfg.pilot) {
      progress('- Processing resources for Istiod.');
      const objs = apply(pilotObjects(cfg));
      remember(objs);
      progress(`- Processing resources for Istiod. Waiting for ${deps(objs).join(', ')}`);
      await sleep(step);
      const e = await waitFor(['Istiod'], deps(objs));
      if (e) {
        progress(`✘ Istiod encountered an error: ${e}`);
        throw new IstioctlError(`failed to install manifests: ${e}`);
      }
      progress('✔ Istiod installed 🧠');
    }
    const gws: Array<{ label: string; icon: string; objs: K8sObject[] }> = [];
    if (cfg.egress.length) gws.push({ label: 'Egress gateways', icon: '🛫', objs: cfg.egress.flatMap((g) => gatewayObjects(cfg, g, 'EgressGateways')) });
    if (cfg.ingress.length) gws.push({ label: 'Ingress gateways', icon: '🛬', objs: cfg.ingress.flatMap((g) => gatewayObjects(cfg, g, 'IngressGateways')) });
    if (gws.length > 0) {
      progress(`- Processing resources for ${gws.map((g) => g.label).join(', ')}.`);
      const applied = gws.map((g) => ({ ...g, objs: apply(g.objs) }));
      applied.forEach((g) => remember(g.objs));
      await sleep(step);
      const remaining = [...applied];
      while (remaining.length > 0) {
        progress(`- Processing resources for ${remaining.map((g) => g.label).join(', ')}. Waiting for ${remaining.flatMap((g) => deps(g.objs)).join(', ')}`);
        const g = remaining.shift()!;
        const e = await waitFor([g.label], deps(g.objs));
        if (e) {
          progress(`✘ ${g.label} encountered an error: ${e}`);
          throw new IstioctlError(`failed to install manifests: ${e}`);
        }
        progress(`✔ ${g.label} installed ${g.icon}`);
      }
    }
    progress('- Pruning removed resources');
    await sleep(step);
    prune(key, cfg, keep);
    // The non-TTY progress log ends without a newline (shared/upstream/istioctl/install-demo.non-tty.stderr.txt).
    progress('✔ Installation complete');
    return 0;
  } catch (e) {
    process.stderr.write('\n');
    throw e;
  }
}

/** Installer.prune: objects this installation owns (by label) that the new config no longer renders. */
function prune(key: string, cfg: InstallConfig, keep: Set<string>): void {
  updateObjects(key, (objects) => {
    for (let i = objects.length - 1; i >= 0; i--) {
      const o = objects[i]!;
      const l = o.metadata.labels ?? {};
      if (l['install.operator.istio.io/owning-resource-namespace'] !== cfg.namespace) continue;
      if (o.kind === 'CustomResourceDefinition') continue; // base keeps CRDs (helm.sh/resource-policy: keep)
      if ((l['istio.io/rev'] ?? 'default') !== (cfg.revision || 'default') && o.kind !== 'ServiceAccount') continue;
      if (!keep.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)) objects.splice(i, 1);
    }
  });
}
