// ServiceAccount tokens (TokenRequest, `kubectl create token`) and their authentication.
// The API server signs a JWT naming the ServiceAccount; it authenticates as
// `system:serviceaccount:<ns>:<sa>` with groups system:serviceaccounts,
// system:serviceaccounts:<ns> and system:authenticated (k8s.io/apiserver
// pkg/authentication/serviceaccount/util.go MakeUsername/MakeGroupNames) while it has not
// expired and its ServiceAccount (same uid) still exists
// (pkg/serviceaccount/claims.go Validate). The simulator remembers the tokens it issued
// under clusters/<key>/tokens.json, keyed by their sha256.
// Knob: MESHLAB_SIM_CLOCK_OFFSET=<Go duration> runs the API server's clock ahead (a
// workshop resumed the next day: tokens issued with --duration 12h have expired).
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite, clusterDir, type K8sObject } from '../lib/store.js';
import { parseDuration } from '../lib/flags.js';
import type { UserInfo } from './authorizer.js';

interface TokenRecord {
  namespace: string;
  serviceAccount: string;
  uid: string;
  /** seconds since epoch */
  exp: number;
}

/** kube-apiserver's default when --duration is not given: one hour (TokenRequest defaulting). */
export const DEFAULT_EXPIRATION_SECONDS = 3600;

export function apiServerNow(): number {
  const off = process.env.MESHLAB_SIM_CLOCK_OFFSET;
  return Date.now() + (off ? parseDuration(off) : 0);
}

function file(key: string): string {
  return join(clusterDir(key), 'tokens.json');
}

function load(key: string): Record<string, TokenRecord> {
  const f = file(key);
  return existsSync(f) ? (JSON.parse(readFileSync(f, 'utf8')) as Record<string, TokenRecord>) : {};
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

export function issueToken(key: string, sa: K8sObject, expirationSeconds: number, audiences: string[]): string {
  const iat = Math.floor(apiServerNow() / 1000);
  const exp = iat + expirationSeconds;
  const ns = sa.metadata.namespace!;
  const payload = {
    aud: audiences.length > 0 ? audiences : ['https://kubernetes.default.svc.cluster.local'],
    exp,
    iat,
    iss: 'https://kubernetes.default.svc.cluster.local',
    jti: randomBytes(16).toString('hex'),
    'kubernetes.io': { namespace: ns, serviceaccount: { name: sa.metadata.name, uid: sa.metadata.uid } },
    nbf: iat,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  };
  const token = `${b64({ alg: 'RS256', kid: 'mesh-lab-sim' })}.${b64(payload)}.${randomBytes(32).toString('base64url')}`;
  const all = load(key);
  all[hash(token)] = { namespace: ns, serviceAccount: sa.metadata.name, uid: sa.metadata.uid ?? '', exp };
  atomicWrite(file(key), JSON.stringify(all));
  return token;
}

/** The user a bearer token authenticates as, or undefined (the API server answers 401). */
export function authenticateToken(key: string, token: string, objects: K8sObject[]): UserInfo | undefined {
  const rec = load(key)[hash(token)];
  if (!rec || rec.exp * 1000 <= apiServerNow()) return undefined;
  const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata.namespace === rec.namespace && o.metadata.name === rec.serviceAccount);
  if (!sa || sa.metadata.uid !== rec.uid) return undefined;
  return {
    name: `system:serviceaccount:${rec.namespace}:${rec.serviceAccount}`,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${rec.namespace}`, 'system:authenticated'],
  };
}
