import type { FactorKind } from '../engine/world.js';

/** A vendor's names for factor kinds (GOOGLE_AUTH, app, totp, OTP ...), both ways. */
export interface Vocabulary<Name extends string> {
  toKind(name: Name): FactorKind;
  toName(kind: FactorKind): Name | undefined;
  /** The vendor names of the kinds it has words for, in the vendor's order. */
  names(kinds: FactorKind[]): Name[];
}

/**
 * @example
 * const flashback = createVocabulary({ GOOGLE_AUTH: 'totp', MAGIC_LINK: 'magic_link', PASSKEY: 'passkey' });
 * flashback.toName('totp') // 'GOOGLE_AUTH'
 */
export function createVocabulary<Name extends string>(words: Record<Name, FactorKind>): Vocabulary<Name> {
  const entries = Object.entries(words) as Array<[Name, FactorKind]>;
  const byKind = new Map(entries.map(([name, kind]) => [kind, name]));
  return {
    toKind: (name) => words[name],
    toName: (kind) => byKind.get(kind),
    names: (kinds) => entries.filter(([, kind]) => kinds.includes(kind)).map(([name]) => name),
  };
}
