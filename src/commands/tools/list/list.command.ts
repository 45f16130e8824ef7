// `mesh-lab tools list`: output; toolsList (../tools.ts) reads the pins and the cache.
import { Command } from '@commander-js/extra-typings';
import type { ToolListing } from '../../../tools/list.js';
import type { Factory } from '../../factory.js';

export type ToolsListRun = () => Promise<ToolListing[]>;

export function defaultToolsListRun(f: Factory): ToolsListRun {
  return async () => {
    const s = f.session();
    const { toolsList } = await import('../tools.js');
    return toolsList(s.env);
  };
}

export function newToolsListCommand(f: Factory, run: ToolsListRun = defaultToolsListRun(f)) {
  return new Command('list')
    .description('pinned versions, what is cached, and what is accepted on PATH')
    .action(async () => {
      const list = await run();
      if (f.flags.json) f.printJson(list);
      else f.printer().out((await import('../tools.js')).formatToolsList(list));
    });
}
