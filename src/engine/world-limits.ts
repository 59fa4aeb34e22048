import type { MagicLink, OutboxMessage, SentCode, SignInSession, TrustedDevice, World } from './world.js';

/**
 * How much of what it hands out a world keeps: the newest, so a session in use for hours (the shared `default` one,
 * or a CI fleet's) does not grow without bound. A soak test grew one session by ~1.4 KB per MFA flow, to a 15 MB
 * export after 12 minutes: every magic link, code, message, passkey challenge and sign-in token was kept for good.
 * What falls out is what a client is least likely to use again: a message read long ago, a code or link long expired
 * or used, a challenge whose ceremony timed out (60 s), an access token of a sign-in a thousand sign-ins ago (it is
 * then unknown, as a revoked one: 401).
 */
export const WORLD_LIMITS = {
  outbox: 1_000,
  magicLinks: 1_000,
  sentCodes: 1_000,
  /** Passkey ceremonies outstanding at once. */
  challenges: 100,
  /**
   * Access tokens sign-ins issued, per list (Flashback's MFA-verified ones; nest-auth's pre-MFA and full ones); also
   * the scenario tokens a sign-out ended that a world remembers.
   */
  issuedTokens: 1_000,
  /** nest-auth's trusted devices (each also expires after 7 days). */
  trustedDevices: 1_000,
  /** nest-auth's sessions (each also expires after 30 days). */
  signInSessions: 1_000,
  /** GenAuth signatures and nonces seen (the replay window). */
  seenSignatures: 1_000,
} as const;

/** Drop the oldest items beyond `max` (items are appended, so the oldest come first). */
function keepNewest<T>(items: T[], max: number): T[] {
  return items.length > max ? items.splice(0, items.length - max) : [];
}

/** Keep only the newest `max` keys of a record (its insertion order: none of these keys is integer-like). */
function keepNewestKeys(record: Record<string, unknown>, max: number): void {
  const keys = Object.keys(record);
  for (let index = 0; index < keys.length - max; index++) delete record[keys[index]!];
}

export function appendOutboxMessage(world: World, message: OutboxMessage): void {
  world.outbox.push(message);
  keepNewest(world.outbox, WORLD_LIMITS.outbox);
}

export function appendSentCode(world: World, sent: SentCode): void {
  world.sentCodes.push(sent);
  keepNewest(world.sentCodes, WORLD_LIMITS.sentCodes);
}

export function appendChallenge(challenges: string[], challenge: string): void {
  challenges.push(challenge);
  keepNewest(challenges, WORLD_LIMITS.challenges);
}

/** Keep a new magic link; the oldest beyond the limit are forgotten (following one then reads as a link never sent). */
export function addMagicLink(world: World, link: MagicLink): void {
  world.magicLinks[link.token] = link;
  keepNewestKeys(world.magicLinks, WORLD_LIMITS.magicLinks);
}

/** Keep a new trusted device; the oldest beyond the limit are forgotten (their next sign-in needs the MFA step). */
export function addTrustedDevice(world: World, token: string, device: TrustedDevice): void {
  world.trustTokens[token] = device;
  keepNewestKeys(world.trustTokens, WORLD_LIMITS.trustedDevices);
}

/** Register an access token a sign-in issued for `userId`, in `list`; the oldest beyond the limit stop being valid. */
export function addIssuedToken(world: World, list: string[], token: string, userId: string): void {
  world.tokens[token] = userId;
  list.push(token);
  for (const dropped of keepNewest(list, WORLD_LIMITS.issuedTokens)) delete world.tokens[dropped];
}

/** Remember a scenario token a sign-out ended; the oldest beyond the limit then read as tokens never issued. */
export function addSignedOutToken(world: World, token: string, userId: string): void {
  const signedOut = (world.signedOutTokens ??= {});
  signedOut[token] = userId;
  keepNewestKeys(signedOut, WORLD_LIMITS.issuedTokens);
}

/** Keep a session, new or renewed, as the newest; the oldest beyond the limit are forgotten (their refresh then finds none). */
export function putSignInSession(world: World, sessionId: string, session: SignInSession): void {
  const sessions = (world.signInSessions ??= {});
  delete sessions[sessionId];
  sessions[sessionId] = session;
  keepNewestKeys(sessions, WORLD_LIMITS.signInSessions);
}

/**
 * Bring a world from elsewhere (an imported session file) within the limits at once, as its next request would: the
 * newest of each list are kept, and an access token that falls out stops being valid. Without this, a file from before
 * the limits (or written by hand) held all of its items until the world's next send, and its session's memory with them.
 */
export function keepWithinLimits(world: World): void {
  keepNewest(world.outbox, WORLD_LIMITS.outbox);
  keepNewest(world.sentCodes, WORLD_LIMITS.sentCodes);
  keepNewest(world.challenges, WORLD_LIMITS.challenges);
  keepNewest(world.seenSignatures, WORLD_LIMITS.seenSignatures);
  for (const list of [world.mfaVerifiedTokens, world.preMfaTokens]) {
    for (const dropped of keepNewest(list, WORLD_LIMITS.issuedTokens)) delete world.tokens[dropped];
  }
  keepNewestKeys(world.magicLinks, WORLD_LIMITS.magicLinks);
  keepNewestKeys(world.trustTokens, WORLD_LIMITS.trustedDevices);
  if (world.signInSessions) keepNewestKeys(world.signInSessions, WORLD_LIMITS.signInSessions);
  if (world.signedOutTokens) keepNewestKeys(world.signedOutTokens, WORLD_LIMITS.issuedTokens);
}
