import { editDistance } from '../engine/edit-distance.js';

/**
 * Names what looked like one of the sandbox's controls in a request and chose nothing: a header like `X-Mock-Session`
 * (the request ran in `default`), `X-Mock-Scenario` or `Prefers`, a baggage key like `mock-session`.
 */
export const HEADER_IGNORED_HEADER = 'x-mock-header-ignored';

const SESSION_HEADER = 'x-mock-session';

/** What people write for `X-Mock-Session` by analogy with other tools' session and tenant headers. */
const ALIASES = new Set(['mock-session', 'x-session', 'x-session-id', 'x-mock-session-id', 'x-sandbox-session', 'x-mock-sessions']);

/**
 * The note for a header that was probably meant as `X-Mock-Session` (`X-Mock-Sesion`, `x_mock_session`,
 * `X-Mock-Session-Id`), or undefined. Asked only of a request that chose no session: it ran in the shared `default`
 * session, which is how two parallel tests leak state into each other, so the answer says which header did nothing.
 *
 * @example
 * misspeltSessionHeader({ 'x-mock-sesion': 'qa-9', accept: '*' }) // 'x-mock-sesion (did you mean x-mock-session? this request ran in the default session)'
 * misspeltSessionHeader({ accept: '*' }) // undefined
 */
export function misspeltSessionHeader(headers: Record<string, unknown>): string | undefined {
  for (const name in headers) {
    // Every name it looks for starts with x or m: the usual headers (host, authorization, accept) stop here, cheaply.
    const first = name.charCodeAt(0) | 0x20;
    if (first !== 120 /* x */ && first !== 109 /* m */) continue;
    // Node gives header names in lower case; a caller's object may not.
    const lower = name.toLowerCase();
    if (lower === SESSION_HEADER || (!lower.includes('session') && !lower.startsWith('x-mock'))) continue;
    if (ALIASES.has(lower) || editDistance(lower, SESSION_HEADER) <= 2)
      return `${lower} (did you mean ${SESSION_HEADER}? this request ran in the default session)`;
  }
  return undefined;
}

/**
 * Headers people send for a control the sandbox takes elsewhere, looked up by name on every request (a lookup each):
 * each chose nothing, and the request ran in another scenario than its sender meant.
 */
const LOOK_ALIKE_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['x-mock-scenario', 'the sandbox reads no such header: a request chooses its scenario with Prefer: scenario=<name>'],
  ['prefers', 'did you mean prefer?'],
  ['x-prefer', 'did you mean prefer?'],
];

/** The note for each header among LOOK_ALIKE_HEADERS the request has. */
export function lookAlikeHeaders(headers: Record<string, unknown>): string[] | undefined {
  let notes: string[] | undefined;
  for (const [name, note] of LOOK_ALIKE_HEADERS) if (headers[name] !== undefined) (notes ??= []).push(`${name} (${note})`);
  return notes;
}

/** The note for a baggage key that looks meant as the sandbox's (`mock-sesion`, `mock_scenario`). */
export function misspeltBaggageKey(key: string): string {
  const meant = /sce/i.test(key) ? 'mock-scenario' : 'mock-session';
  return `baggage ${key} (did you mean ${meant}? it chose nothing)`;
}
