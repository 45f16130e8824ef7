// What a kubectl command asks the authorizer before it acts, and the errors it gets back in
// the API server's words: 403 Forbidden through apierrors.NewForbidden
// (`<resource>[.<group>] ["<name>"] is forbidden: <reason>`) with the reason of
// k8s.io/apiserver pkg/endpoints/handlers/responsewriters/errors.go forbiddenMessage
// (`User %q cannot %s resource %q in API group %q in the namespace %q` / `at the cluster
// scope`); 401 as kubectl prints it (kubectl pkg/cmd/util/helpers.go StandardErrorMessage:
// `error: You must be logged in to the server (Unauthorized)`).
import { ApiError } from '../k8s/errors.js';
import { readObjects } from '../lib/store.js';
import { Rbac, type RequestAttributes, type UserInfo } from './authorizer.js';

export class UnauthorizedError extends ApiError {
  constructor() {
    super('Unauthorized', 'Unauthorized');
  }
}

export function forbiddenMessage(user: UserInfo, req: RequestAttributes): string {
  const resource = req.subresource ? `${req.resource}/${req.subresource}` : req.resource;
  const where = req.namespace ? `in the namespace ${JSON.stringify(req.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(user.name)} cannot ${req.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(req.group)} ${where}`;
}

export function forbidden(user: UserInfo, req: RequestAttributes): ApiError {
  const qualified = req.group ? `${req.resource}.${req.group}` : req.resource;
  const subject = req.name ? `${qualified} ${JSON.stringify(req.name)}` : qualified;
  return new ApiError('Forbidden', `${subject} is forbidden: ${forbiddenMessage(user, req)}`);
}

/** The Forbidden error for this request, or undefined when it is allowed (admins: always). */
export function denial(key: string, user: UserInfo | undefined, req: RequestAttributes): ApiError | undefined {
  if (!user) return undefined;
  return new Rbac(readObjects(key)).allows(user, req) ? undefined : forbidden(user, req);
}

/** Throws the Forbidden error unless the request is allowed. */
export function authorize(key: string, user: UserInfo | undefined, req: RequestAttributes): void {
  const e = denial(key, user, req);
  if (e) throw e;
}

/** The request attributes of `verb` on a registry type (kinds carry group and plural). */
export function attrs(verb: string, t: { group: string; plural: string; namespaced: boolean }, namespace: string | undefined, name?: string, subresource?: string): RequestAttributes {
  const req: RequestAttributes = { verb, group: t.group, resource: t.plural };
  if (t.namespaced && namespace) req.namespace = namespace;
  if (name) req.name = name;
  if (subresource) req.subresource = subresource;
  return req;
}
