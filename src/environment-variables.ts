import { namesAlike } from './engine/edit-distance.js';

/**
 * Every environment variable with the sandbox's prefix that this version reads (a unit test checks that src/ names
 * no other). A misspelt one was ignored without a word, and the server started on defaults: in memory instead of on
 * the PostgreSQL the operator meant, with no hint why.
 */
export const SANDBOX_VARIABLES = [
  'MFA_SANDBOX_ADMIN_ACCESS',
  'MFA_SANDBOX_ADMIN_TOKEN',
  'MFA_SANDBOX_BODY_LIMIT_BYTES',
  'MFA_SANDBOX_CACHE_DIR',
  'MFA_SANDBOX_CORS',
  'MFA_SANDBOX_DYNAMIC',
  'MFA_SANDBOX_JOURNAL_SIZE',
  'MFA_SANDBOX_MAGIC_LINK_URL',
  'MFA_SANDBOX_MAX_HEADER_BYTES',
  'MFA_SANDBOX_MAX_SESSIONS',
  'MFA_SANDBOX_REQUEST_TIMEOUT_SECONDS',
  'MFA_SANDBOX_SCENARIO',
  'MFA_SANDBOX_SCENARIOS',
  'MFA_SANDBOX_SESSION_TTL_SECONDS',
  'MFA_SANDBOX_SPECS',
  'MFA_SANDBOX_STATE_URL',
  'MFA_SANDBOX_SURFACE',
  'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_ID',
  'MFA_SANDBOX_UPSTREAM_ACCESS_KEY_SECRET',
  'MFA_SANDBOX_UPSTREAM_EMAIL',
  'MFA_SANDBOX_UPSTREAM_HEADERS',
  'MFA_SANDBOX_UPSTREAM_PASSWORD',
  'MFA_SANDBOX_UPSTREAM_TOKEN',
  'MFA_SANDBOX_UPSTREAM_USER_ID',
  'MFA_SANDBOX_VALIDATE_RESPONSES',
] as const;

const PREFIX = 'MFA_SANDBOX_';
/** The settings read without the prefix, under the names servers commonly use for them. */
const UNPREFIXED_VARIABLES = ['PORT', 'HOST', 'LOG_LEVEL'];

/**
 * A warning per variable with the sandbox's prefix that it does not read, naming the one meant where it can tell:
 * a prefixed PORT, HOST or LOG_LEVEL, a name cut short (MFA_SANDBOX_STATE for MFA_SANDBOX_STATE_URL), or a typo.
 *
 * @example
 * toUnknownVariableWarnings({ MFA_SANDBOX_STATE: 'postgres://db/mfa' })
 * // ['MFA_SANDBOX_STATE is not a setting mfa-sandbox reads (did you mean MFA_SANDBOX_STATE_URL?); ignored']
 */
export function toUnknownVariableWarnings(env: Record<string, string | undefined>): string[] {
  const known: readonly string[] = SANDBOX_VARIABLES;
  return Object.keys(env)
    .filter((name) => name.startsWith(PREFIX) && !known.includes(name) && env[name] !== undefined)
    .sort()
    .map((name) => {
      const meant = meantVariables(name, known);
      return `${name} is not a setting mfa-sandbox reads${meant.length > 0 ? ` (did you mean ${meant.join(' or ')}?)` : ''}; ignored`;
    });
}

function meantVariables(name: string, known: readonly string[]): string[] {
  const unprefixed = name.slice(PREFIX.length);
  if (UNPREFIXED_VARIABLES.includes(unprefixed)) return [unprefixed];
  const lengthened = known.filter((candidate) => candidate.startsWith(`${name}_`) || name.startsWith(`${candidate}_`));
  if (lengthened.length > 0) return lengthened;
  const alike = namesAlike(name, known);
  return alike.length <= 3 ? alike : [];
}
