import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../../src/engine/scenario.js';
import { toIgnoredFieldWarnings } from '../../../src/scenarios/ignored-field-warnings.js';
import { SCENARIO_FILE_SCHEMA } from '../../../src/scenarios/scenario-file-schema.js';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { SURFACES } from '../../../src/surfaces/registry.js';

const scenario = (surface: string, world: Scenario['world']): Scenario => ({ name: 'x', surface, description: 'x', world, overrides: [], file: `${surface}/x.yaml` });
const catalogueOf = (...scenarios: Scenario[]) => new Map(scenarios.map((one) => [one.surface, new Map([[one.name, one]])]));

const messagesOf = (warnings: readonly Error[]) => warnings.map((warning) => warning.message);

describe('settings a surface never reads', () => {
  it("are none in the shipped scenarios of any surface", async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect(toIgnoredFieldWarnings(catalogue)).toEqual([]);
  });

  it("are named with their file, pointer and what to write instead; a field the surface reads is not (Lerian's role)", () => {
    const lerian = scenario('lerian', {
      org: { id: 'acme', name: 'Acme', mfaEnforced: true },
      users: [{ id: '019c96a0-0000-7000-8000-0000000000ad', email: 'o@example.com', role: 'ADMINISTRATOR', password: 'p', phone: '1' }],
    });
    expect(messagesOf(toIgnoredFieldWarnings(catalogueOf(lerian)))).toEqual([
      "lerian/x.yaml#/world/org: lerian never reads org, so it changes nothing: Lerian has no organisation: MFA is each user's own (give the user factors, or set them up through the API)",
      "lerian/x.yaml#/world/users/0/password: lerian never reads a user's password, so it changes nothing: only nest-auth signs users in with a password; this vendor's users authenticate with their bearer `token`",
    ]);
  });

  it('include an attempt limit on a surface none of whose requests checks a code (GenAuth), and only there', () => {
    const withLockout = (surface: string): Scenario => ({ ...scenario(surface, {}), lockout: { afterFailedAttempts: 3 } });
    expect(messagesOf(toIgnoredFieldWarnings(catalogueOf(...['flashback', 'nest-auth', 'lerian', 'genauth'].map(withLockout))))).toEqual([
      "genauth/x.yaml#/lockout: genauth never reads lockout, so it changes nothing: no request of it checks a user's code, so none counts as an attempt: lock the user with QA's lock (PUT /__admin/sessions/{id}/users/{userId}/lock)",
    ]);
  });

  it('include recovery codes on a Flashback user without a TOTP factor, which Flashback takes only in place of a TOTP code', () => {
    const withCodes = (surface: string, factors: NonNullable<Scenario['world']['users']>[number]['factors']): Scenario =>
      scenario(surface, { users: [{ id: 'u', email: 'u@example.com', recoveryCodes: ['40213377'], ...(factors ? { factors } : {}) }] });
    const warnings = toIgnoredFieldWarnings(
      catalogueOf(withCodes('flashback', [{ kind: 'sms' }]), withCodes('lerian', undefined), withCodes('nest-auth', undefined)),
    );
    expect(messagesOf(warnings)).toEqual([
      'flashback/x.yaml#/world/users/0/recoveryCodes: this user has no TOTP factor, and flashback takes a recovery code only in place of a TOTP code (POST /mfa/verify-login with mfaType GOOGLE_AUTH), so they change nothing: give the user a factor { kind: totp, secret: <base32> }',
    ]);
    expect(toIgnoredFieldWarnings(catalogueOf(withCodes('flashback', [{ kind: 'totp', secret: 'JBSWY3DPEHPK3PXP' }])))).toEqual([]);
    expect(toIgnoredFieldWarnings(catalogueOf(withCodes('flashback', [{ kind: 'totp', enabled: false }])))).toHaveLength(1);
  });

  it('are each surface\'s own: a role on nest-auth, a bearer token on GenAuth, access keys on Flashback', () => {
    const warnings = toIgnoredFieldWarnings(
      catalogueOf(
        scenario('nest-auth', { users: [{ id: 'u', email: 'u@example.com', role: 'OWNER' }] }),
        scenario('genauth', { accessKeys: [{ id: 'k', secret: 's' }], users: [{ id: 'u', email: 'u@example.com', token: 't' }] }),
        scenario('flashback', { accessKeys: [{ id: 'k', secret: 's' }], users: [{ id: 'u', email: 'u@example.com', role: 'OWNER', active: false }] }),
      ),
    );
    expect(warnings.map((warning) => warning.message.split(', so')[0])).toEqual([
      "nest-auth/x.yaml#/world/users/0/role: nest-auth never reads a user's role",
      "genauth/x.yaml#/world/users/0/token: genauth never reads a user's token",
      'flashback/x.yaml#/world/accessKeys: flashback never reads accessKeys',
    ]);
  });

  it("are the policy settings a surface does not read, and factor kinds it has no word for in the policy lists it reads", () => {
    const warnings = toIgnoredFieldWarnings(
      catalogueOf(
        scenario('flashback', { policy: { enabled: false, methods: ['email', 'face'], required: true } }),
        scenario('nest-auth', { policy: { methods: ['face', 'totp', 'magic_link'], applications: { a: { enabledFactors: ['face'] } } } }),
        scenario('genauth', { policy: { methods: ['passkey', 'totp'], allowUserToggle: true, applications: { app: { enabledFactors: ['sms', 'magic_link'] } } } }),
      ),
    );
    expect(warnings.map((warning) => warning.message.split(', so')[0])).toEqual([
      'flashback/x.yaml#/world/policy/enabled: flashback never reads policy.enabled',
      'flashback/x.yaml#/world/policy/methods: flashback never reads policy.methods',
      'nest-auth/x.yaml#/world/policy/applications: nest-auth never reads policy.applications',
      'nest-auth/x.yaml#/world/policy/methods/0: nest-auth has no face factor',
      'nest-auth/x.yaml#/world/policy/methods/2: nest-auth has no magic_link factor',
      'genauth/x.yaml#/world/policy/allowUserToggle: genauth never reads policy.allowUserToggle',
      'genauth/x.yaml#/world/policy/methods/0: genauth has no passkey factor',
      'genauth/x.yaml#/world/policy/applications/app/enabledFactors/1: genauth has no magic_link factor',
    ]);
    expect(warnings[3]?.message).toBe('nest-auth/x.yaml#/world/policy/methods/0: nest-auth has no face factor, so it changes nothing (its kinds: totp, email, sms)');
  });

  it('name only fields the scenario file schema has', () => {
    // A field the schema lacks would never be in a scenario, and its warning would silently never come.
    const world = SCENARIO_FILE_SCHEMA.properties.world;
    const worldFields = Object.keys(world.properties);
    const userFields = Object.keys(world.properties.users.items.properties);
    for (const surface of SURFACES) {
      expect(worldFields, surface.id).toEqual(expect.arrayContaining(Object.keys(surface.ignoredWorldFields?.world ?? {})));
      expect(userFields, surface.id).toEqual(expect.arrayContaining(Object.keys(surface.ignoredWorldFields?.user ?? {})));
      expect(Object.keys(world.properties.policy.properties), surface.id).toEqual(expect.arrayContaining(Object.keys((surface.ignoredWorldFields as { policy?: object } | undefined)?.policy ?? {})));
    }
  });
});
