import { editDistance } from '../engine/edit-distance.js';

/** Names the `Prefer` preferences that looked like the sandbox's own and were ignored, each with the one meant. */
export const PREFER_IGNORED_HEADER = 'x-mock-prefer-ignored';

/** What people write for the sandbox's preferences, by analogy with its other names (the override's `latencyMs`, Prism's `code`). */
const ALIASES: Readonly<Record<string, string>> = {
  status: 'code',
  latencyms: 'latency',
  'latency-ms': 'latency',
  delay: 'latency',
  faults: 'fault',
  scenarios: 'scenario',
  seeds: 'seed',
  explanation: 'explain',
  examples: 'example',
};

/**
 * The sandbox preference an unknown `Prefer` name was probably meant to be (`scenaro` → `scenario`, `status` →
 * `code`), or undefined. RFC 7240 asks that unknown preferences be ignored, and clients send standard ones
 * (`return`, `respond-async`, `wait`, `handling`) the sandbox must not refuse; a likely typo of its own is still worth
 * saying, so the answer names it instead of silently being the normal one.
 *
 * @example
 * meantPreference('scenaro', ['scenario', 'code']) // 'scenario'
 * meantPreference('return', ['scenario', 'code']) // undefined
 */
export function meantPreference(name: string, preferences: Iterable<string>): string | undefined {
  const alias = ALIASES[name];
  if (alias !== undefined) return alias;
  if (name.length < 4) return undefined;
  for (const preference of preferences) {
    // Same first letter, and one typo in a four-letter name, two in a longer one (a swap is two): `scenaro`, `fualt`,
    // `dynmaic`; `mode` is no `code`.
    if (name[0] === preference[0] && editDistance(name, preference) <= (preference.length >= 5 ? 2 : 1)) return preference;
  }
  return undefined;
}

/** Fields of an override that people write in `Prefer` too, where no preference of the sandbox takes them. */
const OVERRIDE_ONLY = new Set(['faultrate', 'fault-rate', 'times', 'after']);

/**
 * Why an unknown `Prefer` name that is an override's field (`faultRate`, `times`, `after`) changed nothing, or
 * undefined. Written in `Prefer: fault=malformed-body, faultRate=0.5`, it was dropped without a word, and every answer
 * was broken instead of half of them.
 *
 * @example
 * toOverrideOnlyNote('faultrate') // "faultrate (an override's field, not a preference: give it in POST /__admin/sessions/{id}/overrides)"
 */
export function toOverrideOnlyNote(name: string): string | undefined {
  return OVERRIDE_ONLY.has(name) ? `${name} (an override's field, not a preference: give it in POST /__admin/sessions/{id}/overrides)` : undefined;
}
