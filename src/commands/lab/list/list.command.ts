// `mesh-lab lab list`: the shipped labs, one line each (or the invalid ones with their errors).
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';
import type { LabListItem } from '../lab-commands.js';

export type LabListRun = () => Promise<LabListItem[]>;

export function defaultLabListRun(f: Factory): LabListRun {
  return async () => {
    const s = f.session();
    const { labList } = await import('../lab-commands.js');
    return labList(s.env);
  };
}

export function newLabListCommand(f: Factory, run: LabListRun = defaultLabListRun(f)) {
  return new Command('list')
    .description('the labs shipped in labs/')
    .action(async () => {
      const items = await run();
      if (f.flags.json) return f.printJson(items);
      const p = f.printer();
      for (const i of items) p.out(i.errors ? `${i.id.padEnd(18)} INVALID:\n${i.errors}` : `${i.id.padEnd(18)} ${i.title} (${i.steps} steps; ${apiNames(i.apis)})`);
    });
}

/** `istio` → Istio API, `gateway-api` → Gateway API */
function apiNames(apis: string[] | undefined): string {
  const names = (apis ?? ['istio']).map((a) => (a === 'gateway-api' ? 'Gateway API' : 'Istio API'));
  return names.length === 1 ? `${names[0]} only` : names.join(' + ');
}
