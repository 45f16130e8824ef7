// Builds the provider of an environment through the registry (registry.ts), which knows
// every provider. Importing this module loads the providers' implementations.
import type { UpOptions } from '../state/up-options.js';
import type { Session } from '../session/session.js';
import type { EnvironmentState } from '../state/environment-state.js';
import type { ClusterProvider } from './provider.js';
import { providers } from './registry.js';

await providers.load();

export function providerForUp(session: Session, o: UpOptions, kindConfigYaml: string): ClusterProvider {
  return providers.constructorsOf(o.provider).forUp(session, o, kindConfigYaml);
}

/** The provider of an existing environment, rebuilt from its state so later commands need no flags. */
export function providerFromState(session: Session, state: EnvironmentState): ClusterProvider {
  return providers.constructorsOf(state.provider).fromState(session, state);
}
