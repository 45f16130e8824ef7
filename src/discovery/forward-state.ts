// The supervised port-forward's own small state file (<lab dir>/port-forward.json): what to
// forward (written once by the CLI that starts the supervisor) and how it is going (written
// by the supervisor: its pid, the current kubectl pid, restarts so far, last error). Every
// write is temp + rename, so `status` never reads half a file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-write.js';
import { z } from 'zod';

export const ForwardConfigSchema = z.object({
  /** the kubectl binary preflight resolved (PATH or mesh-lab's cache) */
  kubectl: z.string(),
  kubeconfig: z.string(),
  context: z.string(),
  namespace: z.string(),
  service: z.string(),
  /** stable for the environment's life: GATEWAY_URL keeps working across restarts and reruns */
  localPort: z.number().int(),
  remotePort: z.number().int(),
  localSecurePort: z.number().int().optional(),
  remoteSecurePort: z.number().int().optional(),
});
export type ForwardConfig = z.infer<typeof ForwardConfigSchema>;

export const ForwardStateSchema = z.object({
  schema: z.literal(1),
  config: ForwardConfigSchema,
  supervisorPid: z.number().int().optional(),
  /** the running kubectl; absent while the supervisor waits to restart it */
  kubectlPid: z.number().int().optional(),
  /** kubectl printed "Forwarding from": the local port is open */
  forwarding: z.boolean(),
  restarts: z.number().int(),
  lastError: z.string().optional(),
  startedAt: z.string(),
  updatedAt: z.string(),
});
export type ForwardState = z.infer<typeof ForwardStateSchema>;

export const forwardStateFile = (environmentDir: string) => join(environmentDir, 'port-forward.json');

export function readForwardState(file: string): ForwardState | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ForwardStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeForwardState(file: string, state: Omit<ForwardState, 'updatedAt'>): ForwardState {
  const full: ForwardState = { ...state, updatedAt: new Date().toISOString() };
  writeFileAtomic(file, `${JSON.stringify(full, null, 2)}\n`);
  return full;
}

/** kubectl's argv for the forward: explicit kubeconfig and context, loopback only. */
export function kubectlForwardArgs(c: ForwardConfig): string[] {
  return [
    '--kubeconfig', c.kubeconfig,
    '--context', c.context,
    'port-forward', '-n', c.namespace, `service/${c.service}`,
    '--address', '127.0.0.1',
    `${c.localPort}:${c.remotePort}`,
    ...(c.localSecurePort && c.remoteSecurePort ? [`${c.localSecurePort}:${c.remoteSecurePort}`] : []),
  ];
}
