// A thin wrapper over listr2 so every command gets the same renderer rules.
import { Listr, type ListrTask } from 'listr2';
import { chooseRenderer, type GlobalFlags, type RendererChoice } from './output.js';

export function runTasks<Ctx extends object>(tasks: ListrTask<Ctx>[], ctx: Ctx, flags: GlobalFlags, renderer: RendererChoice = chooseRenderer(flags)): Promise<Ctx> {
  const list = new Listr<Ctx>(tasks, {
    ctx,
    concurrent: false,
    exitOnError: true,
    renderer,
    fallbackRenderer: 'simple',
    rendererOptions: { collapseSubtasks: false, showErrorMessage: false },
    fallbackRendererOptions: {},
    // errors are reported once, by the top-level handler
    registerSignalListeners: true,
  } as never);
  return list.run();
}
