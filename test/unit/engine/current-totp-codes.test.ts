import { describe, expect, it } from 'vitest';
import { toWorld } from '../../../src/engine/scenario.js';
import { findTotpCode, listTotpCodes } from '../../../src/engine/current-totp-codes.js';
import type { World } from '../../../src/engine/world.js';

// RFC 6238 Appendix B secret and two of its vectors (6-digit): T=59 -> 287082, T=1111111109 -> 081804.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OTHER_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const AT_59 = 59_000;

function world(surface: string, scenario: string): World {
  return toWorld({ surface, name: scenario, description: '', world: { users: [{ id: 'usr_ada', email: 'ada@example.com' }] }, overrides: [] });
}

describe('listTotpCodes', () => {
  it('lists enrolled factors and unverified devices by id, and a setup in progress without one, each with its current code and whether its step was used', () => {
    const flashback = world('flashback', 'default');
    flashback.users.usr_ada!.pending.totp = { kind: 'totp', secret: RFC_SECRET, verified: false, createdAt: '' };
    const nestAuth = world('nest-auth', 'default');
    nestAuth.users.usr_ada!.factors.push(
      // Its code of step 1 (T=30-59 s) was accepted already: sent again, it is a replay.
      { id: 'dev-1', kind: 'totp', name: 'laptop', verified: true, enabled: true, secret: OTHER_SECRET, lastTimeStep: 1, createdAt: '' },
      { id: 'dev-2', kind: 'totp', name: 'phone', verified: false, enabled: true, secret: RFC_SECRET, createdAt: '' },
      { id: 'face-1', kind: 'face', name: 'face', verified: true, enabled: true, createdAt: '' },
    );
    expect(listTotpCodes([flashback, nestAuth], AT_59)).toEqual([
      {
        surface: 'flashback',
        scenario: 'default',
        userId: 'usr_ada',
        status: 'pending',
        name: 'TOTP setup (not verified)',
        code: '287082',
        validForSeconds: 1,
        used: false,
      },
      {
        surface: 'nest-auth',
        scenario: 'default',
        userId: 'usr_ada',
        status: 'enrolled',
        factorId: 'dev-1',
        name: 'laptop',
        code: expect.stringMatching(/^\d{6}$/),
        validForSeconds: 1,
        used: true,
      },
      {
        surface: 'nest-auth',
        scenario: 'default',
        userId: 'usr_ada',
        status: 'pending',
        factorId: 'dev-2',
        name: 'phone',
        code: '287082',
        validForSeconds: 1,
        used: false,
      },
    ]);
    // The next step's code was never accepted.
    expect(listTotpCodes([nestAuth], AT_59 + 1_000).find((entry) => entry.factorId === 'dev-1')).toMatchObject({ used: false, validForSeconds: 30 });
    expect(listTotpCodes([nestAuth], 1_111_111_109_000).find((entry) => entry.factorId === 'dev-2')).toMatchObject({ code: '081804', validForSeconds: 1 });
  });
});

describe('findTotpCode', () => {
  const current = world('flashback', 'default');
  current.users.usr_ada!.pending.totp = { kind: 'totp', secret: RFC_SECRET, verified: false, createdAt: '' };
  const preferred = world('flashback', 'mfa-enabled');
  preferred.users.usr_ada!.factors.push({ id: 'fac-1', kind: 'totp', name: 'GOOGLE_AUTH', verified: true, enabled: true, secret: OTHER_SECRET, createdAt: '' });
  const entries = listTotpCodes([current, preferred], AT_59);

  it('by user id reads the first world that has the user: its enrolled device, else its setup in progress', () => {
    expect(findTotpCode(entries, 'usr_ada')).toMatchObject({ scenario: 'default', status: 'pending', code: '287082' });
    expect(findTotpCode(listTotpCodes([preferred, current], AT_59), 'usr_ada')).toMatchObject({ scenario: 'mfa-enabled', status: 'enrolled' });
  });

  it('narrows to one status, reads a factor by id, and finds nothing for an unknown id', () => {
    expect(findTotpCode(entries, 'usr_ada', 'enrolled')).toMatchObject({ scenario: 'mfa-enabled', factorId: 'fac-1' });
    expect(findTotpCode(entries, 'fac-1')).toMatchObject({ status: 'enrolled', scenario: 'mfa-enabled' });
    expect(findTotpCode(entries, 'fac-1', 'pending')).toBeUndefined();
    expect(findTotpCode(entries, 'usr_nobody')).toBeUndefined();
  });

  it("reads a user id as each surface stores its ids (the session registry's userKey: Lerian's UUIDs in lower case)", () => {
    const lowerCase = (surface: string, id: string) => (surface === 'flashback' ? id.toLowerCase() : id);
    expect(findTotpCode(entries, 'USR_ADA')).toBeUndefined();
    expect(findTotpCode(entries, 'USR_ADA', undefined, lowerCase)).toMatchObject({ userId: 'usr_ada', scenario: 'default' });
  });

  it('with several unverified devices in one world, the newest one', () => {
    const nestAuth = world('nest-auth', 'default');
    nestAuth.users.usr_ada!.factors.push(
      { id: 'old', kind: 'totp', name: 'old', verified: false, enabled: true, secret: OTHER_SECRET, createdAt: '' },
      { id: 'new', kind: 'totp', name: 'new', verified: false, enabled: true, secret: RFC_SECRET, createdAt: '' },
    );
    expect(findTotpCode(listTotpCodes([nestAuth], AT_59), 'usr_ada')).toMatchObject({ factorId: 'new', code: '287082' });
  });
});
