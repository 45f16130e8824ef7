// A thin wrapper over listr2 so every command gets the same renderer rules.
import { Listr, ListrLogger, type ListrTask } from 'listr2';
import { chooseRenderer, type GlobalFlags, type RendererChoice } from './output.js';

export function runTasks<Ctx extends object>(tasks: ListrTask<Ctx>[], ctx: Ctx, flags: GlobalFlags, renderer: RendererChoice = chooseRenderer(flags)): Promise<Ctx> {
  const list = new Listr<Ctx>(tasks, {
    ctx,
    concurrent: false,
    exitOnError: true,
    renderer,
    fallbackRenderer: 'simple',
    rendererOptions: renderer === 'simple' ? { logger: new ListrLogger({ toStderr: [] }) } : { collapseSubtasks: false, showErrorMessage: false },
    // the plain renderer would repeat a failure on stderr; the top-level handler already
    // prints it there once, so the renderer's lines all go to stdout
    fallbackRendererOptions: { logger: new ListrLogger({ toStderr: [] }) },
    // errors are reported once, by the top-level handler
    registerSignalListeners: true,
  } as never);
  return list.run();
}
