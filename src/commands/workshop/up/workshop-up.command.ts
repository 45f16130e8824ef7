// `mesh-lab workshop up`: flags and output; runWorkshopUp (./workshop-up.ts) does the work.
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../../../config/defaults.js';
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import { providerNames } from '../../../providers/registry.js';
import { parseTokenTtl } from '../../../workshop/token-ttl.js';
import { parseWaitLock, WAIT_LOCK_FLAG, type Factory } from '../../factory.js';
import type { WorkshopUpInput, WorkshopUpResult } from './workshop-up.js';
import { DEFAULT_WORKSHOP_NAME, workshopName } from '../workshop-options.js';

export function checkAttendees(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new MeshLabError(ExitCode.Usage, `--attendees ${n} is outside 1..99`, { hint: 'attendee ids are two digits: 01…99' });
}

export type WorkshopUpRun = (input: WorkshopUpInput, waitLockSeconds: number) => Promise<WorkshopUpResult>;

export function defaultWorkshopUpRun(f: Factory): WorkshopUpRun {
  return async (input, waitLockSeconds) => {
    const [{ createSession }, { runWorkshopUp }] = await Promise.all([import('../../../session/session.js'), import('./workshop-up.js')]);
    const s = createSession(input.name, f.printer());
    return f.withLock(s, 'workshop up', waitLockSeconds, () => runWorkshopUp(s, input));
  };
}

export function newWorkshopUpCommand(f: Factory, run: WorkshopUpRun = defaultWorkshopUpRun(f)) {
  return new Command('up')
    .description('one shared cluster for a cohort: Istio once, one namespace, token and join file per attendee')
    .requiredOption('--attendees <n>', 'how many attendees (01…NN); a larger number adds attendees, a smaller one removes none')
    .option('--name <workshop>', 'the workshop (and its environment) name', DEFAULT_WORKSHOP_NAME)
    .addOption(new Option('--provider <name>', 'cluster provider').choices(providerNames).default(DEFAULTS.provider))
    .option('--context <context>', 'kubeconfig context of an existing cluster (--provider existing)')
    .option('--kubeconfig <file>', 'kubeconfig holding --context (--provider existing)')
    .option('--domain <domain>', 'attendee hosts are attendee-NN.<domain> (default: <name>.test)')
    .option('--token-ttl <duration>', 'how long attendee tokens last (kubectl create token --duration)', '12h')
    .option('--api-server <url>', 'the API server URL attendees use (default: the one in the instructor kubeconfig)')
    .option('--ingress <host:port>', 'the shared ingress as attendees reach it (default: as discovered)')
    .option('--istio-version <version>', 'Istio version', DEFAULTS.istioVersion)
    .addOption(new Option('--profile <profile>', 'Istio profile').choices(['default', 'demo', 'minimal'] as const).default('default' as const))
    .option('--host-port <port>', 'kind: port on 127.0.0.1 mapped to the ingress http2 nodePort')
    .option('--https-host-port <port>', 'kind: port on 127.0.0.1 mapped to the ingress https nodePort')
    .option('--timeout <seconds>', 'how long to wait for the attendee routes to answer', String(DEFAULTS.verifyTimeoutSeconds))
    .option('--no-download', 'never download missing tools; fail naming them instead')
    .option('--bundle <file>', 'take every tool and image (Istio, the app, the shared labs) from this bundle (`mesh-lab bundle create --all`): no network needed')
    .option('--preload', "pull Istio's and the app's images on the host while the cluster is created, and load them into the node (cached by digest)", false)
    .option(...WAIT_LOCK_FLAG)
    .action(async (opts) => {
      const attendees = Number(opts.attendees);
      // bad flags fail at once (exit 2), not after waiting for the lock
      checkAttendees(attendees);
      parseTokenTtl(opts.tokenTtl);
      const result = await run(
        {
          name: workshopName(opts.name),
          attendees,
          tokenTtl: opts.tokenTtl,
          ...(opts.domain ? { domain: opts.domain } : {}),
          ...(opts.apiServer ? { apiServer: opts.apiServer } : {}),
          ...(opts.ingress ? { ingress: opts.ingress } : {}),
          noDownload: !opts.download,
          ...(opts.bundle ? { bundle: opts.bundle } : {}),
          ...(opts.preload ? { preload: true } : {}),
          up: {
            provider: opts.provider,
            context: opts.context,
            kubeconfig: opts.kubeconfig,
            istioVersion: opts.istioVersion,
            profile: opts.profile,
            httpHostPort: opts.hostPort,
            httpsHostPort: opts.httpsHostPort,
            verifyTimeoutSeconds: opts.timeout,
          },
        },
        parseWaitLock(opts.waitLock),
      );
      if (f.flags.json) return f.printJson(result);
      const p = f.printer();
      p.out(`\nWorkshop ${result.workshop} is ready: ${result.attendees.length} attendees on *.${result.domain} through ${result.ingress.host}:${result.ingress.port}`);
      p.out(`Hand out the join files (\`mesh-lab workshop list --name ${result.workshop}\`); each attendee runs: mesh-lab join <file>`);
    });
}
