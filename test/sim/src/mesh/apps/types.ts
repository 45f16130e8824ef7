// The contract every simulated application implements. An app is chosen by its
// container image; it declares which ports its process would listen on (a request
// to any other port is a connection failure, as with a real pod) and answers
// requests purely, so routing tests need no network.
import type { Container } from '../endpoints.js';
import type { HttpResponse } from '../types.js';

export interface AppRequest {
  method: string;
  /** path plus optional query, after any VirtualService rewrite */
  path: string;
  headers: Record<string, string>;
}

export interface AppContext {
  podName: string;
  namespace: string;
  container: Container;
  port: number;
}

export interface SimApp {
  id: string;
  matches(image: string): boolean;
  listenPorts(c: Container): number[];
  /** the message the process would exit with at start (pod never Ready), if any */
  startupError?(c: Container): string | undefined;
  handle(req: AppRequest, ctx: AppContext): HttpResponse;
}

/** Reads a container env var's literal value (valueFrom is not simulated). */
export function envValue(c: Container, name: string): string | undefined {
  return c.env?.find((e) => e.name === name)?.value;
}
