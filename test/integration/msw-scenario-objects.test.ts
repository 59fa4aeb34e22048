import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'yaml';
import { createSandbox, type ScenarioProblems as ServerScenarioProblems } from '../../src/index.js';
import { createMfaHandlers, ScenarioProblems, type ScenarioDefinitions } from '../../src/msw/create-mfa-handlers.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The MSW handlers read no files, so a team gives its own scenarios as objects (`scenarios`): served beside the shipped
 * ones, and checked as `mfa-sandbox check` checks the same scenarios written as files (the same problems, at the same
 * JSON pointers, so moving a scenario between the two changes nothing).
 */
const KIM_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSW4Y3F';
const TEAM: ScenarioDefinitions = {
  flashback: {
    'kim-enrolled': {
      description: 'Acme enforces MFA; Kim has an authenticator and locks out after 2 wrong codes',
      world: {
        org: { id: 'org_acme', name: 'Acme', mfaEnforced: true },
        users: [
          {
            id: 'usr_kim',
            email: 'kim@acme.example',
            name: 'Kim Lee',
            token: 'kim-token',
            role: 'MEMBER',
            primaryMethod: 'totp',
            factors: [{ kind: 'totp', secret: KIM_SECRET, verified: true, enabled: true }],
          },
        ],
      },
      lockout: { afterFailedAttempts: 2 },
    },
  },
  lerian: {
    default: { description: 'a team default with org (Lerian reads none)', world: { org: { id: 'o', name: 'O' }, users: [] } },
  },
};

const mfa = createMfaHandlers({ scenarios: TEAM, scenario: 'kim-enrolled' });
const server = setupServer(...mfa.handlers);
const KIM = { authorization: 'Bearer kim-token', 'content-type': 'application/json' };

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const flashback = (path: string, session: string, body?: unknown) =>
  fetch(`http://localhost:4010/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...KIM, 'x-mock-session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('createMfaHandlers({ scenarios })', () => {
  it("serves a team's scenario: its users, tokens, TOTP secret and lockout", async () => {
    const status = await flashback('/mfa/status', 'objects-kim');
    expect(status.status).toBe(200);
    expect(((await status.json()) as { data: unknown }).data).toMatchObject({ isEnabled: true, isEnforced: true, enabledMethods: ['GOOGLE_AUTH'] });
    expect(mfa.session('objects-kim').totpCode('usr_kim')).toBe(authenticatorCode(KIM_SECRET));
    for (let attempt = 0; attempt < 2; attempt++) {
      expect((await flashback('/mfa/verify-login', 'objects-kim', { mfaType: 'GOOGLE_AUTH', code: '000000' })).status).toBe(400);
    }
    expect((await flashback('/mfa/status', 'objects-kim')).status).toBe(403); // locked after the scenario's 2
    // The shipped scenarios are still there, and the replaced one is the team's.
    mfa.session('objects-shipped').useScenario('org-enforced', 'flashback');
    expect(mfa.session('objects-shipped').state()['flashback/org-enforced']!.users.usr_ada).toBeDefined();
    expect(mfa.warnings).toEqual([
      'scenarios.lerian.default replaces the shipped lerian scenario "default"; give it another name to keep both',
      expect.stringMatching(/^scenarios\.lerian\.default#\/world\/org: lerian never reads org/),
      expect.stringMatching(/^scenarios\.lerian\.default#\/world: /),
      // The start scenario is the team's flashback one: the other surfaces' sessions start in their default.
      'scenario kim-enrolled: not on nest-auth, lerian, genauth (nest-auth, lerian, genauth sessions start in default)',
    ]);
  });

  it("keeps its own copy: changing the caller's object afterwards changes no session", () => {
    const definitions = structuredClone(TEAM);
    const handlers = createMfaHandlers({ scenarios: definitions });
    definitions.flashback!['kim-enrolled']!.world!.users![0]!.email = 'changed@acme.example';
    handlers.session('copy').useScenario('kim-enrolled', 'flashback');
    expect(handlers.session('copy').state()['flashback/kim-enrolled']!.users.usr_kim!.email).toBe('kim@acme.example');
  });

  it('says each warning once on the console, as a start prints them', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createMfaHandlers({ scenarios: { lerian: { mine: TEAM.lerian!.default! } } });
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      expect.stringMatching(/^mfa-sandbox\/msw: warning: scenarios\.lerian\.mine#\/world\/org: lerian never reads org/),
      expect.stringMatching(/^mfa-sandbox\/msw: warning: scenarios\.lerian\.mine#\/world: /),
    ]);
  });
});

describe('a scenario object with mistakes', () => {
  const BROKEN = {
    flashback: {
      'typo-and-spec': {
        description: 'a typo, a bad enum, an override the spec lacks',
        world: { users: [{ id: 'usr_x', emial: 'x@example.com', token: 'x-token', role: 'member' }] },
        overrides: [{ operationId: 'getMFAStatus', status: 302 }],
      },
    },
  };

  it('is refused with every problem at its JSON pointer, the same problems `check` finds in the same scenario as a file', async () => {
    const refusal = (() => {
      try {
        createMfaHandlers({ scenarios: BROKEN as unknown as ScenarioDefinitions });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(ScenarioProblems);
    const fromObjects = (refusal as ScenarioProblems).problems.map(({ pointer, reason }) => `${pointer}: ${reason}`);
    expect(fromObjects).toContain('/world/users/0/emial: unknown field "emial" (did you mean "email"?)');
    expect(fromObjects.some((line) => line.startsWith('/world/users/0/role: must be one of:'))).toBe(true);

    // The same scenario as a file, in a server's scenario directory.
    const dir = await mkdtemp(join(tmpdir(), 'mfa-msw-objects-'));
    try {
      await mkdir(join(dir, 'flashback'));
      await writeFile(join(dir, 'flashback', 'typo-and-spec.yaml'), stringify(BROKEN.flashback['typo-and-spec']));
      const fromFile = await createSandbox({ scenariosDir: dir }).then(
        async (sandbox) => (await sandbox.close(), []),
        (error: unknown) => (error as ServerScenarioProblems).problems.map(({ pointer, reason }) => `${pointer}: ${reason}`),
      );
      expect(fromObjects).toEqual(fromFile);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names a surface that does not exist, a name that is not kebab-case, and an override its operation cannot give', () => {
    const problems = (definitions: unknown) => {
      try {
        createMfaHandlers({ scenarios: definitions as ScenarioDefinitions });
      } catch (error) {
        return (error as ScenarioProblems).problems.map((problem) => problem.message);
      }
      return [];
    };
    expect(problems({ flashbak: {} })).toEqual([expect.stringMatching(/^scenarios\.flashbak: no surface "flashbak" \(did you mean "flashback"\?\)/)]);
    expect(problems({ flashback: { 'My Case': { description: 'x' } } })).toEqual([
      'scenarios.flashback.My Case: scenario names are kebab-case (got "My Case"; rename it my-case)',
    ]);
    expect(problems({ flashback: { spec: { description: 'x', overrides: [{ operationId: 'getMFAStatus', status: 302 }] } } })).toEqual([
      expect.stringMatching(/^scenarios\.flashback\.spec#\/overrides\/0\/status: getMFAStatus declares no 302 response/),
    ]);
    expect(problems([])).toEqual([expect.stringMatching(/^scenarios: must be an object of surfaces/)]);
  });
});
