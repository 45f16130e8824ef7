// Follows the cluster's objects.json (bind-mounted read-only at /store). store.ts
// replaces the file by rename, so polling its mtime (and inode) is reliable and needs
// no inotify across the bind mount.
import { readFileSync, statSync } from 'node:fs';
import type { K8sObject } from '../lib/store.js';

export class StoreWatch {
  private objects: K8sObject[] = [];
  private stamp = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly onChange: (objects: K8sObject[]) => void,
    private readonly intervalMs = 200,
  ) {}

  current(): K8sObject[] {
    return this.objects;
  }

  start(): void {
    this.poll();
    this.timer = setInterval(() => this.poll(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private poll(): void {
    let stamp: string;
    try {
      const st = statSync(this.file);
      stamp = `${st.ino}:${st.mtimeMs}:${st.size}`;
    } catch {
      stamp = 'missing';
    }
    if (stamp === this.stamp) return;
    try {
      const next = stamp === 'missing' ? [] : (JSON.parse(readFileSync(this.file, 'utf8')) as { objects: K8sObject[] }).objects;
      this.stamp = stamp;
      this.objects = next;
      this.onChange(next);
    } catch {
      // A torn read cannot happen with rename, but a parse error must not kill the node: retry next tick.
    }
  }
}
