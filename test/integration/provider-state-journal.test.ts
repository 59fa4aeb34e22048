import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type JournalEntry, type RunningSandbox } from '../../src/index.js';

/**
 * A provider state set up on a running sandbox (`providerStatesSetupUrl`, as a team's own Pact Verifier calls it) may
 * walk a TOTP enrolment through the vendor's API: those requests are the sandbox's, journalled in the session beside the
 * consumer's. Over a real port, the journal tells the two apart.
 */
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

const SESSION = 'provider-state-journal';
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

async function setUpState(state: string): Promise<Record<string, string>> {
  const answer = await fetch(`${sandbox.url}/__admin/sessions/${SESSION}/provider-states?surface=flashback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state }),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  return (await answer.json()) as Record<string, string>;
}

describe('the journal of a session whose provider states walked a TOTP enrolment', () => {
  it("marks the sandbox's own vendor requests with the state they set up, and not the consumer's", async () => {
    const state = 'the user has verified TOTP setup';
    await setUpState(state);
    // The interaction's own request, as the verifier sends it through the session's URL prefix.
    const status = await fetch(`${sandbox.url}/s/${SESSION}/flashback/mfa/status`, { headers: ADA });
    expect(status.status).toBe(200);

    const journal = (await (await fetch(`${sandbox.url}/__admin/sessions/${SESSION}/journal`)).json()) as JournalEntry[];
    expect(journal.map((entry) => [entry.method, entry.url, entry.status, entry.madeForProviderState])).toEqual([
      ['POST', '/flashback/mfa/setup', 200, state],
      ['POST', '/flashback/mfa/verify-setup', 200, state],
      ['GET', `/s/${SESSION}/flashback/mfa/status`, 200, undefined],
    ]);
  });
});
