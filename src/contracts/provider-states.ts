import type { User, World } from '../engine/world.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';

/**
 * The provider-state vocabulary: the sentences a consumer may put in `given(...)`, each mapped to a scenario.
 * Pact verification (test/contract/provider) and `mfa-sandbox verify` both resolve states here, so a sentence means
 * the same thing everywhere. A sentence the vocabulary does not know is an error, never a silent default.
 *
 * `{user}` is "the user" (the surface's documented user, below) or "user <id>"; a Pact state parameter `userId`
 * names the user of "the user" sentences too: `given('the user has MFA enabled', { userId: 'usr_bob' })`.
 */

/** How far a TOTP enrolment is walked through the vendor API after the scenario starts. */
export type EnrolmentStep = 'started' | 'verified';

export interface ProviderStateDefinition {
  /** The sentence as documented; `{user}` and `{scenario}` are placeholders. */
  sentence: string;
  /** The scenario it activates; undefined when the sentence names it (`{scenario}`). */
  scenario: string | undefined;
  /** What the state means, for the README and error messages. */
  meaning: string;
  /** Why the sentence does not hold in the scenario's world (the mock must not pretend), or undefined when it holds. */
  whyNot?: (world: World, user: User | undefined, userId: string) => string | undefined;
  /** A TOTP setup to start (and verify) through the vendor's own API once the scenario is active. */
  enrolment?: EnrolmentStep;
  /** Values the state hands to `fromProviderState('${name}', ...)` expressions. */
  provides: string[];
}

const missing = (userId: string) => `user ${userId} does not exist there`;

export const PROVIDER_STATES: readonly ProviderStateDefinition[] = [
  {
    sentence: '{user} has no MFA',
    scenario: 'default',
    meaning: 'The starting world: the user exists and has no MFA method.',
    whyNot: (_world, user, userId) => (!user ? missing(userId) : user.mfaEnabled ? `user ${userId} has MFA there` : undefined),
    provides: [],
  },
  {
    sentence: '{user} has MFA enabled',
    scenario: 'mfa-enabled',
    meaning: 'The user has enrolled factors (a TOTP authenticator among them where the vendor has one).',
    whyNot: (_world, user, userId) => (!user ? missing(userId) : !user.mfaEnabled ? `user ${userId} has no MFA there` : undefined),
    // The secret too: Lerian's verify sends it beside the passcode.
    provides: ['totpSecret', 'totpCode', 'recoveryCode'],
  },
  {
    sentence: 'MFA is enforced by the organisation',
    scenario: 'org-enforced',
    meaning: 'The organisation (or the application / user pool) requires MFA of every user.',
    whyNot: (world) => (world.org?.mfaEnforced || world.policy.required ? undefined : 'nothing enforces MFA there'),
    provides: ['totpSecret', 'totpCode'],
  },
  {
    sentence: '{user} does not exist',
    scenario: 'missing-user',
    meaning: "The user is gone (tokens naming them may still be valid): the vendor's not-found answer.",
    whyNot: (_world, user, userId) => (user ? `user ${userId} exists there` : undefined),
    provides: [],
  },
  {
    sentence: 'the identity service is failing',
    scenario: 'server-error',
    meaning: "Every operation answers the vendor's documented server error.",
    provides: [],
  },
  {
    sentence: '{user} has started TOTP setup',
    scenario: 'default',
    meaning: 'The user asked for an authenticator secret (through the vendor API) and has not confirmed it yet.',
    whyNot: (_world, user, userId) => (!user ? missing(userId) : undefined),
    enrolment: 'started',
    provides: ['totpSecret', 'totpCode', 'recoveryCode'],
  },
  {
    sentence: '{user} has verified TOTP setup',
    scenario: 'default',
    meaning: 'The user confirmed the new authenticator with a code (through the vendor API); the next step enables or uses it.',
    whyNot: (_world, user, userId) => (!user ? missing(userId) : undefined),
    enrolment: 'verified',
    provides: ['totpSecret', 'recoveryCode'],
  },
  {
    sentence: 'the sandbox is in scenario {scenario}',
    scenario: undefined,
    meaning: 'Any scenario by name, shipped or your own (scenarios/<surface>/<name>.yaml).',
    provides: [],
  },
];

/** A provider state that cannot be set up: unknown, unavailable on the surface, or untrue in its scenario. */
export class ProviderStateError extends Error {
  override name = 'ProviderStateError';
}

/** A state sentence resolved against the vocabulary. */
export interface ResolvedProviderState {
  name: string;
  definition: ProviderStateDefinition;
  scenario: string;
  /** The user the sentence is about: named in it, by the `userId` parameter, or the surface's user. */
  userId: string;
}

const USER = '(?:the user|user (?<userId>\\S+))';
const SCENARIO = '(?<scenario>[a-z0-9][a-z0-9-]*)';

function escape(text: string): string {
  return text.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
}

// Either spelling of the sentences' own words: "MFA is enforced by the organization" matches too. Only theirs: a
// scenario or user id is taken as written (`the sandbox is in scenario no-organization`).
const MATCHERS = PROVIDER_STATES.map((definition) => ({
  definition,
  pattern: new RegExp(
    `^${escape(definition.sentence).replaceAll('organisation', 'organi[sz]ation').replace('{user}', USER).replace('{scenario}', SCENARIO)}$`,
    'i',
  ),
}));

/** Single spaces, no full stop: "MFA is enforced by the organisation." matches too. */
function normalise(sentence: string): string {
  return sentence.trim().replace(/\s+/g, ' ').replace(/\.$/, '');
}

/** The documented sentences, one per line, for error messages. */
export function listProviderStates(): string {
  return PROVIDER_STATES.map((definition) => `  - ${definition.sentence}`).join('\n');
}

/**
 * Resolve a provider-state sentence (and its Pact parameters) for a surface.
 *
 * @example
 * resolveProviderState('user 019c96a0-0c21-71f9-a487-66a1258278a1 does not exist', {}, 'lerian')
 * // { scenario: 'missing-user', userId: '019c96a0-0c21-71f9-a487-66a1258278a1', ... }
 */
export function resolveProviderState(name: string, params: Record<string, unknown>, surface: SurfaceId): ResolvedProviderState {
  // The one parameter the vocabulary reads: a misspelt or mistyped one would set the state up for the surface's user.
  for (const [key, value] of Object.entries(params)) {
    if (key !== 'userId') {
      throw new ProviderStateError(
        `provider state "${name}" has the parameter "${key}", which the sandbox does not read${toDidYouMean(key, ['userId'])}; its one parameter is userId`,
      );
    }
    if (typeof value !== 'string')
      throw new ProviderStateError(`provider state "${name}": its parameter userId must be a string, got ${JSON.stringify(value)}`);
  }
  const sentence = normalise(name);
  for (const { definition, pattern } of MATCHERS) {
    const match = sentence.match(pattern);
    if (!match) continue;
    const inline = match.groups?.userId;
    const param = typeof params.userId === 'string' ? params.userId : undefined;
    if (inline && param && inline !== param) {
      throw new ProviderStateError(`provider state "${name}" names user ${inline} but its parameter userId is ${param}`);
    }
    return { name, definition, scenario: definition.scenario ?? match.groups!.scenario!, userId: inline ?? param ?? toSurface(surface).providerStateUser };
  }
  throw new ProviderStateError(`unknown provider state "${name}"; the sandbox knows:\n${listProviderStates()}\n("{user}" is "the user" or "user <id>")`);
}
