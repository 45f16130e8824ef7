// The one file that knows every provider. Adding one is a folder with an index.ts that
// exports a ProviderDefinition, plus one line in BUILTIN_PROVIDERS: the `--provider`
// choices, the option and state schemas, preflight's tools and doctor's checks follow.
import { ExitCode } from '../errors/exit-codes.js';
import { MeshLabError } from '../errors/mesh-lab-error.js';
import type { ProviderConstructors, ProviderDefinition } from './definition.js';
import { existingProvider } from './existing/index.js';
import { kindProvider } from './kind/index.js';
import { minikubeProvider } from './minikube/index.js';

export const BUILTIN_PROVIDERS = [kindProvider, minikubeProvider, existingProvider] as const;

type Builtin = (typeof BUILTIN_PROVIDERS)[number];
export type ProviderName = Builtin['name'];
/** the providers that create their cluster on this machine (what `mesh-lab doctor` checks for) */
export type LocalProviderName = Extract<Builtin, { local: true }>['name'];

export class ProviderRegistry {
  private readonly definitions = new Map<string, ProviderDefinition>();
  private readonly constructors = new Map<string, ProviderConstructors>();

  constructor(definitions: readonly ProviderDefinition[]) {
    for (const d of definitions) this.register(d);
  }

  register(definition: ProviderDefinition): void {
    if (this.definitions.has(definition.name)) throw new Error(`provider ${definition.name} is registered twice`);
    this.definitions.set(definition.name, definition);
  }

  unregister(name: string): void {
    this.definitions.delete(name);
    this.constructors.delete(name);
  }

  has(name: unknown): boolean {
    return typeof name === 'string' && this.definitions.has(name);
  }

  /** in registration order: the order of `--provider` choices and messages */
  names(): string[] {
    return [...this.definitions.keys()];
  }

  localNames(): string[] {
    return [...this.definitions.values()].filter((d) => d.local).map((d) => d.name);
  }

  get(name: string): ProviderDefinition {
    const d = this.definitions.get(name);
    if (!d) throw new MeshLabError(ExitCode.Internal, `unknown provider ${name}`);
    return d;
  }

  /** Loads every registered provider's implementation not loaded yet. */
  async load(): Promise<void> {
    await Promise.all(
      [...this.definitions.values()].filter((d) => !this.constructors.has(d.name)).map(async (d) => this.constructors.set(d.name, await d.load())),
    );
  }

  /** A loaded provider's constructors (create-provider.ts loads them all before its first call). */
  constructorsOf(name: string): ProviderConstructors {
    const c = this.constructors.get(this.get(name).name);
    if (!c) throw new MeshLabError(ExitCode.Internal, `provider ${name} is not loaded`);
    return c;
  }
}

/** The providers of this mesh-lab: the built-ins (tests may register more). */
export const providers = new ProviderRegistry(BUILTIN_PROVIDERS);

/** `up --provider` choices. */
export const providerNames = BUILTIN_PROVIDERS.map((d) => d.name) as readonly ProviderName[];
/** `doctor --provider` choices. */
export const localProviderNames = BUILTIN_PROVIDERS.filter((d) => d.local).map((d) => d.name) as readonly LocalProviderName[];
