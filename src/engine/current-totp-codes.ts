import { currentTotpCode, TOTP_PERIOD_SECONDS, totpTimeStep } from './totp.js';
import type { User, World } from './world.js';
import { idAsGiven, type UserKey } from './user-ids.js';

/**
 * `enrolled`: a verified TOTP factor (a device the user signs in with). `pending`: a setup started and not finished:
 * a secret handed out by a setup call (Flashback `GOOGLE_AUTH`, Lerian `totp`) or a device stored unverified
 * (nest-auth `setup/totp`) whose code the client still has to send back.
 */
export type TotpCodeStatus = 'enrolled' | 'pending';

/** What an authenticator app that scanned one secret of a session shows right now. */
export interface TotpCodeEntry {
  surface: string;
  scenario: string;
  userId: string;
  status: TotpCodeStatus;
  /** The factor's id; absent for a setup that is not a factor yet (Flashback, Lerian). */
  factorId?: string;
  name: string;
  code: string;
  /** Seconds until the code rolls over to the next one. */
  validForSeconds: number;
  /**
   * The code's step was already accepted for this secret: sent again it is refused as a replay. The next step's code
   * is taken at once (a refusal's `Prefer: explain` names it), or this one's successor after `validForSeconds`.
   */
  used: boolean;
}

/** Name shown for a setup that is not a factor yet. */
const PENDING_SETUP_NAME = 'TOTP setup (not verified)';

interface SecretOfUser {
  status: TotpCodeStatus;
  factorId?: string;
  name: string;
  secret: string;
  lastTimeStep: number | undefined;
}

function userEntries(user: User): SecretOfUser[] {
  const factors = user.factors.flatMap((factor): SecretOfUser[] =>
    factor.secret
      ? [{ status: factor.verified ? 'enrolled' : 'pending', factorId: factor.id, name: factor.name, secret: factor.secret, lastTimeStep: factor.lastTimeStep }]
      : [],
  );
  const setup = user.pending.totp;
  return setup?.secret ? [...factors, { status: 'pending', name: PENDING_SETUP_NAME, secret: setup.secret, lastTimeStep: setup.lastTimeStep }] : factors;
}

/**
 * The current code of every TOTP secret in these worlds: enrolled factors and setups still waiting for their first
 * code, so a flow can be walked (setup, verify, sign in) without a phone.
 *
 * @example
 * listTotpCodes(Object.values(session.worlds), sessions.clock.now())
 * // [{ surface: 'flashback', scenario: 'default', userId: 'usr_ada', status: 'pending', name: 'TOTP setup (not verified)', code: '492039', validForSeconds: 17, used: false }]
 */
export function listTotpCodes(worlds: readonly World[], nowMs: number): TotpCodeEntry[] {
  const validForSeconds = TOTP_PERIOD_SECONDS - (Math.floor(nowMs / 1000) % TOTP_PERIOD_SECONDS);
  const step = totpTimeStep(nowMs);
  return worlds.flatMap((world) =>
    Object.values(world.users).flatMap((user) =>
      userEntries(user).map(({ secret, factorId, lastTimeStep, ...entry }) => ({
        surface: world.surface,
        scenario: world.scenario,
        userId: user.id,
        ...entry,
        ...(factorId !== undefined ? { factorId } : {}),
        code: currentTotpCode(secret, nowMs),
        validForSeconds,
        used: lastTimeStep !== undefined && lastTimeStep >= step,
      })),
    ),
  );
}

/**
 * The entry a helper means by a factor id or a user id: a factor id names that factor (enrolled or pending); a user
 * id names the user's enrolled device, else, when the user has none, their newest setup in progress. `status` narrows
 * it to one kind. The first world (in the entries' order) that has a TOTP secret of the user is the one read, so list
 * the session's current worlds first. `userKey` reads a user id as each surface stores its ids (sessions.userKey).
 *
 * @example
 * findTotpCode(listTotpCodes(worlds, sessions.clock.now()), 'usr_ada')?.code // '492039'
 */
export function findTotpCode(
  entries: readonly TotpCodeEntry[],
  factorOrUserId: string,
  status?: TotpCodeStatus,
  userKey: UserKey = idAsGiven,
): TotpCodeEntry | undefined {
  const byFactor = entries.find((entry) => entry.factorId === factorOrUserId && (!status || entry.status === status));
  if (byFactor) return byFactor;
  const byUser = entries.filter((entry) => entry.userId === userKey(entry.surface, factorOrUserId) && (!status || entry.status === status));
  const first = byUser[0];
  if (!first) return undefined;
  const inWorld = byUser.filter((entry) => entry.surface === first.surface && entry.scenario === first.scenario);
  // Several unverified nest-auth devices: the last one set up is the one a client is about to verify.
  return inWorld.find((entry) => entry.status === 'enrolled') ?? inWorld.at(-1);
}
