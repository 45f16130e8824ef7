// The command tree. Each command is thin: parse flags, build a session, call src/.
import { Command, Option } from '@commander-js/extra-typings';
import { DEFAULTS } from '../src/config/defaults.js';
import { ExitCode } from '../src/errors/exit-codes.js';
import { MeshLabError } from '../src/errors/mesh-lab-error.js';
import { localProviderNames, providerNames } from '../src/providers/registry.js';
import { parseWaitLock, withEnvironmentLock } from '../src/state/environment-lock.js';
import { consolePrinter, type GlobalFlags } from '../src/ui/output.js';
import { VERSION } from '../src/version.js';

// Command implementations are imported when their command runs: `mesh-lab env` and
// `curl` start without loading listr2, dockerode or the lab engine.
const commands = {
  up: () => import('../src/commands/up/up.js'),
  curl: () => import('../src/commands/curl/curl.js'),
  env: () => import('../src/commands/env/env.js'),
  status: () => import('../src/commands/status/status.js'),
  down: () => import('../src/commands/down/down.js'),
  lab: () => import('../src/commands/lab/lab-commands.js'),
  doctor: () => import('../src/commands/doctor/doctor.js'),
  doctorReport: () => import('../src/doctor/types.js'),
  tools: () => import('../src/commands/tools/tools.js'),
};

/** Top-level commands that start from a LightSession instead of a full Session. */
const LIGHT_COMMANDS = new Set(['curl', 'env']);

export interface ProgramState {
  flags: GlobalFlags;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function buildProgram(state: ProgramState): Command {
  const program = new Command()
    .name('mesh-lab')
    .description('Istio service-mesh labs on your laptop: one command to a verified ingress route.')
    .version(VERSION)
    .option('-e, --environment <name>', `which environment: its state, and the default cluster name (default "${DEFAULTS.environment}")`)
    // the flag's name in mesh-lab 0.1.0, before "lab" meant only a tutorial
    .addOption(new Option('--lab <name>').hideHelp())
    .option('-v, --verbose', 'show every external command and its output', false)
    .option('--json', 'machine-readable output on stdout', false)
    .showSuggestionAfterError(true)
    .exitOverride();

  // The full session (tool runner, Docker client, zod-validated state store) is loaded
  // here, once a command is chosen: `--help` never pays for it, and curl and env start
  // from the light LightSession, loading it only if they need it.
  let sessions: typeof import('../src/session/session.js') | undefined;
  program.hook('preAction', async (_this, action) => {
    const g = action.optsWithGlobals() as { verbose?: boolean; json?: boolean };
    state.flags = { verbose: Boolean(g.verbose), json: Boolean(g.json) };
    if (!(action.parent === program && LIGHT_COMMANDS.has(action.name()))) sessions = await import('../src/session/session.js');
  });

  const environmentName = (cmd: { optsWithGlobals(): unknown }) => {
    const g = cmd.optsWithGlobals() as { environment?: string; lab?: string };
    const name = g.environment ?? g.lab ?? DEFAULTS.environment;
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw new MeshLabError(ExitCode.Usage, `environment name "${name}" must be lower-case letters, digits and '-'`);
    }
    return name;
  };
  const session = (cmd: { optsWithGlobals(): unknown }, dryRun = false) => sessions!.createSession(environmentName(cmd), consolePrinter(state.flags), { dryRun });
  const context = async (cmd: { optsWithGlobals(): unknown }) => (await import('../src/session/light-session.js')).createLightSession(environmentName(cmd), consolePrinter(state.flags));

  // one writer per environment: these commands wait for another holding the same --environment
  const waitLockFlag = ['--wait-lock <seconds>', 'wait this long for another mesh-lab command using the same environment (default 60)'] as const;

  program
    .command('up')
    .description('create the cluster, install Istio, deploy helloworldservice, route /helloworld and verify it')
    .addOption(new Option('--provider <name>', 'cluster provider').choices(providerNames).default(DEFAULTS.provider))
    .option('--cluster-name <name>', 'kind cluster name or minikube profile (default: the lab name)')
    .option('--context <context>', 'kubeconfig context of an existing cluster (--provider existing)')
    .option('--kubeconfig <file>', 'kubeconfig holding --context (--provider existing; default $KUBECONFIG or ~/.kube/config)')
    .option('--install-istio', 'on an existing cluster, install Istio when it is absent', false)
    .option('--driver <driver>', 'minikube driver', DEFAULTS.minikubeDriver)
    .option('--cpus <n>', `minikube CPUs (default: ${DEFAULTS.minikubeCpus}, or what Docker has, at least 2)`)
    .option('--memory <mb>', `minikube memory in MB (default: ${DEFAULTS.minikubeMemoryMb}, mesh-lab's floor, or what Docker has, at least 1800; istio.io asks for 16384)`)
    .option('--kubernetes-version <version>', 'minikube Kubernetes version, e.g. v1.34.0')
    .option('--istio-version <version>', 'Istio version; istioctl of exactly that version comes from PATH, the cache, or a verified download', DEFAULTS.istioVersion)
    .addOption(new Option('--profile <profile>', 'Istio profile').choices(['default', 'demo', 'minimal'] as const).default('default' as const))
    .option('--namespace <ns>', 'namespace of the app and its routing', DEFAULTS.namespace)
    .option('--use-existing-namespace', 'deploy into --namespace even though it exists (mesh-lab labels it, never deletes it)', false)
    .option('--image <image>', 'app image (must accept http-echo style -listen/-text flags)', DEFAULTS.image)
    .option('--node-port <port>', 'ingress http2 nodePort', String(DEFAULTS.httpNodePort))
    .option('--https-node-port <port>', 'ingress https nodePort', String(DEFAULTS.httpsNodePort))
    .option('--host-port <port>', 'port on 127.0.0.1 mapped to the http2 nodePort (default: same as --node-port)')
    .option('--https-host-port <port>', 'port on 127.0.0.1 mapped to the https nodePort (default: same as --https-node-port)')
    .option('--kind-node-image <image>', 'kind node image (kind create cluster --image)')
    .option('--timeout <seconds>', 'how long to wait for the route to answer', String(DEFAULTS.verifyTimeoutSeconds))
    .option('--rollout-timeout <seconds>', 'how long to wait for the app rollout', String(DEFAULTS.rolloutTimeoutSeconds))
    .option('--dry-run', 'print every command and manifest without running anything', false)
    .option('--no-download', 'never download missing tools; fail naming them instead')
    .option(...waitLockFlag)
    .action(async (opts, cmd) => {
      const s = session(cmd, opts.dryRun);
      const { up } = await commands.up();
      const result = await withEnvironmentLock(s, 'up', parseWaitLock(opts.waitLock), () => up(s, {
        provider: opts.provider,
        clusterName: opts.clusterName ?? s.environment,
        context: opts.context,
        kubeconfig: opts.kubeconfig,
        installIstio: opts.installIstio,
        driver: opts.driver,
        cpus: opts.cpus,
        memoryMb: opts.memory,
        kubernetesVersion: opts.kubernetesVersion,
        istioVersion: opts.istioVersion,
        profile: opts.profile,
        namespace: opts.namespace,
        useExistingNamespace: opts.useExistingNamespace,
        image: opts.image,
        httpNodePort: opts.nodePort,
        httpsNodePort: opts.httpsNodePort,
        httpHostPort: opts.hostPort,
        httpsHostPort: opts.httpsHostPort,
        kindNodeImage: opts.kindNodeImage,
        verifyTimeoutSeconds: opts.timeout,
        rolloutTimeoutSeconds: opts.rolloutTimeout,
      }, { noDownload: !opts.download }));
      if (state.flags.json) return printJson(result);
      for (const note of result.notes) s.printer.out(`note: ${note}`);
      if (result.dryRun) return void s.printer.out('dry run: nothing was changed');
      const e = result.ingress!;
      s.printer.out(`\nEnvironment ${result.environment} is ready: curl http://${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}${'/helloworld'}`);
      s.printer.out(`Next: eval "$(mesh-lab env${s.environment !== DEFAULTS.environment ? ` --environment ${s.environment}` : ''})"; curl "$GATEWAY_URL/helloworld"`);
    });

  program
    .command('curl')
    .description('send a request through the lab ingress and print status and body')
    .argument('<path>', 'request path, starting with /')
    .option('-X, --request <method>', 'HTTP method', 'GET')
    .option('-H, --header <header...>', 'extra header "Name: value" (repeatable)')
    .option('--host <host>', 'Host header (for Gateway/VirtualService hosts other than *)')
    .option('-d, --data <body>', 'request body')
    .option('-i, --include', 'print response headers', false)
    .option('-f, --fail', 'exit 22 on a non-2xx status', false)
    .option('--timeout <seconds>', 'request timeout', '10')
    .action(async (path, opts, cmd) => {
      const s = await context(cmd);
      const timeoutSeconds = Number(opts.timeout);
      const { runCurl } = await commands.curl();
      if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new MeshLabError(ExitCode.Usage, '--timeout must be a positive number of seconds');
      const r = await runCurl(s, path, {
        method: opts.request.toUpperCase(),
        headers: opts.header ?? [],
        timeoutSeconds,
        ...(opts.host ? { host: opts.host } : {}),
        ...(opts.data !== undefined ? { data: opts.data } : {}),
      });
      if (state.flags.json) printJson({ url: r.url, status: r.response.status, headers: r.response.headers, body: r.response.body, rediscovered: r.rediscovered });
      else {
        const lines = [`HTTP ${r.response.status} ${r.url}`];
        if (opts.include) for (const [k, v] of Object.entries(r.response.headers)) lines.push(`${k}: ${v}`);
        process.stdout.write(`${lines.join('\n')}\n\n${r.response.body}${r.response.body.endsWith('\n') || r.response.body === '' ? '' : '\n'}`);
      }
      if (opts.fail && (r.response.status < 200 || r.response.status > 299)) process.exitCode = ExitCode.HttpFailure;
    });

  program
    .command('env')
    .description('print INGRESS_HOST, INGRESS_PORT, SECURE_INGRESS_PORT and GATEWAY_URL as shell exports')
    .option('--export-kubeconfig', "also export KUBECONFIG pointing at the environment's kubeconfig", false)
    .action(async (opts, cmd) => {
      const s = await context(cmd);
      const { runEnv } = await commands.env();
      const { text, result } = await runEnv(s, { kubeconfig: opts.exportKubeconfig });
      if (state.flags.json) printJson(result);
      else s.printer.out(text);
    });

  program
    .command('status')
    .description('check the cluster, Istio, app, route and endpoint of a lab')
    .action(async (_opts, cmd) => {
      const s = session(cmd);
      const { runStatus, formatStatus } = await commands.status();
      const r = await runStatus(s);
      if (state.flags.json) printJson(r);
      else s.printer.out(formatStatus(r));
      if (!r.healthy) process.exitCode = ExitCode.VerificationFailed;
    });

  program
    .command('down')
    .description('delete the cluster mesh-lab created for the lab (or only what it created) and the lab state')
    .option(...waitLockFlag)
    .action(async (opts, cmd) => {
      const s = session(cmd);
      const { runDown } = await commands.down();
      const r = await withEnvironmentLock(s, 'down', parseWaitLock(opts.waitLock), () => runDown(s));
      if (state.flags.json) printJson(r);
      else {
        for (const k of r.kept) s.printer.out(`kept: ${k}`);
        for (const x of r.removed) s.printer.out(`removed: ${x}`);
      }
    });

  program
    .command('doctor')
    .description('check Docker, resources, the host port, tools and versions; exit 1 on any failure')
    .addOption(new Option('--provider <name>', 'which local provider to check for').choices(localProviderNames).default(DEFAULTS.provider))
    .option('--host-port <port>', 'the ingress host port to check', String(DEFAULTS.httpNodePort))
    .option('--no-download', 'treat tools that would be downloaded as failures')
    .action(async (opts, cmd) => {
      const s = session(cmd);
      const hostPort = Number(opts.hostPort);
      if (!Number.isInteger(hostPort) || hostPort < 1 || hostPort > 65535) throw new MeshLabError(ExitCode.Usage, '--host-port must be between 1 and 65535');
      const [{ runDoctor }, { formatReport, doctorExitCode }] = await Promise.all([commands.doctor(), commands.doctorReport()]);
      const report = await runDoctor(s, { provider: opts.provider, hostPort, allowDownload: opts.download });
      if (state.flags.json) printJson(report);
      else s.printer.out(formatReport(report));
      process.exitCode = doctorExitCode(report) === 0 ? ExitCode.Ok : ExitCode.Prerequisite;
    });

  const tools = program.command('tools').description("mesh-lab's own copies of kind, kubectl, istioctl and minikube");
  tools
    .command('install')
    .description('download the pinned versions into the cache, verified by SHA-256')
    .argument('[names...]', 'kind, kubectl, istioctl, minikube (default: all)')
    .option('--force', 'reinstall even when a verified copy is cached', false)
    .action(async (names, opts, cmd) => {
      const s = session(cmd);
      const { toolsInstall } = await commands.tools();
      const results = await toolsInstall(names, { force: opts.force, env: s.env, progress: (l) => s.printer.err(l) });
      if (state.flags.json) printJson(results);
      else for (const r of results) s.printer.out(`${r.tool} ${r.version}: ${r.status} at ${r.path} (sha256 ${r.sha256.slice(0, 12)}…, ${r.checksum} checksum)`);
    });
  tools
    .command('list')
    .description('pinned versions, what is cached, and what is accepted on PATH')
    .action(async (_opts, cmd) => {
      const s = session(cmd);
      const { toolsList, formatToolsList } = await commands.tools();
      const list = await toolsList(s.env);
      if (state.flags.json) printJson(list);
      else s.printer.out(formatToolsList(list));
    });

  const lab = program.command('lab').description('tutorial labs: show, run and check their steps');
  lab
    .command('list')
    .description('the labs shipped in labs/')
    .action(async (_opts, cmd) => {
      const s = session(cmd);
      const { labList } = await commands.lab();
      const items = labList(s.env);
      if (state.flags.json) return printJson(items);
      for (const i of items) s.printer.out(i.errors ? `${i.id.padEnd(18)} INVALID:\n${i.errors}` : `${i.id.padEnd(18)} ${i.title} (${i.steps} steps)`);
    });
  lab
    .command('validate')
    .description('check a lab folder (or a shipped lab id): every error with file:line:col')
    .argument('<dir-or-id>')
    .action(async (target, _opts, cmd) => {
      const s = session(cmd);
      const { validateLabDir } = await import('../src/commands/lab/lab-binding.js');
      const loaded = validateLabDir(target, s.env);
      if (state.flags.json) printJson({ ok: true, id: loaded.lab.id, steps: loaded.lab.steps.length });
      else s.printer.out(`${loaded.file}: valid (${loaded.lab.steps.length} steps)`);
    });
  lab
    .command('show')
    .description('a lab: its requirements, steps, and the commands of each step')
    .argument('<id>')
    .action(async (id, _opts, cmd) => {
      const s = session(cmd);
      const { labShow, labShowView } = await commands.lab();
      if (state.flags.json) return printJson(labShowView(id, s.env));
      s.printer.out(labShow(id, s.env));
    });
  lab
    .command('start')
    .description('prepare the environment the lab needs (cluster, Istio profile, mesh options, app) and show step 1')
    .argument('<id>')
    .option('--no-download', 'never download missing tools')
    .option('--include-optional', "also meet optional steps' requirements (e.g. profile demo for the egress gateway)", false)
    .option('--host-port <port>', 'port on 127.0.0.1 for the ingress http2 nodePort (first start only)')
    .option('--https-host-port <port>', 'port on 127.0.0.1 for the ingress https nodePort (first start only)')
    .option(...waitLockFlag)
    .action(async (id, opts, cmd) => {
      const s = session(cmd);
      const { labStart, describeStep, stepView, workDir } = await commands.lab();
      const { loaded } = await withEnvironmentLock(s, `lab start ${id}`, parseWaitLock(opts.waitLock), () => labStart(s, id, { noDownload: !opts.download, includeOptional: opts.includeOptional, ...(opts.hostPort ? { httpHostPort: opts.hostPort } : {}), ...(opts.httpsHostPort ? { httpsHostPort: opts.httpsHostPort } : {}) }));
      if (state.flags.json) return printJson({ ok: true, lab: loaded.lab.id, steps: loaded.lab.steps.length, workDir: workDir(s, id), step: stepView(loaded, loaded.lab.steps[0]!, 0, workDir(s, id)) });
      s.printer.out(`\nLab ${loaded.lab.id} is ready. ${loaded.lab.steps.length} steps; \`mesh-lab lab step\` shows the next, \`mesh-lab lab check\` checks it.`);
      s.printer.out('To type the commands yourself: eval "$(mesh-lab env --export-kubeconfig)"  (points kubectl at this environment only in this shell)\n');
      s.printer.out(describeStep(loaded, loaded.lab.steps[0]!, 0, workDir(s, id)));
    });
  lab
    .command('step')
    .description('show a step of the current lab (default: the next one to do)')
    .argument('[n]', 'step number or id')
    .action(async (n, _opts, cmd) => {
      const s = session(cmd);
      const { labStep, labStepView } = await commands.lab();
      if (state.flags.json) return printJson(labStepView(s, n));
      s.printer.out(labStep(s, n));
    });
  lab
    .command('check')
    .description("check a step of the current lab (default: the next one) and say what is missing")
    .argument('[n]', 'step number or id')
    .option('--wait <seconds>', "wait at most this long for each check (default: the lab's own retry window)")
    .action(async (n, opts, cmd) => {
      const s = session(cmd);
      const wait = opts.wait === undefined ? undefined : Number(opts.wait);
      if (wait !== undefined && (!Number.isFinite(wait) || wait < 0)) throw new MeshLabError(ExitCode.Usage, '--wait must be a number of seconds');
      const { labCheck, formatStepResult } = await commands.lab();
      const r = await labCheck(s, n, wait);
      if (state.flags.json) printJson(r);
      else s.printer.out(formatStepResult(r));
      if (!r.passed) process.exitCode = ExitCode.VerificationFailed;
    });
  lab
    .command('run')
    .description('instructor: apply and check the steps in order, stopping at the first failure')
    .argument('<id>')
    .option('--from <step>', 'first step (id)')
    .option('--to <step>', 'last step (id)')
    .option(...waitLockFlag)
    .action(async (id, opts, cmd) => {
      const s = session(cmd);
      const { labRun, formatStepResult } = await commands.lab();
      const results = await withEnvironmentLock(s, `lab run ${id}`, parseWaitLock(opts.waitLock), () => labRun(s, id, opts.from, opts.to, (r) => {
        if (!state.flags.json) s.printer.out(formatStepResult(r));
      }));
      if (state.flags.json) printJson(results);
      if (results.some((r) => !r.passed)) process.exitCode = ExitCode.VerificationFailed;
    });
  lab
    .command('reset')
    .description('remove what the lab applied and forget its progress')
    .argument('<id>')
    .option(...waitLockFlag)
    .action(async (id, opts, cmd) => {
      const s = session(cmd);
      const { labReset } = await commands.lab();
      const removed = await withEnvironmentLock(s, `lab reset ${id}`, parseWaitLock(opts.waitLock), () => labReset(s, id));
      if (state.flags.json) printJson({ removed });
      else s.printer.out(removed.length ? removed.map((l) => `removed: ${l}`).join('\n') : 'nothing to remove');
    });

  return program;
}
