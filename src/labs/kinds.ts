// What a check kind and an action kind are. Each kind is one module exporting its schema,
// title, semantic validation and run; the lab schema, the loader and the executor loop
// over the lists in checks/registry.ts and actions/registry.ts, so a new kind is its
// module plus one line there.
import { z } from 'zod';
import type { PollResult } from './checks/retry.js';
import type { ExecContext } from './executor/context.js';
import type { CheckOutcome } from './types.js';

export type PathSeg = string | number;

/**
 * What a kind's semantic validation can check and report. It reads the raw YAML data (so
 * it runs even when the schema failed); paths are relative to the kind's body, e.g.
 * `['expect', 'bodyRegex']` inside `steps[0].checks[1].http`.
 */
export interface ValidationScope {
  /** The lab has a lab-level `client` (for `exec` and `via: mesh`). */
  readonly hasClient: boolean;
  /** `{{params}}` every string of the lab may use. */
  readonly labParams: ReadonlySet<string>;
  error(at: readonly PathSeg[], message: string): void;
  /** A regular expression that must compile (ignored unless a string). */
  regex(value: unknown, at: readonly PathSeg[]): void;
  /** Every `{{name}}` must be known (ignored unless a string). Default: `labParams`. */
  placeholders(value: unknown, at: readonly PathSeg[], known?: ReadonlySet<string>): void;
  /** A file in the lab folder: its absolute path when it exists, else reported. */
  labFile(rel: string, at: readonly PathSeg[], ext?: string): string | undefined;
  /** A file in the package's templates/ (undefined too when the loader has no templates dir). */
  templateFile(rel: string, at: readonly PathSeg[]): string | undefined;
  /** A manifest must be YAML 1.1 objects using only known `{{params}}`. */
  manifest(abs: string, known: ReadonlySet<string>): void;
}

type Poll = (attempt: () => Promise<CheckOutcome>) => Promise<PollResult>;

export interface CheckKind<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  /** The body under `checks[i].<name>`; it may have `title`, `shown` and `retry`. */
  readonly schema: S;
  /** One line naming the check in results. */
  title(check: z.output<S>): string;
  validate?(raw: Record<string, unknown>, v: ValidationScope): void;
  /** Runs the check: `poll` retries an attempt within the check's retry window. */
  run(ctx: ExecContext, check: z.output<S>, poll: Poll): Promise<PollResult>;
}

export interface ActionKind<N extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  /** The body under `actions[i].<name>`. */
  readonly schema: S;
  /** The command as the learner types it, unrendered (what `lab show` lists). */
  title(action: z.output<S>): string;
  validate?(raw: unknown, v: ValidationScope): void;
  run(ctx: ExecContext, action: z.output<S>): Promise<void>;
}

export function defineCheckKind<const N extends string, S extends z.ZodType>(k: CheckKind<N, S>): CheckKind<N, S> {
  return k;
}
export function defineActionKind<const N extends string, S extends z.ZodType>(k: ActionKind<N, S>): ActionKind<N, S> {
  return k;
}

/** The kinds a lab file may use. */
export interface LabKinds {
  checks: readonly CheckKind[];
  actions: readonly ActionKind[];
}

type Kind = { readonly name: string; readonly schema: z.ZodType };
type OneOfShape<K extends readonly Kind[]> = { [E in K[number] as E['name']]: z.ZodOptional<E['schema']> };

/** `{<kind>: body}` with exactly one of the kinds' keys, each key validated by its schema. */
export function oneOfKinds<const K extends readonly Kind[]>(kinds: K, noun: 'an action' | 'a check') {
  const names = kinds.map((k) => k.name);
  const shape = Object.fromEntries(kinds.map((k) => [k.name, k.schema.optional()])) as OneOfShape<K>;
  return z.strictObject(shape).superRefine((v, ctx) => {
    const found = names.filter((n) => (v as Record<string, unknown>)[n] !== undefined);
    if (found.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: found.length === 0 ? `${noun} needs one of: ${names.join(', ')}` : `${noun} has exactly one kind, found ${found.join(' and ')}`,
      });
    }
  });
}

/** The kind whose key an item (a check or an action) uses, with its body. */
export function kindOf<K extends { readonly name: string }>(kinds: readonly K[], item: unknown): { kind: K; body: unknown } | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const rec = item as Record<string, unknown>;
  const kind = kinds.find((k) => rec[k.name] !== undefined);
  return kind === undefined ? undefined : { kind, body: rec[kind.name] };
}
