// Image → simulated app. More specific models first; `generic` last catches all.
// To add an app: write a SimApp module and insert it before `generic`.
import type { Container } from '../endpoints.js';
import type { SimApp } from './types.js';
import { generic } from './generic.js';
import { helloworld } from './helloworld.js';
import { httpEcho } from './http-echo.js';

export const APPS: SimApp[] = [httpEcho, helloworld, generic];

export function appFor(c: Container): SimApp {
  const image = c.image ?? '';
  return APPS.find((a) => a.matches(image)) ?? generic;
}

/** Why this container's process would exit right after start, if it would (for readiness simulation). */
export function startupError(c: Container): string | undefined {
  return appFor(c).startupError?.(c);
}
