import { readFile, rm, writeFile } from 'node:fs/promises';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../../src/index.js';
import { startSandboxProcess, type ChildServer } from '../../harness/child-server.js';
import { ADA_FLASHBACK, createFixtureDir, writePactFile, type FixtureInteraction } from '../pact-fixtures.js';

/**
 * A team's own Pact Verifier (the real one, from @pact-foundation/pact) against a sandbox running as `mfa-sandbox
 * serve`, as a CI with a Pact Broker runs it: requests into one session through the /s/<id>/ prefix, provider states
 * through the sandbox's providerStatesSetupUrl. Nothing of `mfa-sandbox verify` takes part.
 */
let sandbox: ChildServer;
let fixtures: string;

beforeAll(async () => {
  sandbox = await startSandboxProcess(); // --log-level warn
  fixtures = await createFixtureDir();
}, 30_000);

afterAll(async () => {
  await sandbox?.stop();
  if (fixtures) await rm(fixtures, { recursive: true, force: true });
});

const NO_MFA = { success: true, data: { isEnabled: false, isRequired: false, isEnforced: false, enabledMethods: [] } };
const status = { method: 'GET', path: '/mfa/status', headers: ADA_FLASHBACK };
const json = { ...ADA_FLASHBACK, 'Content-Type': 'application/json' };

/** Write a pact whose request bodies take `code` from a provider state, as `fromProviderState('${totpCode}', ...)` does. */
async function pactWithLiveCodes(name: string, interactions: FixtureInteraction[], codeFrom: number[]): Promise<string> {
  const file = await writePactFile(fixtures, name, 'flashback', interactions);
  const pact = JSON.parse(await readFile(file, 'utf8')) as { interactions: Array<{ request: Record<string, unknown> }> };
  for (const index of codeFrom) pact.interactions[index]!.request.generators = { body: { '$.code': { type: 'ProviderState', expression: '${totpCode}' } } };
  await writeFile(file, JSON.stringify(pact));
  return file;
}

function verifierFor(session: string, file: string): Verifier {
  return new Verifier({
    provider: 'flashback',
    providerBaseUrl: `${sandbox.url}/s/${session}/flashback`,
    providerStatesSetupUrl: `${sandbox.url}/__admin/sessions/${session}/provider-states?surface=flashback`,
    pactUrls: [file],
    logLevel: 'error',
  });
}

describe("Pact's own Verifier against a running sandbox", () => {
  it('sets each interaction up afresh in one session: scenarios, TOTP enrolments and live codes, and states without a scenario', async () => {
    const session = 'own-verifier';
    const file = await pactWithLiveCodes(
      'own-verifier-web',
      [
        { description: 'status while enforced', states: [{ name: 'MFA is enforced by the organisation' }], request: status, response: { status: 200 } },
        // Runs after an interaction in org-enforced: it starts afresh, in the default scenario.
        { description: 'status without states', request: status, response: { status: 200, body: NO_MFA } },
        {
          description: 'verify the new authenticator with its current code',
          states: [{ name: 'the user has started TOTP setup' }],
          request: { method: 'POST', path: '/mfa/verify-setup', headers: json, body: { mfaType: 'GOOGLE_AUTH', code: '000000' } },
          response: { status: 200 },
        },
        {
          description: 'sign in with the current code (two states of one scenario)',
          states: [{ name: 'the user has MFA enabled' }, { name: 'user usr_ada has MFA enabled' }],
          request: { method: 'POST', path: '/mfa/verify-login', headers: json, body: { mfaType: 'GOOGLE_AUTH', code: '000000' } },
          response: { status: 200 },
        },
      ],
      [2, 3],
    );
    await expect(verifierFor(session, file).verifyProvider()).resolves.toBeDefined();
    // Nothing is reset at teardown: the last interaction's request is there to read after a run.
    const journal = (await (await fetch(`${sandbox.url}/__admin/sessions/${session}/journal`)).json()) as Array<{ operationId: string }>;
    expect(journal.map((entry) => entry.operationId)).toEqual(['verifyMFALogin']);
    expect(journal[0]).toMatchObject({ scenario: 'mfa-enabled', status: 200 });
  }, 60_000);

  it('fails an interaction whose state the sandbox cannot set up, and the next interaction still starts afresh', async () => {
    const session = 'own-verifier-unknown';
    const file = await writePactFile(fixtures, 'own-verifier-unknown-web', 'flashback', [
      { description: 'status under a state nobody defined', states: [{ name: 'the moon is full' }], request: status, response: { status: 200 } },
      { description: 'status of a user without MFA', states: [{ name: 'the user has no MFA' }], request: status, response: { status: 200, body: NO_MFA } },
    ]);
    const failed = await verifierFor(session, file)
      .verifyProvider()
      .then(
        () => '',
        (error: Error) => error.message,
      );
    const report = JSON.parse(failed) as { errors: Array<{ interaction: string; mismatch: { message?: string } }> };
    expect(report.errors.map((error) => error.interaction)).toEqual([expect.stringContaining('status under a state nobody defined')]);
    expect(report.errors[0]!.mismatch.message).toMatch(/state change/i);
    // The verifier tells only the status of the refused state change; the sandbox's log tells why.
    const quote = '\\\\?"'; // the log is JSON: its quotes are escaped
    expect(sandbox.output()).toMatch(
      new RegExp(`provider state of session ${quote}${session}${quote} not set up: on flashback: unknown provider state ${quote}the moon is full`),
    );
    // So is a refusal before any state: a misspelt surface, which Pact reports as "Invalid status code: 404" alone.
    const misspelt = await fetch(`${sandbox.url}/__admin/sessions/${session}/provider-states?surface=flashbak`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: '', action: 'setup' }),
    });
    expect(misspelt.status).toBe(404);
    await expect
      .poll(() => sandbox.output())
      .toMatch(new RegExp(`not set up: No surface ${quote}flashbak${quote} \\(did you mean ${quote}flashback${quote}\\?\\)`));
    // And a body refused before the route reads it (a team's own state-change proxy): not JSON, or not sent as JSON.
    for (const [contentType, body, reason] of [
      ['application/json', '{nope', 'The body is not JSON the sandbox reads'],
      ['text/plain', '{"state":""}', 'Send the body as JSON, with Content-Type: application/json'],
    ]) {
      const refused = await fetch(`${sandbox.url}/__admin/sessions/${session}-body/provider-states?surface=flashback`, {
        method: 'POST',
        headers: { 'content-type': contentType! },
        body,
      });
      expect(refused.status).toBe(400);
      await expect.poll(() => sandbox.output()).toMatch(new RegExp(`${session}-body${quote} not set up: ${reason}`));
    }
  }, 60_000);

  it('says in its log when the requests went to another surface than the states were set up on', async () => {
    const session = 'own-verifier-surface';
    const file = await writePactFile(fixtures, 'own-verifier-surface-web', 'flashback', [
      { description: 'status of a user without MFA', states: [{ name: 'the user has no MFA' }], request: status, response: { status: 200, body: NO_MFA } },
    ]);
    const verifier = new Verifier({
      provider: 'flashback',
      providerBaseUrl: `${sandbox.url}/s/${session}/flashback`,
      providerStatesSetupUrl: `${sandbox.url}/__admin/sessions/${session}/provider-states?surface=lerian`, // copied from another job
      pactUrls: [file],
      logLevel: 'error',
    });
    await verifier.verifyProvider().catch(() => undefined); // its verdict is the flashback default's; the log says why it may mislead
    await expect
      .poll(() => sandbox.output())
      .toContain(`session ${session}: the interaction's requests went to flashback, its provider states were set up on lerian`);
  }, 60_000);

  it('says in its log when no request of an interaction reached the session (providerBaseUrl without /s/<session>/)', async () => {
    const session = 'own-verifier-no-prefix';
    const file = await writePactFile(fixtures, 'own-verifier-no-prefix-web', 'flashback', [
      { description: 'status of a user with MFA', states: [{ name: 'the user has MFA enabled' }], request: status, response: { status: 200 } },
    ]);
    const verifier = new Verifier({
      provider: 'flashback',
      providerBaseUrl: `${sandbox.url}/flashback`, // the /s/<session>/ prefix forgotten: the default session answers
      providerStatesSetupUrl: `${sandbox.url}/__admin/sessions/${session}/provider-states?surface=flashback`,
      pactUrls: [file],
      logLevel: 'error',
    });
    await verifier.verifyProvider().catch(() => undefined);
    await expect.poll(() => sandbox.output()).toContain(noRequestReached(session));
  }, 60_000);

  it('says the same when the pact repeats the surface that providerBaseUrl names (each request a 404)', async () => {
    const session = 'own-verifier-surface-twice';
    const file = await writePactFile(fixtures, 'own-verifier-surface-twice-web', 'flashback', [
      {
        description: 'status of a user with MFA',
        states: [{ name: 'the user has MFA enabled' }],
        request: { ...status, path: '/flashback/mfa/status' },
        response: { status: 200 },
      },
    ]);
    const verifier = new Verifier({
      provider: 'flashback',
      providerBaseUrl: `${sandbox.url}/s/${session}/flashback`,
      providerStatesSetupUrl: `${sandbox.url}/__admin/sessions/${session}/provider-states?surface=flashback`,
      pactUrls: [file],
      logLevel: 'error',
    });
    await expect(verifier.verifyProvider()).rejects.toThrow();
    await expect.poll(() => sandbox.output()).toContain(noRequestReached(session));
  }, 60_000);
});

/** The log's word when an interaction's requests never reached a route of its session. */
const noRequestReached = (session: string) =>
  `session ${session}: no request of the interaction reached a flashback route in this session (each would be journalled): ` +
  `does providerBaseUrl carry /s/${session}/, and are the pact's paths the vendor's own, without the /flashback that providerBaseUrl carries? ` +
  `A 404's nearMisses name the routes its path missed`;

describe("Pact's own Verifier against a sandbox with an admin token", () => {
  it('sets up provider states with the token in X-Mock-Admin-Token, the Authorization of every replayed request left the vendor credential', async () => {
    const token = 'ci-admin-token-0123456789';
    const guarded = await createSandbox({ adminToken: token });
    try {
      const session = 'own-verifier-token';
      const file = await writePactFile(fixtures, 'own-verifier-token-web', 'flashback', [
        { description: 'status while enforced', states: [{ name: 'MFA is enforced by the organisation' }], request: status, response: { status: 200 } },
        { description: 'status of a user without MFA', states: [{ name: 'the user has no MFA' }], request: status, response: { status: 200, body: NO_MFA } },
      ]);
      const verifier = (customProviderHeaders?: Record<string, string>) =>
        new Verifier({
          provider: 'flashback',
          providerBaseUrl: `${guarded.url}/s/${session}/flashback`,
          providerStatesSetupUrl: `${guarded.url}/__admin/sessions/${session}/provider-states?surface=flashback`,
          pactUrls: [file],
          logLevel: 'error',
          ...(customProviderHeaders ? { customProviderHeaders } : {}),
        });
      // Without the token every state call is refused (401), and so every interaction fails.
      await expect(verifier().verifyProvider()).rejects.toThrow(/state change/i);
      await expect(verifier({ 'X-Mock-Admin-Token': token }).verifyProvider()).resolves.toBeDefined();
    } finally {
      await guarded.close();
    }
  }, 60_000);
});
