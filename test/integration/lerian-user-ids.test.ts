import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createControlledClock, createSandbox, type RunningSandbox } from '../../src/index.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * Lerian user ids are UUIDs, which the service stores (PostgreSQL uuid) and prints in lower case: the sandbox files
 * every Lerian user under the id in lower case and reads an id in any letter case as that one, on the vendor routes,
 * in the admin API and in the QA helpers alike (the spec's decision on UserId). Over a real port, as a user's suite runs it.
 */

const JOHN = '019c96a0-0c21-71f9-a487-66a1258278a1';
const JOHN_UPPER = JOHN.toUpperCase();
/** A user the scenario below writes in upper case, and one it writes in lower case. */
const UPPER_WRITTEN = '0190AAAA-0000-7000-8000-00000000000A';
const LOWER_WRITTEN = '0190aaaa-0000-7000-8000-00000000000b';
const OPERATOR = { authorization: 'Bearer lerian-token-operator' };
const SCENARIO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // John's device in lerian/mfa-enabled
const IDE_1003 = { code: 'IDE-1003', title: 'User ID Not Found', message: 'The provided user ID does not exist in our records.' };

const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
let sandbox: RunningSandbox;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-lerian-ids-'));
  await mkdir(join(dir, 'lerian'));
  await writeFile(
    join(dir, 'lerian', 'ids.yaml'),
    [
      'description: one user written in upper case, one in lower case',
      'world:',
      '  users:',
      `    - { id: ${UPPER_WRITTEN}, email: upper@example.com }`,
      `    - { id: ${LOWER_WRITTEN}, email: lower@example.com }`,
      `    - { id: 019c96a0-0000-7000-8000-0000000000ad, email: operator@example.com, token: lerian-token-operator, role: ADMINISTRATOR }`,
    ].join('\n'),
  );
  sandbox = await createSandbox({ clock, scenariosDir: dir });
});
afterAll(async () => {
  await sandbox.close();
});

const statusOf = (session: string, userId: string) =>
  fetch(`${sandbox.url}/lerian/v1/users/${userId}/mfa`, { headers: { ...OPERATOR, ...sandbox.session(session).headers } });
const admin = (path: string, init: RequestInit = {}) =>
  fetch(`${sandbox.url}/__admin${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('Lerian user ids in any letter case', () => {
  it('a scenario user written in upper case answers in lower case too, and is kept in lower case', async () => {
    const qa = sandbox.session('ids-case');
    qa.useScenario('ids', 'lerian');
    for (const id of [UPPER_WRITTEN, UPPER_WRITTEN.toLowerCase(), LOWER_WRITTEN, LOWER_WRITTEN.toUpperCase()]) {
      expect((await statusOf('ids-case', id)).status, id).toBe(200);
    }
    expect(Object.keys(qa.state()['lerian/ids']!.users)).toEqual([UPPER_WRITTEN.toLowerCase(), LOWER_WRITTEN, '019c96a0-0000-7000-8000-0000000000ad']);
    const missing = await statusOf('ids-case', '0190AAAA-0000-7000-8000-00000000000C');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual(IDE_1003);
  });

  it("QA's lock (admin API) finds the shipped user by an upper-case id, and the vendor routes then refuse him in either case", async () => {
    const locked = await admin(`/sessions/ids-lock/users/${JOHN_UPPER}/lock`, { method: 'PUT', body: JSON.stringify({ locked: true, surface: 'lerian' }) });
    expect(locked.status).toBe(200);
    expect(await locked.json()).toEqual({ session: 'ids-lock', userId: JOHN, locked: true, worlds: [{ surface: 'lerian', scenario: 'default' }] });
    for (const id of [JOHN, JOHN_UPPER]) {
      const refused = await statusOf('ids-lock', id);
      expect(refused.status, id).toBe(403);
      expect(((await refused.json()) as { code: string }).code).toBe('IDE-1015');
    }
    const unlocked = await admin(`/sessions/ids-lock/users/${JOHN_UPPER}/lock`, { method: 'PUT', body: JSON.stringify({ locked: false }) });
    expect(unlocked.status).toBe(200);
    expect((await statusOf('ids-lock', JOHN)).status).toBe(200);
  });

  it('qa.lockUser, qa.totpCode and outbox filters take an upper-case Lerian id as the user it names', async () => {
    const qa = sandbox.session('ids-helpers');
    expect(qa.lockUser(JOHN_UPPER, { surface: 'lerian' })).toEqual([{ surface: 'lerian', scenario: 'default' }]);
    expect((await statusOf('ids-helpers', JOHN)).status).toBe(403);
    qa.lockUser(JOHN_UPPER, { locked: false });
    expect((await statusOf('ids-helpers', JOHN)).status).toBe(200);

    qa.useScenario('mfa-enabled', 'lerian');
    expect(qa.totpCode(JOHN_UPPER)).toBe(authenticatorCode(SCENARIO_SECRET, 0, clock.now()));

    const setup = await fetch(`${sandbox.url}/lerian/v1/users/${JOHN_UPPER}/mfa/setup`, {
      method: 'POST',
      headers: { ...OPERATOR, ...qa.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ mfaType: 'email' }),
    });
    expect(setup.status).toBe(200);
    const message = await qa.waitForMessage({ userId: JOHN_UPPER }, { timeoutMs: 0, after: 0 });
    expect(message).toMatchObject({ surface: 'lerian', userId: JOHN, to: 'johndoe@example.com' });
    const listed = (await (await admin(`/sessions/ids-helpers/outbox?userId=${JOHN_UPPER}`)).json()) as unknown[];
    expect(listed).toHaveLength(1);
  });

  it('a session file that files a Lerian user under an upper-case id, or one that is no UUID, is refused on import', async () => {
    const exported = (await (await admin('/sessions/ids-export/export')).json()) as {
      session: { worlds: Record<string, { users: Record<string, { id: string }> }> };
    };
    const users = exported.session.worlds['lerian/default']!.users;
    users[JOHN_UPPER] = { ...users[JOHN]!, id: JOHN_UPPER };
    delete users[JOHN];
    users['not-a-uuid'] = { ...users[JOHN_UPPER], id: 'not-a-uuid' };
    const imported = await admin('/sessions/ids-import/import', { method: 'POST', body: JSON.stringify(exported) });
    expect(imported.status).toBe(422);
    const problems = ((await imported.json()) as { problems: Array<{ pointer: string; reason: string; message: string }> }).problems;
    const upperCase = `user "${JOHN_UPPER}": lerian files users under the id as it stores it, "${JOHN}" (as an export writes it)`;
    const notUuid =
      'user "not-a-uuid" is not a UUID: lerian user ids are (the spec\'s UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003)';
    expect(problems).toEqual([
      { pointer: `/session/worlds/lerian~1default/users/${JOHN_UPPER}`, reason: upperCase, message: upperCase },
      { pointer: '/session/worlds/lerian~1default/users/not-a-uuid', reason: notUuid, message: notUuid },
    ]);
  });
});
