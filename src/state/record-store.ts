// One JSON record on disk, checked by its schema when read and stamped `updatedAt` when
// written (atomically): an environment's state and a workshop's record are both this.
import { existsSync, readFileSync } from 'node:fs';
import type { z } from 'zod';
import { writeFileAtomic } from '../util/atomic-write.js';

export class RecordStore<T extends { updatedAt: string }> {
  /**
   * `kind` names the file in errors ("a mesh-lab state file"); `upgrade` turns a record of an
   * older schema into the current one before it is checked.
   */
  constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly kind: string,
    private readonly upgrade: (doc: unknown) => unknown = (doc) => doc,
  ) {}

  read(): T | undefined {
    if (!existsSync(this.file)) return undefined;
    const parsed = this.schema.safeParse(this.upgrade(JSON.parse(readFileSync(this.file, 'utf8'))));
    if (!parsed.success) throw new Error(`${this.file} is not ${this.kind}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  write(record: Omit<T, 'updatedAt'>): T {
    const full = { ...record, updatedAt: new Date().toISOString() } as T;
    writeFileAtomic(this.file, `${JSON.stringify(full, null, 2)}\n`);
    return full;
  }
}
