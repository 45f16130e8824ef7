// `mesh-lab join <file>`: an attendee's environment from the join file their instructor gave them.
import { Command } from '@commander-js/extra-typings';
import type { Factory } from '../factory.js';
import type { JoinResult } from './join.js';

export type JoinRun = (file: string) => Promise<JoinResult>;

export function defaultJoinRun(f: Factory): JoinRun {
  return async (file) => {
    const s = f.session();
    const { runJoin } = await import('./join.js');
    return f.withLock(s, 'join', 60, () => runJoin(s, file));
  };
}

export function newJoinCommand(f: Factory, run: JoinRun = defaultJoinRun(f)) {
  return new Command('join')
    .description("join a workshop: an environment in your namespace of the instructor's cluster, from your join file")
    .argument('<file>', 'the join file your instructor gave you')
    .action(async (file) => {
      const r = await run(file);
      if (f.flags.json) return f.printJson(r);
      const p = f.printer();
      const e = f.environmentName();
      p.out(`Joined workshop ${r.workshop} as attendee ${r.attendee}: namespace ${r.namespace}, host ${r.host}, ingress ${r.ingress.host}:${r.ingress.port}`);
      p.out(`Next: mesh-lab${e === 'mesh-lab' ? '' : ` -e ${e}`} curl /helloworld   (or: eval "$(mesh-lab${e === 'mesh-lab' ? '' : ` -e ${e}`} env)"; curl -H "Host: $ATTENDEE_HOST" "http://$GATEWAY_URL/helloworld")`);
    });
}
