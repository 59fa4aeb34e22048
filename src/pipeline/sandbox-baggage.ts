/**
 * The sandbox's entries in a W3C `baggage` header (https://www.w3.org/TR/baggage/): `mock-session=<id>` and
 * `mock-scenario=<name>`. An app that propagates its test's baggage (OpenTelemetry does) through its own backend to the
 * vendor's API thereby chooses the sandbox session of that test, without the backend knowing the sandbox exists.
 */

/** The baggage key that names the session. */
export const BAGGAGE_SESSION_KEY = 'mock-session';
/** The baggage key that names the scenario. */
export const BAGGAGE_SCENARIO_KEY = 'mock-scenario';

/** The sandbox's entries, values still percent-encoded as the header carries them (decoded where they are checked). */
export interface SandboxBaggage {
  session: string | undefined;
  scenario: string | undefined;
  /** Keys that look meant as the sandbox's and are not (`mock-sesion`, `mock_session`): each chose nothing. */
  misspelt?: string[];
  /** Later entries of one of the sandbox's keys with another value (`mock-session=qa-2` after `qa-1`): the first counts. */
  repeated?: string[];
}

/** A key that looks meant as one of the sandbox's: `mock` and a word, in any spelling of the separator. */
const MEANT_AS_OURS = /^mock[-_. ]?s(?:es|ce)/i;

const isOws = (character: string | undefined) => character === ' ' || character === '\t';

/**
 * Optional whitespace as the W3C grammar has it (OWS: spaces and tabs) taken off both ends. A loop, not `[ \t]+$`: a
 * regular expression retried that at every space of a long run before another character (quadratic time).
 */
function trimOws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isOws(text[start])) start++;
  while (end > start && isOws(text[end - 1])) end--;
  return text.slice(start, end);
}

/**
 * Read the sandbox's entries from a baggage header: list members separated by `,`, each `key=value` with optional
 * `;`-separated properties (ignored) and whitespace around every part. Members of other keys are left alone, readable
 * or not: the header belongs to the app's tracing as much as to the sandbox. A repeated key: the first one counts, and
 * a later one with another value is kept in `repeated`, to be named as ignored.
 *
 * @example
 * readSandboxBaggage('userId=alice, mock-session=checkout-42;origin=e2e, mock-scenario=org-enforced')
 * // { session: 'checkout-42', scenario: 'org-enforced' }
 */
export function readSandboxBaggage(header: string): SandboxBaggage {
  const baggage: SandboxBaggage = { session: undefined, scenario: undefined };
  // Most baggage has no entry of ours: skip splitting it then.
  if (!/mock/i.test(header)) return baggage;
  for (const member of header.split(',')) {
    const pair = member.split(';', 1)[0]!;
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const key = trimOws(pair.slice(0, equals));
    const value = trimOws(pair.slice(equals + 1));
    const field = key === BAGGAGE_SESSION_KEY ? 'session' : key === BAGGAGE_SCENARIO_KEY ? 'scenario' : undefined;
    if (field === undefined) {
      if (MEANT_AS_OURS.test(key)) (baggage.misspelt ??= []).push(key);
    } else if (baggage[field] === undefined) baggage[field] = value;
    // Two tests' baggage merged into one request (a propagator that appends): it ran in the first one's session.
    else if (baggage[field] !== value) (baggage.repeated ??= []).push(`${key}=${value}`);
  }
  return baggage;
}
