// The package as a new user gets it: `npm pack`, `npm install -g` into a temporary
// prefix, then the installed `mesh-lab` binary (the bundle under dist/, resolving only
// dockerode from its own node_modules) answers --version and plans a whole `up`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeDocker } from '../support/docker-available.js';
import { createLabEnv, repoRoot, type LabEnv } from './support/harness.js';

describeDocker('the packed package, installed globally into a temporary prefix', () => {
  let lab: LabEnv;
  let files: string[];
  let bin: string;

  beforeAll(async () => {
    lab = await createLabEnv();
    // `npm test` built dist/ already; --ignore-scripts skips prepack's second build
    const packed = await execa('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', lab.root], { cwd: repoRoot });
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = info!.files.map((f) => f.path);
    const prefix = join(lab.root, 'prefix');
    // dockerode, the one runtime dependency, comes from the npm cache `npm ci` filled
    await execa('npm', ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(lab.root, info!.filename)], {
      cwd: lab.root,
      env: { npm_config_update_notifier: 'false' },
    });
    bin = join(prefix, 'bin', 'mesh-lab');
  }, 240_000);
  afterAll(async () => {
    await lab?.cleanup();
  });

  it('carries the bundle, templates/ and labs/, and nothing from test/ or the TypeScript sources', () => {
    expect(files).toContain('dist/cli/mesh-lab.js');
    expect(files.some((f) => f.startsWith('dist/chunks/') && f.endsWith('.js'))).toBe(true);
    expect(files).toContain('templates/kind-cluster.yaml');
    expect(files).toContain('labs/ingress-routing/lab.yaml');
    expect(files.filter((f) => f.startsWith('test/') || f.startsWith('src/') || f.startsWith('cli/') || f.startsWith('scripts/') || f.startsWith('bench/'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('mesh-lab --version prints the package version', async () => {
    const r = await execa(bin, ['--version'], { env: lab.env, extendEnv: false, reject: false });
    const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(version);
  });

  it('mesh-lab up --dry-run plans the whole lab from the installed files', async () => {
    const r = await execa(bin, ['up', '--dry-run'], { env: lab.env, extendEnv: false, reject: false });
    expect(r.exitCode, r.stderr).toBe(0);
    // the kind config and the VirtualService come from the installed templates/
    expect(r.stdout).toMatch(/# would write \S+\/kind-config\.yaml:\nkind: Cluster\n/);
    expect(r.stdout).toMatch(/kind: VirtualService[\s\S]*exact: \/helloworld/);
    expect(r.stdout).toMatch(/dry run: nothing was changed/);
  });
});
