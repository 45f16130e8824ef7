// `workshop dashboard`'s run function: serves the live page until SIGINT/SIGTERM. The
// dashboard owns Ctrl-C while it runs: instead of the program's "interrupted" exit (130) it
// closes the server and its event streams and ends normally (exit 0).
import { ExitCode } from '../../../errors/exit-codes.js';
import { MeshLabError } from '../../../errors/mesh-lab-error.js';
import type { Session } from '../../../session/session.js';
import { parseLabIds, readWorkshopOrFail, workshopLabs } from '../workshop-record.js';

export interface DashboardRunOptions {
  name: string;
  port: number;
  labs?: string[];
  /** called once the server listens, with its URL */
  onListening: (url: string) => void;
}

export async function runWorkshopDashboard(session: Session, o: DashboardRunOptions): Promise<void> {
  // no workshop: fail now with its one line, not on the first poll
  readWorkshopOrFail(o.name, session.env);
  const labs = await workshopLabs(session.env);
  const asked = parseLabIds(o.labs, labs);
  const { readWorkshopStatus } = await import('../../../workshop/workshop-status.js');
  const { startDashboard } = await import('../../../workshop/dashboard-server.js');
  const routeMemo = {};
  let dashboard;
  try {
    dashboard = await startDashboard({
      port: o.port,
      // the record is read again each time: attendees `workshop up` adds appear without a restart
      read: () => readWorkshopStatus(session.runner, readWorkshopOrFail(o.name, session.env), labs, { routeMemo, ...(asked ? { labs: asked } : {}) }),
      onReadError: (err) => session.printer.verbose(`dashboard: could not read the cluster: ${err.message}`),
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new MeshLabError(ExitCode.Conflict, `port ${o.port} on 127.0.0.1 is already in use`, { hint: 'pick another with --port, or --port 0 for any free one' });
    }
    throw err;
  }
  o.onListening(dashboard.url);
  await new Promise<void>((resolve) => {
    const stop = () => void dashboard.close().then(resolve);
    process.removeAllListeners('SIGINT');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
