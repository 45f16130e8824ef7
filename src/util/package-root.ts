// The installed package's root (the folder with mesh-lab's package.json and labs/), found
// by walking up from this module. The same code runs from src/ under the tests, from
// dist/chunks/ in the bundle and from a global npm install, so no fixed depth is assumed.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'labs'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`cannot find the mesh-lab package root above ${from}`);
}
