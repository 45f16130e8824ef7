// `mesh-lab lab validate <dir-or-id>`: a lab folder checked, every error with file:line:col.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../../factory.js';

export interface LabValidateResult {
  file: string;
  id: string;
  steps: number;
}

export type LabValidateRun = (o: { target: string }) => Promise<LabValidateResult>;

export function defaultLabValidateRun(f: Factory): LabValidateRun {
  return async ({ target }) => {
    const s = f.session();
    const { validateLabDir } = await import('../lab-binding.js');
    const loaded = validateLabDir(target, s.env);
    return { file: loaded.file, id: loaded.lab.id, steps: loaded.lab.steps.length };
  };
}

export function newLabValidateCommand(f: Factory, run: LabValidateRun = defaultLabValidateRun(f)) {
  return new Command('validate')
    .description('check a lab folder (or a shipped lab id): every error with file:line:col')
    .argument('<dir-or-id>')
    .action(async (target) => {
      const r = await run({ target });
      if (f.flags.json) f.printJson({ ok: true, id: r.id, steps: r.steps });
      else f.printer().out(`${r.file}: valid (${r.steps} steps)`);
    });
}
