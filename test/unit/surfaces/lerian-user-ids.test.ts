import { describe, expect, it } from 'vitest';
import { toWorld } from '../../../src/engine/scenario.js';
import { toUserKey } from '../../../src/engine/user-ids.js';
import { toUserIdRules } from '../../../src/surfaces/registry.js';
import { lerianUserIds } from '../../../src/surfaces/lerian/lerian-user-ids.js';

const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';

describe("Lerian's user id rule", () => {
  it('reads a UUID in any letter case (the urn:uuid: form the spec lets through too) as the lower-case UUID', () => {
    expect(lerianUserIds.toStored(JOHN)).toBe(JOHN);
    expect(lerianUserIds.toStored(JOHN.toUpperCase())).toBe(JOHN);
    expect(lerianUserIds.toStored(`urn:uuid:${JOHN.toUpperCase()}`)).toBe(JOHN);
  });

  it('names no stored id for what is not a UUID', () => {
    for (const id of ['not-a-uuid', 'usr_ada', `${JOHN}x`, JOHN.replaceAll('-', ''), `{${JOHN}}`, '']) expect(lerianUserIds.toStored(id), id).toBeUndefined();
  });

  it('is the only rule of the registry: other surfaces take an id as given', () => {
    const rules = toUserIdRules(['flashback', 'nest-auth', 'lerian', 'genauth']);
    expect([...rules.keys()]).toEqual(['lerian']);
    expect(toUserKey(rules, 'lerian', JOHN.toUpperCase())).toBe(JOHN);
    expect(toUserKey(rules, 'lerian', 'not-a-uuid')).toBe('not-a-uuid');
    expect(toUserKey(rules, 'nest-auth', '4B3C9C9C-0000-4D1E-8D9F-00000000ADA1')).toBe('4B3C9C9C-0000-4D1E-8D9F-00000000ADA1');
    expect(toUserIdRules(['flashback']).size).toBe(0);
  });

  it('files the users of a world built with it under the stored id, and so the users its tokens name', () => {
    const scenario = {
      name: 'ids',
      surface: 'lerian',
      description: 'x',
      world: {
        users: [
          { id: JOHN.toUpperCase(), email: 'john@example.com', token: 'own', factors: [{ kind: 'totp' as const, secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' }] },
        ],
        tokens: { extra: JOHN.toUpperCase() },
      },
      overrides: [],
    };
    const world = toWorld(scenario, lerianUserIds);
    expect(Object.keys(world.users)).toEqual([JOHN]);
    expect(world.users[JOHN]!.id).toBe(JOHN);
    expect(world.tokens).toEqual({ extra: JOHN, own: JOHN });
    // Without the rule (a surface that has none) the ids stay as written.
    expect(Object.keys(toWorld(scenario).users)).toEqual([JOHN.toUpperCase()]);
  });
});
