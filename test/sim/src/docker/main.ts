// `docker` as the simulator's hosts see it: every command goes to the real docker CLI
// except `docker pull`, which the simulator answers because tests never reach a registry.
// - Each pull is counted in $MESHLAB_SIM_HOME/pulls.jsonl (by: docker).
// - MESHLAB_SIM_OFFLINE=1: the daemon cannot resolve the registry, as with the network
//   cable pulled: `Error response from daemon: Get "https://registry-1.docker.io/v2/": dial
//   tcp: lookup registry-1.docker.io: no such host`, exit 1 (docker pulls always ask the
//   registry, even for an image present locally).
// - Online, the simulated registry holds exactly the images present locally: their pull
//   reports "Image is up to date"; any other is `pull access denied` (exit 1).
import { spawn, spawnSync } from 'node:child_process';
import { offline, recordPull, registryHost, normalizeRef } from '../lib/node-images.js';
import { realDocker } from './real-docker.js';

/** Runs the real docker; a signal to the shim goes on to it (`docker logs -f` is ended that way). */
function passThrough(args: string[]): void {
  const child = spawn(realDocker(), args, { stdio: 'inherit' });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + 15 : 1)));
}

function pull(args: string[]): never {
  let platform: string | undefined;
  let quiet = false;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--platform') platform = args[++i];
    else if (a.startsWith('--platform=')) platform = a.slice('--platform='.length);
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '--disable-content-trust' || a === '-a' || a === '--all-tags') continue;
    else if (a.startsWith('-')) {
      process.stderr.write(`unknown flag: ${a}\nSee 'docker pull --help'.\n`);
      process.exit(125);
    } else rest.push(a);
  }
  if (rest.length !== 1) {
    process.stderr.write(`"docker pull" requires exactly 1 argument.\nSee 'docker pull --help'.\n\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n\nPull an image or a repository from a registry\n`);
    process.exit(1);
  }
  const image = rest[0]!;
  const ok = (b: boolean) => recordPull({ by: 'docker', image, ok: b });
  if (offline()) {
    ok(false);
    process.stderr.write(`Error response from daemon: Get "https://${registryHost(image)}/v2/": dial tcp: lookup ${registryHost(image)}: no such host\n`);
    process.exit(1);
  }
  const r = spawnSync(realDocker(), ['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}} {{join .RepoDigests ","}}', image], { encoding: 'utf8' });
  const [plat, digests] = (r.stdout ?? '').trim().split(' ');
  if (r.status !== 0 || (platform !== undefined && platform !== plat)) {
    ok(false);
    const repo = normalizeRef(image).replace(/^docker\.io\/(library\/)?/, '').replace(/[:@].*$/, '');
    process.stderr.write(`Error response from daemon: pull access denied for ${repo}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied\n`);
    process.exit(1);
  }
  ok(true);
  const full = normalizeRef(image);
  if (!quiet) {
    const tag = full.includes('@') ? full.slice(full.indexOf('@') + 1) : full.slice(full.lastIndexOf(':') + 1);
    const short = full.replace(/^docker\.io\/(library\/)?/, '').replace(/[:@][^/]*$/, '');
    process.stdout.write(`${tag}: Pulling from ${full.startsWith('docker.io/library/') ? `library/${short}` : short}\n`);
    const digest = (digests ?? '').split(',').find(Boolean);
    if (digest) process.stdout.write(`Digest: ${digest.slice(digest.indexOf('@') + 1)}\n`);
    process.stdout.write(`Status: Image is up to date for ${image}\n`);
  }
  process.stdout.write(`${full}\n`);
  process.exit(0);
}

const argv = process.argv.slice(2);
if (argv[0] === 'pull') pull(argv.slice(1));
else if (argv[0] === 'image' && argv[1] === 'pull') pull(argv.slice(2));
else passThrough(argv);
