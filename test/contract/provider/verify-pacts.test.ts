import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Sandbox } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';
import { formatVerificationReport } from '../../../src/contracts/format-verification-report.js';
import { verifyPactFile } from '../../../src/contracts/verify-pact-file.js';
import { verifyPacts, type ListeningSandbox } from '../../../src/contracts/verify-pacts.js';
import type { SurfaceId } from '../../../src/surfaces/registry.js';
import { ADA_FLASHBACK, consumerPactFiles, createFixtureDir, writePactFile, type FixtureInteraction } from '../pact-fixtures.js';
import { settledNow } from '../../harness/settled-now.js';

/**
 * Provider verification: the real Pact verifier replays every pact in pacts/ against a listening mock (port 0), each
 * interaction in its own X-Mock-Session, its provider states activating scenarios. The mock validates its own
 * responses against the specs here, so an interaction can only pass with a response the spec allows.
 */

let sandbox: Sandbox;
let listening: ListeningSandbox;
let fixtures: string;
const pactFiles = await consumerPactFiles();
const totals = { pacts: 0, interactions: 0, ms: 0 };

beforeAll(async () => {
  sandbox = await buildApp({ ...DEFAULT_CONFIG, logLevel: 'silent', validateResponses: true });
  const url = await sandbox.app.listen({ port: 0, host: '127.0.0.1' });
  listening = { sessions: sandbox.sessions, specs: sandbox.specs, surfaceUrl: (surface) => `${url}/${surface}` };
  fixtures = await createFixtureDir();
});

afterAll(async () => {
  await sandbox?.app.close();
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
  console.log(
    `provider verification: ${totals.pacts} pact files, ${totals.interactions} interactions verified against the mock in ${Math.round(totals.ms)} ms`,
  );
});

/** Verify one hand-written pact for a surface and return its single result. */
async function verifyFixture(surface: SurfaceId, interactions: FixtureInteraction[]) {
  const file = await writePactFile(fixtures, `fixture-${Math.random().toString(36).slice(2, 8)}`, surface, interactions);
  return verifyPactFile({ file, providerName: surface, surface, surfaceUrl: listening.surfaceUrl(surface), sessions: sandbox.sessions });
}

const statusRequest = { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK };
const NO_MFA = { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } };

describe('every consumer pact is honoured by the mock and allowed by its spec', () => {
  it.each(pactFiles.map((file) => [basename(file), file] as const))('%s', async (_name, file) => {
    const report = await verifyPacts(file, listening);
    const [pact] = report.pacts;
    expect(report.ok, formatVerificationReport(report).join('\n')).toBe(true);
    expect(pact!.interactions).toBeGreaterThan(0);
    expect(pact!.mock!.interactions).toHaveLength(pact!.interactions);
    totals.pacts += 1;
    totals.interactions += pact!.interactions;
    totals.ms += report.durationMs;
  });
});

describe('provider states', () => {
  it('fail verification with a clear message when the sandbox does not know the state', async () => {
    const result = await verifyFixture('flashback', [
      {
        description: 'status under a state nobody defined',
        states: [{ name: 'the moon is full' }],
        request: statusRequest,
        response: { status: 200, body: NO_MFA },
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.stateFailures).toEqual([
      { state: 'the moon is full', message: expect.stringContaining('unknown provider state "the moon is full"; the sandbox knows:'), interaction: 0 },
    ]);
    expect(result.stateFailures[0]!.message).toContain('MFA is enforced by the organisation');
    expect(result.interactions).toEqual([
      { description: 'status under a state nobody defined', ok: false, problems: [expect.stringContaining('state change')] },
    ]);
  });

  it('fail when the state does not hold in its scenario (the mock does not pretend)', async () => {
    const result = await verifyFixture('flashback', [
      { description: "Bob's status", states: [{ name: 'user usr_bob has MFA enabled' }], request: statusRequest, response: { status: 200 } },
    ]);
    expect(result.ok).toBe(false);
    expect(result.stateFailures[0]!.message).toBe(
      'provider state "user usr_bob has MFA enabled" does not hold in scenario "mfa-enabled" of flashback: user usr_bob has no MFA there',
    );
  });

  it('fail when the surface has no such scenario', async () => {
    const result = await verifyFixture('lerian', [
      {
        description: 'status under enforcement',
        states: [{ name: 'MFA is enforced by the organisation' }],
        request: { method: 'GET', path: '/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa', headers: { Authorization: 'Bearer lerian-token-johndoe' } },
        response: { status: 200 },
      },
    ]);
    expect(result.stateFailures[0]!.message).toContain('needs scenario "org-enforced", which lerian does not have');
  });

  it('take a user from the Pact state parameters, and activate the scenario they name', async () => {
    const result = await verifyFixture('flashback', [
      {
        description: 'status of a user with MFA, named by parameter',
        states: [{ name: 'the user has MFA enabled', params: { userId: 'usr_ada' } }],
        request: statusRequest,
        response: {
          status: 200,
          body: {
            success: true,
            data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], primaryMethod: 'GOOGLE_AUTH' },
          },
        },
      },
    ]);
    expect(result.stateFailures).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('run each interaction in its own session, never the default one', async () => {
    const before = new Set(settledNow(sandbox.sessions.ids()));
    const interactions = [1, 2, 3].map((n) => ({
      description: `status ${n}`,
      states: [{ name: 'the user has no MFA' }],
      request: statusRequest,
      response: { status: 200, body: NO_MFA },
    }));
    expect((await verifyFixture('flashback', interactions)).ok).toBe(true);
    const created = settledNow(sandbox.sessions.ids()).filter((id) => !before.has(id));
    expect(created).toHaveLength(3);
    for (const id of created) expect(settledNow(sandbox.sessions.journal(id)).map((entry) => entry.operationId)).toEqual(['getMFAStatus']);
    expect(settledNow(sandbox.sessions.read('default'))).toBeUndefined();
  });
});

describe('GenAuth pacts: signed afresh only as recorded', () => {
  const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';
  const SIGNED = {
    authorization: 'GenAuth genauth-sandbox-key:c2lnbmF0dXJl',
    date: 'Sun, 23 Nov 2025 16:21:00 GMT',
    'x-genauth-signature-nonce': '3f1c2a9b8e7d6c5b4a39281706f5e4d3',
    'x-genauth-signature-method': 'HMAC-SHA1',
    'x-genauth-signature-version': '1.0',
  };
  const statusOf = (headers: Record<string, string>): FixtureInteraction => ({
    description: 'the MFA status of a user without MFA',
    states: [{ name: 'the user has no MFA' }],
    request: { method: 'GET', path: '/api/v3/get-mfa-status', query: { userId: [GENAUTH_USER] }, headers },
    response: { status: 200, body: { statusCode: 200 } },
  });

  it('verifies a request recorded with the signing headers, signed again at replay', async () => {
    const result = await verifyFixture('genauth', [statusOf(SIGNED)]);
    expect(result.ok, result.interactions[0]?.problems.join('\n')).toBe(true);
  });

  it.each([
    ['a bearer token instead of a signature', { authorization: 'Bearer abc' }, 'the Authorization header is missing or not "GenAuth'],
    [
      'a signature without the date it covers',
      { authorization: SIGNED.authorization, 'x-genauth-signature-nonce': SIGNED['x-genauth-signature-nonce'] },
      'neither date nor x-genauth-date is sent; what would pass: a date header',
    ],
    [
      "an authing Authorization over the GenAuth scheme's headers",
      { ...SIGNED, date: undefined, authorization: 'authing genauth-sandbox-key:c2lnbmF0dXJl', 'x-genauth-date': SIGNED.date },
      'neither date nor x-authing-date is sent: x-genauth-date is a header of the GenAuth scheme, and this Authorization is "authing ..."',
    ],
  ])('fails a request recorded with %s: it is replayed as recorded, refused as GenAuth refuses it, and says why', async (_what, headers, reason) => {
    const recorded = Object.fromEntries(Object.entries(headers).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const result = await verifyFixture('genauth', [statusOf(recorded)]);
    expect(result.ok).toBe(false);
    const { problems } = result.interactions[0]!;
    expect(problems.join('\n')).toContain('$.statusCode');
    // The verifier's own problem names only the statusCode; the sandbox's reason stands beside it.
    expect(problems).toContainEqual(expect.stringContaining(`the sandbox refused the request's credentials inside an HTTP 200, as the vendor does: ${reason}`));
  });

  it.each([
    ['a bearer token instead of a signature', { authorization: 'Bearer abc' }],
    ['a signature without the date it covers', { authorization: SIGNED.authorization, 'x-genauth-signature-nonce': SIGNED['x-genauth-signature-nonce'] }],
  ])('fails a request recorded with %s also when type matchers accept the refusal GenAuth answers inside its HTTP 200', async (_what, headers) => {
    // `statusCode: integer(200)` matches the refusal's 401: it verified green, though GenAuth refuses every such request.
    const loose: FixtureInteraction = {
      ...statusOf(headers),
      response: { status: 200, body: { statusCode: 200 }, matchingRules: { '$.statusCode': [{ match: 'integer' }] } },
    };
    const result = await verifyFixture('genauth', [loose]);
    expect(result.ok).toBe(false);
    expect(result.interactions[0]!.problems).toEqual([
      expect.stringMatching(
        /^the sandbox refused the request's credentials inside an HTTP 200, as the vendor does \(.+\), and the pact's matchers accepted that answer/,
      ),
    ]);
    // Signed, the same loose pact passes; a pact that expects the refusal itself passes unsigned.
    expect((await verifyFixture('genauth', [{ ...loose, request: statusOf(SIGNED).request }])).ok).toBe(true);
    const refusal: FixtureInteraction = { ...statusOf(headers), response: { status: 200, body: { statusCode: 401 } } };
    const expected = await verifyFixture('genauth', [refusal]);
    expect(expected.ok, expected.interactions[0]?.problems.join('\n')).toBe(true);
  });
});

describe('a request body recorded without its Content-Type', () => {
  it("fails at once with the sandbox's reason, instead of waiting 30 s for bytes the verifier's proxy never sends", async () => {
    const started = performance.now();
    const result = await verifyFixture('flashback', [
      {
        description: 'a TOTP setup whose body has no Content-Type',
        states: [{ name: 'the user has no MFA' }],
        request: { method: 'POST', path: '/mfa/setup', headers: ADA_FLASHBACK, body: { mfaType: 'GOOGLE_AUTH' }, untypedBody: true },
        response: { status: 200, body: { success: true } },
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.interactions[0]!.problems.join('\n')).toContain('expected 200 but was 400');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('a pact the mock does not honour', () => {
  it('fails with the mismatch the verifier found', async () => {
    const result = await verifyFixture('flashback', [
      {
        description: 'an enforced status for a user whose organisation does not enforce MFA',
        states: [{ name: 'the user has no MFA' }],
        request: statusRequest,
        response: { status: 200, body: { ...NO_MFA, data: { ...NO_MFA.data, isEnforced: true } } },
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.interactions[0]!.problems.join('\n')).toContain('$.data.isEnforced');
  });
});

describe('what a verification must not pass, or fail, by mistake', () => {
  const MFA_ON = {
    success: true,
    data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], primaryMethod: 'GOOGLE_AUTH' },
  };

  it('judges two interactions that share a description (legal in Pact) each on its own', async () => {
    const result = await verifyFixture('flashback', [
      { description: 'the MFA status', states: [{ name: 'the user has MFA enabled' }], request: statusRequest, response: { status: 200, body: NO_MFA } },
      { description: 'the MFA status', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200, body: NO_MFA } },
      { description: 'the MFA status', states: [{ name: 'the user has MFA enabled' }], request: statusRequest, response: { status: 200, body: MFA_ON } },
    ]);
    expect(result.interactions.map((interaction) => [interaction.ok, interaction.problems.length > 0])).toEqual([
      [false, true],
      [true, false],
      [true, false],
    ]);
  });

  it('gives each failure to its own interaction when one description ends with " - " and another (the verifier names both so)', async () => {
    const result = await verifyFixture('flashback', [
      { description: 'status', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200, body: MFA_ON } },
      {
        description: 'admin view - status',
        states: [{ name: 'the user has no MFA' }],
        request: statusRequest,
        response: { status: 200, body: { ...NO_MFA, data: { ...NO_MFA.data, isRequired: true } } },
      },
    ]);
    const [status, adminView] = result.interactions;
    expect(status!.problems.join('; ')).toContain('$.data.isEnabled');
    expect(status!.problems.join('; ')).not.toContain('$.data.isRequired');
    expect(adminView!.problems.join('; ')).toContain('$.data.isRequired');
    expect(adminView!.problems.join('; ')).not.toContain('$.data.isEnabled');
  });

  it('gives a failed provider state to the interaction that failed it, not to another giving the same state', async () => {
    const failing = { name: 'the identity service is failing' };
    const file = await writePactFile(fixtures, 'same-state-web', 'flashback', [
      { description: 'the vendor fails', states: [failing], request: statusRequest, response: { status: 500 } },
      // Two states naming two scenarios: the second cannot be set up, and fails this interaction alone.
      {
        description: 'the vendor fails for a user with MFA',
        states: [{ name: 'the user has MFA enabled' }, failing],
        request: statusRequest,
        response: { status: 500 },
      },
      { description: 'the vendor fails again', states: [failing], request: statusRequest, response: { status: 500 } },
    ]);
    const report = await verifyPacts(file, listening);
    const results = report.pacts[0]!.results;
    expect(results.map(({ description, ok }) => [description, ok])).toEqual([
      ['the vendor fails', true],
      ['the vendor fails for a user with MFA', false],
      ['the vendor fails again', true],
    ]);
    expect(results[1]!.mockProblems[0]).toMatch(/^provider state "the identity service is failing": .*mfa-enabled/);

    // A pending interaction that fails a state another interaction sets up fine fails nothing but itself.
    const pending = await writePactFile(fixtures, 'pending-state-web', 'flashback', [
      { description: 'status with MFA', states: [{ name: 'the user has MFA enabled' }], request: statusRequest, response: { status: 200, body: MFA_ON } },
      {
        description: "a stranger's status",
        states: [{ name: 'the user has MFA enabled', params: { userId: 'usr_nobody' } }],
        request: statusRequest,
        response: { status: 200, body: MFA_ON },
        pending: true,
      },
    ]);
    const pendingReport = await verifyPacts(pending, listening);
    expect(pendingReport.ok, formatVerificationReport(pendingReport).join('\n')).toBe(true);
    expect(pendingReport.pacts[0]!.results.map(({ ok }) => ok)).toEqual([true, false]);
  });

  it('fails a pact file the spec check cannot read on its own, naming its field, and verifies the other files', async () => {
    const dir = await createFixtureDir();
    try {
      await writePactFile(dir, 'good-web', 'flashback', [
        { description: 'status', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200, body: NO_MFA } },
      ]);
      const bad = await writePactFile(dir, 'bad-web', 'flashback', [{ description: 'status', request: statusRequest, response: { status: 200 } }]);
      const pact = JSON.parse(await readFile(bad, 'utf8')) as { interactions: Array<{ response: { status: unknown } }> };
      pact.interactions[0]!.response.status = '200';
      await writeFile(bad, JSON.stringify(pact));
      const report = await verifyPacts(dir, listening);
      expect(report.pacts.map(({ consumer, ok }) => [consumer, ok])).toEqual([
        ['bad-web', false],
        ['good-web', true],
      ]);
      expect(report.pacts[0]!.error).toBe(`${bad}: the pact cannot be read (interaction 0 ("status"): response.status must be number)`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a pact whose provider names another surface than --surface, instead of failing each of its requests', async () => {
    const nestAuthStatus = { method: 'GET', path: '/auth/mfa/status', headers: { Authorization: 'Bearer nest-auth-token-ada' } };
    const nestAuthPact = await writePactFile(fixtures, 'web', 'Nest Auth API', [{ description: 'status', request: nestAuthStatus, response: { status: 200 } }]);
    const report = await verifyPacts(nestAuthPact, listening, 'flashback');
    expect(report.ok).toBe(false);
    expect(report.pacts[0]!.error).toContain('provider "Nest Auth API" is nest-auth, not flashback (--surface, or MFA_SANDBOX_SURFACE)');
    // Named for nest-auth but made of flashback's requests (a copied provider name): --surface flashback verifies it.
    const misnamed = await writePactFile(fixtures, 'misnamed-web', 'Nest Auth API', [
      { description: 'status', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200 } },
    ]);
    expect((await verifyPacts(misnamed, listening, 'flashback')).ok).toBe(true);
    // A provider name that names no surface, or the same one, is verified as --surface says.
    const ownName = await writePactFile(fixtures, 'web', 'mfa-backend', [
      { description: 'status', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200 } },
    ]);
    expect((await verifyPacts(ownName, listening, 'flashback')).ok).toBe(true);
  });

  it("names the fix for a path recorded with the sandbox's surface prefix (the spec check and the mock said only that no such path exists)", async () => {
    const file = await writePactFile(fixtures, 'prefixed-web', 'flashback', [
      {
        description: 'status',
        states: [{ name: 'the user has no MFA' }],
        request: { ...statusRequest, path: '/flashback/mfa/status' },
        response: { status: 200 },
      },
    ]);
    const report = await verifyPacts(file, listening);
    expect(report.ok).toBe(false);
    expect(report.pacts[0]!.results[0]!.specProblems).toContainEqual(
      "request.path.sandbox-prefix: the path /flashback/mfa/status starts with the sandbox's prefix /flashback, which belongs in the client's base URL (http://localhost:4010/flashback), not in the pact: record the vendor's path (/mfa/status) ([root].interactions[0].request.path)",
    );
  });

  it('names the consumer and provider of a pact refused before verification (no interactions), as its reports show them', async () => {
    const empty = await writePactFile(fixtures, 'empty-web', 'flashback', []);
    const report = await verifyPacts(empty, listening);
    expect(report.pacts[0]).toMatchObject({ consumer: 'empty-web', provider: 'flashback', ok: false, error: expect.stringContaining('no interactions') });
  });

  it("passes a pact whose only failures are a pending interaction's (not fatal, as Pact has it), reported as pending", async () => {
    const noMfa = [{ name: 'the user has no MFA' }];
    const newExpectation: FixtureInteraction = {
      description: 'a status the provider does not answer yet',
      states: noMfa,
      request: statusRequest,
      response: { status: 201, body: NO_MFA },
      pending: true,
    };
    const file = await writePactFile(fixtures, 'pending-web', 'flashback', [
      { description: 'the MFA status', states: noMfa, request: statusRequest, response: { status: 200, body: NO_MFA } },
      newExpectation,
      { description: 'a pending one that passes', states: noMfa, request: statusRequest, response: { status: 200, body: NO_MFA }, pending: true },
    ]);
    const report = await verifyPacts(file, listening);
    expect(report.ok, formatVerificationReport(report).join('\n')).toBe(true);
    expect(report.pacts[0]!.results.map(({ pending, ok }) => [pending, ok])).toEqual([
      [false, true],
      [true, false],
      [true, true],
    ]);
    expect(report.pacts[0]!.results[1]).toMatchObject({
      specProblems: [expect.stringMatching(/^response\.status\.unknown: .*201/)],
      mockProblems: [expect.stringMatching(/expected 201 but was 200/)],
    });

    // The same failure, not pending, fails the pact; and a pending failure does not hide another interaction's.
    const failing = await writePactFile(fixtures, 'pending-and-failing-web', 'flashback', [
      newExpectation,
      { ...newExpectation, description: 'the same, not pending', pending: false },
    ]);
    const failed = await verifyPacts(failing, listening);
    expect(failed.ok).toBe(false);
    expect(failed.pacts[0]!.results.map(({ pending, ok }) => [pending, ok])).toEqual([
      [true, false],
      [false, false],
    ]);
  });

  /** A one-interaction pact whose request body's `code` comes from a provider state, as `fromProviderState` records it. */
  async function pactWithCodeFrom(name: string, provider: string, interaction: FixtureInteraction, expression: string): Promise<string> {
    const file = await writePactFile(fixtures, name, provider, [interaction]);
    const pact = JSON.parse(await readFile(file, 'utf8')) as { interactions: Array<{ request: Record<string, unknown> }> };
    pact.interactions[0]!.request.generators = { body: { '$.code': { type: 'ProviderState', expression } } };
    await writeFile(file, JSON.stringify(pact));
    return file;
  }

  it('fails a fromProviderState name no state provides (a typo: the example value was sent instead)', async () => {
    const login = {
      description: 'a login with the current code',
      states: [{ name: 'the user has MFA enabled' }],
      request: {
        method: 'POST',
        path: '/mfa/verify-login',
        headers: { ...ADA_FLASHBACK, 'Content-Type': 'application/json' },
        body: { mfaType: 'GOOGLE_AUTH', code: '123456' },
      },
      response: { status: 400 },
    };
    const file = await pactWithCodeFrom('typo-web', 'flashback', login, '${totpKode}');
    const report = await verifyPacts(file, listening);
    expect(report.ok).toBe(false);
    expect(report.pacts[0]!.results[0]!.specProblems).toEqual([
      expect.stringMatching(/^provider-state\.expression\.unknown: fromProviderState \$\{totpKode\}/),
    ]);
  });

  it("passes a path built from the state's own userId parameter, read back with fromProviderState (not a typo)", async () => {
    const johnDoe = '019c96a0-0c21-71f9-a487-66a1258278a1';
    const status = {
      description: "the status of the user the state names, at the path the state's parameter makes",
      // In capitals, as a pact may write it: the sandbox hands back the id as its world files it, which its route takes.
      states: [{ name: 'the user has MFA enabled', params: { userId: johnDoe.toUpperCase() } }],
      request: { method: 'GET', path: '/v1/users/00000000-0000-7000-8000-000000000000/mfa', headers: { Authorization: 'Bearer lerian-token-operator' } },
      response: { status: 200 },
    };
    const file = await writePactFile(fixtures, 'state-param-web', 'lerian', [status]);
    const pact = JSON.parse(await readFile(file, 'utf8')) as { interactions: Array<{ request: Record<string, unknown> }> };
    pact.interactions[0]!.request.generators = { path: { type: 'ProviderState', expression: '/v1/users/${userId}/mfa' } };
    await writeFile(file, JSON.stringify(pact));
    const report = await verifyPacts(file, listening);
    // The example path's user does not exist (a 404 IDE-1003): only the id handed back makes the 200 pass.
    expect(report.ok, formatVerificationReport(report).join('\n')).toBe(true);
    expect(report.pacts[0]!.results[0]!.specProblems).toEqual([]);
  });

  it("fails a fromProviderState name the surface's state does not provide there (nest-auth's TOTP setup hands out no recovery code)", async () => {
    const recovery = {
      description: 'a recovery code after the setup',
      states: [{ name: 'the user has verified TOTP setup' }],
      request: {
        method: 'POST',
        path: '/auth/mfa/verify-recovery-code',
        headers: { Authorization: 'Bearer nest-auth-token-ada', 'Content-Type': 'application/json' },
        body: { code: 'AAAA-BBBB' },
      },
      response: { status: 200 },
    };
    const file = await pactWithCodeFrom('recovery-web', 'nest-auth', recovery, '${recoveryCode}');
    const report = await verifyPacts(file, listening);
    expect(report.pacts[0]!.results[0]!.specProblems).toEqual([
      expect.stringMatching(
        /^provider-state\.expression\.unknown: fromProviderState \$\{recoveryCode\}: its provider states provide userId, totpSecret, so the verifier sent the example value/,
      ),
    ]);
  });

  it('fails an interaction that scripts the mock with Prefer (the vendor ignores it), and passes one that only slows it', async () => {
    const failure = { success: false, error: 'Failed to get MFA status' };
    const file = await writePactFile(fixtures, 'scripting-web', 'flashback', [
      {
        description: 'status fails',
        states: [{ name: 'the user has no MFA' }],
        request: { ...statusRequest, headers: { ...ADA_FLASHBACK, Prefer: 'code=500' } },
        response: { status: 500, body: failure },
      },
      {
        description: 'status, slowly',
        states: [{ name: 'the user has no MFA' }],
        request: { ...statusRequest, headers: { ...ADA_FLASHBACK, Prefer: 'latency=5' } },
        response: { status: 200, body: NO_MFA },
      },
    ]);
    const report = await verifyPacts(file, listening);
    expect(report.ok).toBe(false);
    const [scripted, slowed] = report.pacts[0]!.results;
    // The mock obeyed the header (it answered the 500 the pact expects): only this check can tell.
    expect(scripted!.mockProblems).toEqual([]);
    expect(scripted!.specProblems).toEqual([expect.stringMatching(/^request\.header\.sandbox-control: Prefer: code=500 scripts the sandbox's answer/)]);
    expect(slowed!.ok).toBe(true);
  });

  it("fails the interactions the Pact verifier's own filter left out, saying which variable is set", async () => {
    const file = await writePactFile(fixtures, 'filtered-web', 'flashback', [
      { description: 'status without MFA', states: [{ name: 'the user has no MFA' }], request: statusRequest, response: { status: 200, body: NO_MFA } },
      { description: 'status with MFA', states: [{ name: 'the user has MFA enabled' }], request: statusRequest, response: { status: 200, body: MFA_ON } },
    ]);
    process.env.PACT_DESCRIPTION = 'status with MFA';
    try {
      const report = await verifyPacts(file, listening);
      expect(report.ok).toBe(false);
      const [left, replayed] = report.pacts[0]!.results;
      expect(left!.mockProblems).toEqual([expect.stringContaining('no result from the Pact verifier (PACT_DESCRIPTION=status with MFA is set')]);
      expect(replayed!.ok).toBe(true);
      // The summary says which check failed, as for any other failure of the mock.
      expect(formatVerificationReport(report).at(-1)).toMatch(/: 1 pact file\(s\) FAILED \(mock: 1\) in /);
    } finally {
      delete process.env.PACT_DESCRIPTION;
    }
  });
});
