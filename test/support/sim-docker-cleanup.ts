// Removes the Docker objects a simulator run created, selected by label only, so a
// test run never touches containers or networks it did not make.
import { spawnSync } from 'node:child_process';

function lines(args: string[]): string[] {
  const r = spawnSync('docker', args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n').map((s) => s.trim()).filter(Boolean) : [];
}

/** `label` is "key=value"; returns what was removed. */
export function removeLabelled(label: string): { containers: string[]; networks: string[] } {
  const containers = lines(['ps', '-aq', '--filter', `label=${label}`]);
  if (containers.length > 0) spawnSync('docker', ['rm', '-f', '-v', ...containers], { stdio: 'ignore' });
  const networks = lines(['network', 'ls', '-q', '--filter', `label=${label}`]);
  for (const n of networks) spawnSync('docker', ['network', 'rm', n], { stdio: 'ignore' });
  return { containers, networks };
}
