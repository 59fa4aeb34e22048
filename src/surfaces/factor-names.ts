import type { FactorKind } from '../engine/world.js';

/**
 * A vendor's names for the sandbox's factor kinds (GOOGLE_AUTH, app, totp, OTP ...), both ways. Not to be confused
 * with the provider-state sentences of src/contracts/provider-states.ts, which are the words of Pact consumers.
 */
export interface FactorNames<Name extends string> {
  toKind(name: Name): FactorKind;
  toName(kind: FactorKind): Name | undefined;
  /** The vendor names of the kinds it has words for, in the vendor's order. */
  names(kinds: FactorKind[]): Name[];
}

/**
 * @example
 * const flashback = createFactorNames({ GOOGLE_AUTH: 'totp', MAGIC_LINK: 'magic_link', PASSKEY: 'passkey' });
 * flashback.toName('totp') // 'GOOGLE_AUTH'
 */
export function createFactorNames<Name extends string>(words: Record<Name, FactorKind>): FactorNames<Name> {
  const entries = Object.entries(words) as Array<[Name, FactorKind]>;
  const byKind = new Map(entries.map(([name, kind]) => [kind, name]));
  return {
    toKind: (name) => words[name],
    toName: (kind) => byKind.get(kind),
    names: (kinds) => entries.filter(([, kind]) => kinds.includes(kind)).map(([name]) => name),
  };
}
