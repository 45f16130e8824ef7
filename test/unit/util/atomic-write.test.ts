import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/util/atomic-write.js';

describe('writeFileAtomic', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mesh-lab-atomic-'));
  afterEach(() => rmSync(join(dir, 'sub'), { recursive: true, force: true }));

  it('creates the folder, replaces the file and leaves no temp file beside it', () => {
    const file = join(dir, 'sub', 'state.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(join(dir, 'sub'))).toEqual(['state.json']);
  });

  it('gives a credential file its mode, whatever the file it replaces had', () => {
    const file = join(dir, 'sub', 'attendee-01.join.yaml');
    writeFileAtomic(file, 'old');
    writeFileSync(file, 'older', { mode: 0o644 });
    writeFileAtomic(file, 'token', 0o600);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('token');
  });
});
