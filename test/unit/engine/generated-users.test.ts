import { describe, expect, it } from 'vitest';
import { toGeneratedUsers, type GenerateUsersSetting } from '../../../src/engine/generated-users.js';
import { toWorld, type Scenario } from '../../../src/engine/scenario.js';
import { verifyTotpCode } from '../../../src/engine/totp.js';
import { authenticatorCode } from '../../harness/totp.js';

const SETTING: GenerateUsersSetting = { users: 200, seed: 7, mfaEnabled: 0.3, factors: ['totp', 'sms'], idFormat: 'uuid' };

const ID_SHAPES = {
  prefixed: /^usr_[0-9a-f]{12}$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  'uuid-v7': /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  hex24: /^[0-9a-f]{24}$/,
} as const;

const scenarioWith = (generate: GenerateUsersSetting, users: Scenario['world']['users'] = []): Scenario => ({
  name: 'many-users',
  surface: 'nest-auth',
  description: 'x',
  world: { users, generate },
  overrides: [],
});

describe('generated users (json-schema-faker, seeded)', () => {
  it('are the same for the same seed, and different for another seed', () => {
    const first = toGeneratedUsers(SETTING, 'nest-auth');
    expect(toGeneratedUsers({ ...SETTING }, 'nest-auth')).toEqual(first);
    const other = toGeneratedUsers({ ...SETTING, seed: 8 }, 'nest-auth');
    expect(other).toHaveLength(200);
    expect(other.map((user) => user.email)).not.toEqual(first.map((user) => user.email));
    const firstIds = new Set(first.map((user) => user.id));
    expect(other.filter((user) => firstIds.has(user.id))).toEqual([]);
  });

  it('have realistic names, e-mails, usernames and phones, each unique, and a token each', () => {
    const users = toGeneratedUsers(SETTING, 'nest-auth');
    expect(users).toHaveLength(200);
    for (const [index, user] of users.entries()) {
      expect(user.name).toMatch(/^[A-Z][a-z]+ [A-Za-zäí -]+$/);
      const [first, ...last] = user.name!.toLowerCase().split(' ');
      expect(user.email).toMatch(new RegExp(`^${first}\\.[a-z-]+\\d{1,3}@example\\.(com|org|net)$`));
      expect(
        user.email.startsWith(
          `${first}.${last
            .join('')
            .replace(/[^a-z]/g, '')
            .slice(0, 2)}`,
        ),
      ).toBe(true);
      expect(user.username).toBe(user.email.split('@')[0]);
      expect(user.phone).toMatch(/^[2-9][0-9]{2}55501[0-9]{2}$/); // 555-01xx: numbers kept for fiction
      expect(user.phoneCountryCode).toBe('+1');
      expect(user.token).toBe(`nest-auth-token-gen-${index + 1}`);
      expect(user.role).toBe('MEMBER');
    }
    for (const field of ['id', 'email', 'phone', 'username'] as const) expect(new Set(users.map((user) => user[field])).size).toBe(200);
    expect(new Set(users.map((user) => user.name)).size).toBeGreaterThan(150);
  });

  it.each(Object.entries(ID_SHAPES))('have %s ids of the vendor shape, their factors too where the vendor has a shape', (idFormat, shape) => {
    const users = toGeneratedUsers({ ...SETTING, idFormat: idFormat as GenerateUsersSetting['idFormat'] }, 'x');
    for (const user of users) {
      expect(user.id).toMatch(shape);
      for (const factor of user.factors ?? []) {
        if (idFormat === 'prefixed')
          expect(factor.id).toBeUndefined(); // the engine's own `<user>-<kind>-<n>`
        else expect(factor.id).toMatch(shape);
      }
    }
  });

  it('give exactly round(users x mfaEnabled) of them the listed factor kinds, TOTP with a real base32 secret', () => {
    for (const [users, fraction, expected] of [
      [200, 0.3, 60],
      [7, 0.5, 4],
      [10, 0, 0],
      [10, 1, 10],
    ] as const) {
      const generated = toGeneratedUsers({ ...SETTING, users, mfaEnabled: fraction }, 'x');
      const withMfa = generated.filter((user) => user.factors?.length);
      expect(withMfa, `${users} x ${fraction}`).toHaveLength(expected);
      for (const user of withMfa) {
        expect(user.factors!.map((factor) => factor.kind)).toEqual(['totp', 'sms']);
        expect(user.factors![0]!.secret).toMatch(/^[A-Z2-7]{32}$/);
        expect(user.factors![1]!.secret).toBeUndefined();
      }
    }
    // Spread over the list by seed, not the first ones.
    const flags = toGeneratedUsers(SETTING, 'x').map((user) => Boolean(user.factors?.length));
    expect(flags.slice(0, 60).every(Boolean)).toBe(false);
    const emailOnly = toGeneratedUsers({ ...SETTING, factors: ['email'] }, 'x').filter((user) => user.factors?.length);
    expect(emailOnly.every((user) => user.factors!.length === 1 && user.factors![0]!.kind === 'email' && !user.factors![0]!.secret)).toBe(true);
  });

  it('default to TOTP for the users with MFA on, and to nobody with MFA on', () => {
    expect(toGeneratedUsers({ users: 10, seed: 1, mfaEnabled: 1 }, 'x').every((user) => user.factors?.map((f) => f.kind).join() === 'totp')).toBe(true);
    expect(toGeneratedUsers({ users: 10, seed: 1 }, 'x').some((user) => user.factors)).toBe(false);
  });

  it('never take a named user id or e-mail', () => {
    const free = toGeneratedUsers({ ...SETTING, users: 3 }, 'x');
    const taken = { ids: new Set([free[0]!.id]), emails: new Set([free[1]!.email]) };
    const generated = toGeneratedUsers({ ...SETTING, users: 3 }, 'x', taken);
    expect(generated).toHaveLength(3);
    expect(generated.map((user) => user.id)).not.toContain(free[0]!.id);
    expect(generated.map((user) => user.email)).not.toContain(free[1]!.email);
  });
});

describe('a world with generated users', () => {
  it('has the named users first, then the generated ones as ordinary users with tokens, whose TOTP codes verify', () => {
    const ada = { id: 'ada', email: 'ada@example.com', token: 'token-ada' };
    const world = toWorld(scenarioWith(SETTING, [ada]));
    const users = Object.values(world.users);
    expect(users).toHaveLength(201);
    expect(users[0]!.id).toBe('ada');
    const withMfa = users.filter((user) => user.mfaEnabled);
    expect(withMfa).toHaveLength(60);
    const someone = withMfa[0]!;
    expect(someone).toMatchObject({ primaryMethod: 'totp', active: true, locked: false });
    expect(someone.factors.every((factor) => factor.verified && factor.enabled)).toBe(true);
    const token = Object.entries(world.tokens).find(([, userId]) => userId === someone.id)![0];
    expect(token).toMatch(/^nest-auth-token-gen-\d+$/);
    expect(world.tokens['token-ada']).toBe('ada');
    const now = Date.UTC(2026, 5, 1, 12, 0, 0);
    const secret = someone.factors[0]!.secret!;
    expect(verifyTotpCode(secret, authenticatorCode(secret, 0, now), { windowSteps: 0, nowMs: now }).valid).toBe(true);
  });

  it('is a fresh copy for every session: changing one leaves the next untouched', () => {
    const scenario = scenarioWith(SETTING);
    const first = toWorld(scenario);
    const someone = Object.values(first.users).find((user) => user.mfaEnabled)!;
    someone.factors[0]!.enabled = false;
    someone.locked = true;
    const second = toWorld(scenario);
    expect(second.users[someone.id]).toMatchObject({ locked: false, mfaEnabled: true });
    expect(second.users[someone.id]!.factors[0]!.enabled).toBe(true);
  });
});
