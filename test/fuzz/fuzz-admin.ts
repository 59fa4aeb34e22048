import { TOTP_PERIOD_SECONDS } from '../../src/engine/totp.js';
import { authenticatorCode } from '../harness/totp.js';
import { expectSame } from './fuzz-command.js';
import type { FuzzSession } from './fuzz-target.js';

/**
 * What the models ask the admin API for (scenario switch, user lock, TOTP codes, outbox), each answer checked against
 * what the model knows, and the TOTP arithmetic an authenticator app does, independent of the sandbox's own.
 */

/** `PUT /__admin/sessions/<id>/scenario` for this session's surface only; the session starts that scenario fresh. */
export async function switchScenario(session: FuzzSession, scenario: string): Promise<void> {
  const reply = await session.admin('setSessionScenario', 'PUT', '/scenario', { scenario, surface: session.surface });
  expectSame(
    [reply.status, reply.data],
    [200, { session: session.id, scenario, surfaces: [session.surface], defaulted: [] }],
    `switch to scenario ${scenario}`,
  );
}

/**
 * `PUT /__admin/sessions/<id>/users/<userId>/lock` on this session's surface. The lock lands in the current world
 * first, then in every other world the session still holds for the surface (earlier scenarios: the admin spec).
 */
export async function setUserLocked(session: FuzzSession, userId: string, locked: boolean, scenario: string): Promise<void> {
  const reply = await session.admin('setUserLocked', 'PUT', `/users/${encodeURIComponent(userId)}/lock`, { locked, surface: session.surface });
  const worlds = (reply.data?.worlds ?? []) as Array<{ surface: string; scenario: string }>;
  expectSame(
    [reply.status, reply.data?.session, reply.data?.userId, reply.data?.locked, worlds[0], worlds.every((world) => world.surface === session.surface)],
    [200, session.id, userId, locked, { surface: session.surface, scenario }, true],
    `${locked ? 'lock' : 'unlock'} ${userId}`,
  );
}

/** The 30-second TOTP step `nowMs` falls in. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** A TOTP code `offsetSteps` steps from now for `secret`, as a phone authenticator shows it, with its time step. */
export function codeAt(session: FuzzSession, secret: string, offsetSteps = 0): { code: string; step: number } {
  const now = session.clock.now();
  return { code: authenticatorCode(secret, offsetSteps, now), step: timeStepAt(now) + offsetSteps };
}

/**
 * The current code of a secret as `GET /__admin/sessions/<id>/totp-codes` shows it, cross-checked with the
 * authenticator's own: the admin helper must show exactly what a phone shows for each secret the model knows of.
 */
export async function adminTotpCode(session: FuzzSession, secret: string, entry: { userId: string; status: 'enrolled' | 'pending' }): Promise<string> {
  const reply = await session.admin('getTotpCodes', 'GET', '/totp-codes');
  const expected = authenticatorCode(secret, 0, session.clock.now());
  const codes = (reply.data as Array<{ surface: string; userId: string; status: string; code: string }>)
    .filter((candidate) => candidate.surface === session.surface && candidate.userId === entry.userId && candidate.status === entry.status)
    .map((candidate) => candidate.code);
  if (!codes.includes(expected)) expectSame(codes, [expected], `admin totp-codes for a ${entry.status} secret of ${entry.userId}`);
  return expected;
}

/** The session's outbox for this surface, oldest first. */
export async function readOutbox(
  session: FuzzSession,
): Promise<Array<{ scenario: string; channel: string; userId: string; to: string; token?: string; code?: string }>> {
  const reply = await session.admin('getOutbox', 'GET', `/outbox?surface=${session.surface}`);
  return reply.data;
}
