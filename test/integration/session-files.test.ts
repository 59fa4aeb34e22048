import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox, type SandboxError, type SandboxSession, type SessionFile, type SurfaceId } from '../../src/index.js';
import { createMfaHandlers } from '../../src/msw/create-mfa-handlers.js';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { startSandboxProcess } from '../harness/child-server.js';
import { authenticatorCode } from '../harness/totp.js';
import { logMessages } from '../harness/log-messages.js';

/**
 * Shareable sessions: QA exports a session (GET /__admin/sessions/{id}/export, `session.exportFile()`), a developer
 * imports it into another sandbox (POST .../import, `session.importFile()`, `serve --session-file`), and the replay
 * answers as the original did. Each round trip here sends the same requests to both and compares the answers.
 */

const FROZEN_AT = Date.UTC(2026, 0, 1, 9, 0, 10);
const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

let qa: RunningSandbox;
let developer: RunningSandbox;

beforeAll(async () => {
  [qa, developer] = await Promise.all([createSandbox(), createSandbox()]);
});
afterAll(async () => {
  await Promise.all([qa.close(), developer.close()]);
});

interface Target {
  url: string;
  session: string;
}

async function flashback(target: Target, path: string, body?: unknown) {
  const response = await fetch(`${target.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...ADA, 'x-mock-session': target.session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

/** POST a session file's text to the developer's sandbox (`POST /__admin/sessions/{id}/import`). */
/** `serve --port 0` with these arguments as a process, through tsx, for a start that is refused (it stops by itself). */
function serveUntilItStops(args: string[]) {
  return spawnSync(join(process.cwd(), 'node_modules/.bin/tsx'), [join(process.cwd(), 'src/main.ts'), 'serve', '--port', '0', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
}

function importOverHttp(session: string, body: string): Promise<Response> {
  return fetch(`${developer.url}/__admin/sessions/${session}/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}

/** Tokens the sandbox mints at random for each answer: the same in kind, never in value. */
function withoutMintedTokens(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, field: unknown) => (/token/i.test(key) && typeof field === 'string' ? '<minted>' : field));
}

/**
 * Ada sets up an authenticator and asks for a magic link, on a frozen clock, and QA scripts one failure of the methods
 * list: the state a bug report would carry.
 */
async function reproduceOnQa(session: SandboxSession): Promise<{ secret: string }> {
  session.clock.freeze(FROZEN_AT);
  const target = { url: qa.url, session: session.id };
  const setup = (await flashback(target, '/mfa/setup', { mfaType: 'GOOGLE_AUTH' })) as { body: { data: { secret: string } } };
  expect((await flashback(target, '/mfa/verify-setup', { mfaType: 'GOOGLE_AUTH', code: session.totpCode('usr_ada') })).status).toBe(200);
  expect((await flashback(target, '/mfa/magic-link/send', {})).status).toBe(200);
  session.addOverride({ surface: 'flashback', operationId: 'getAvailableMethods', status: 500, times: 1 });
  return { secret: setup.body.data.secret };
}

/** The same requests to both sessions: the answers must be equal, minted tokens aside. */
async function expectSameAnswers(original: Target, replay: Target, secret: string, magicLinkToken: string) {
  const steps: Array<[string, unknown]> = [
    ['/mfa/status', undefined],
    ['/mfa/methods', undefined],
    ['/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: '000000' }],
    // The setup used the frozen step's code; the next step's is within the drift window, once.
    ['/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret, 0, FROZEN_AT + 30_000) }],
    ['/mfa/verify-login', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret, 0, FROZEN_AT + 30_000) }], // now a replay
    ['/mfa/magic-link/activate', { token: magicLinkToken }],
    ['/mfa/status', undefined],
  ];
  const statuses: number[] = [];
  for (const [path, body] of steps) {
    const [there, here] = [await flashback(original, path, body), await flashback(replay, path, body)];
    expect(withoutMintedTokens(here), `${path} ${JSON.stringify(body)}`).toEqual(withoutMintedTokens(there));
    statuses.push(there.status);
  }
  // The steps exercise the file's state: an override answering once, an enrolled authenticator on the frozen time,
  // its replay guard, the link.
  expect(statuses).toEqual([200, 500, 400, 200, 400, 200, 200]);
}

describe('a session exported by QA and imported by a developer answers the same', () => {
  it('through the admin API: export as a download, import under another id, the same answers', async () => {
    const original = qa.session('bug-123');
    const { secret } = await reproduceOnQa(original);
    const exported = await fetch(`${qa.url}/__admin/sessions/bug-123/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename="mfa-sandbox-session-bug-123.json"');
    const file = (await exported.json()) as SessionFile;
    expect(file).toMatchObject({ format: 'mfa-sandbox-session', version: 1, session: { id: 'bug-123', clock: { frozenAtMs: FROZEN_AT } } });

    const imported = await fetch(`${developer.url}/__admin/sessions/dev-replay/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(file),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ session: 'dev-replay', clock: 'frozen', worlds: expect.arrayContaining(['flashback/default']) });
    await expectSameAnswers(
      { url: qa.url, session: 'bug-123' },
      { url: developer.url, session: 'dev-replay' },
      secret,
      original.outbox('flashback')[0]!.token!,
    );
  });

  it("the imported outbox's magic links name the session they were imported into: following one changes that session", async () => {
    const source = qa.session('links-source');
    expect((await flashback({ url: qa.url, session: source.id }, '/mfa/magic-link/send', {})).status).toBe(200);
    const file = source.exportFile();
    const replay = qa.session('links-replay');
    replay.importFile(file);
    const [message] = replay.outbox('flashback');
    expect(new URL(message!.link!).pathname).toBe(`/__admin/sessions/links-replay/magic-links/${message!.token}`);
    expect(message!.text).toContain('/__admin/sessions/links-replay/magic-links/');

    expect((await fetch(message!.link!.replace(/^http:\/\/[^/]+/, qa.url))).status).toBe(200);
    const enabledMethods = async (session: string) =>
      ((await flashback({ url: qa.url, session }, '/mfa/status')).body as { data: { enabledMethods: string[] } }).data.enabledMethods;
    expect(await enabledMethods('links-replay')).toEqual(['MAGIC_LINK']);
    expect(await enabledMethods('links-source')).toEqual([]);
  });

  it('a message sent after the import is numbered after the imported ones, and a wait returns it once', async () => {
    const source = qa.session('numbers-source');
    expect((await flashback({ url: qa.url, session: source.id }, '/mfa/magic-link/send', {})).status).toBe(200);
    const imported = await importOverHttp('numbers-replay', JSON.stringify(source.exportFile()));
    expect(imported.status).toBe(200);
    const replay = { url: developer.url, session: 'numbers-replay' };
    const waitNext = async (query: string) => {
      const response = await fetch(`${developer.url}/__admin/sessions/numbers-replay/outbox/next?timeoutMs=100${query}`);
      return {
        status: response.status,
        cursor: response.headers.get('x-mock-outbox-cursor'),
        body: response.status === 200 ? await response.json() : undefined,
      };
    };
    // The imported message is the first a wait returns; it then has the session's cursor, 1.
    expect(await waitNext('')).toMatchObject({ status: 200, cursor: '1', body: { seq: 1 } });
    expect((await flashback(replay, '/mfa/magic-link/send', {})).status).toBe(200);
    const outbox = (await (await fetch(`${developer.url}/__admin/sessions/numbers-replay/outbox`)).json()) as Array<{ seq: number }>;
    expect(outbox.map((message) => message.seq)).toEqual([1, 2]);
    // A wait without a cursor returns the new message once (it returned the same one forever); so does one after the
    // cursor, which then leaves it returned for the waits without one.
    expect(await waitNext('')).toMatchObject({ status: 200, body: { seq: 2 } });
    expect((await waitNext('')).status).toBe(204);
    expect((await flashback(replay, '/mfa/magic-link/send', {})).status).toBe(200);
    expect(await waitNext('&after=2')).toMatchObject({ status: 200, cursor: '3', body: { seq: 3 } });
    expect((await waitNext('')).status).toBe(204);
  });

  it('imported into another sandbox through its admin API, the magic links open on that sandbox', async () => {
    const source = qa.session('links-elsewhere');
    expect((await flashback({ url: qa.url, session: source.id }, '/mfa/magic-link/send', {})).status).toBe(200);
    const imported = await importOverHttp('links-elsewhere', JSON.stringify(source.exportFile()));
    expect(imported.status).toBe(200);
    const [message] = developer.session('links-elsewhere').outbox('flashback');
    expect(message!.link).toBe(`${developer.url}/__admin/sessions/links-elsewhere/magic-links/${message!.token}`);
    expect(message!.text).toContain(message!.link!);
    expect((await fetch(message!.link!)).status).toBe(200);
    const enabledMethods = async (url: string) =>
      ((await flashback({ url, session: 'links-elsewhere' }, '/mfa/status')).body as { data: { enabledMethods: string[] } }).data.enabledMethods;
    expect(await enabledMethods(developer.url)).toEqual(['MAGIC_LINK']);
    expect(await enabledMethods(qa.url)).toEqual([]);
  });

  it('through createSandbox(): exportFile() and importFile() round-trip, and the file is plain JSON', async () => {
    const original = qa.session('bug-124');
    const { secret } = await reproduceOnQa(original);
    const file = JSON.parse(JSON.stringify(original.exportFile())) as unknown;
    expect(developer.session('dev-124').importFile(file)).toMatchObject({ session: 'dev-124', clock: 'frozen' });
    await expectSameAnswers({ url: qa.url, session: 'bug-124' }, { url: developer.url, session: 'dev-124' }, secret, original.outbox('flashback')[0]!.token!);
  });

  it.each([[[]], [['--watch']]])('with `serve --session-file` %j: the session is there under its own id when the server starts', async (flags: string[]) => {
    const original = qa.session(`bug-125${flags.join('')}`);
    const { secret } = await reproduceOnQa(original);
    const dir = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
    const path = join(dir, `${original.id}.json`);
    await writeFile(path, JSON.stringify(original.exportFile()));
    // At info: a session file loaded is an info record, left out at warn.
    const server = await startSandboxProcess([...flags, '--log-level', 'info', '--session-file', path]);
    try {
      expect(logMessages(server.output())).toContain(`session "${original.id}" loaded from ${path}`);
      const token = original.outbox('flashback')[0]!.token!;
      await expectSameAnswers({ url: qa.url, session: original.id }, { url: server.url, session: original.id }, secret, token);
    } finally {
      await server.stop();
    }
  });

  it('with `serve --session-file`: a file saved with a byte order mark (Windows editors write one) loads, as the admin import takes it', async () => {
    const original = qa.session('bug-bom');
    original.useScenario('mfa-enabled', 'flashback');
    const path = join(await mkdtemp(join(tmpdir(), 'mfa-session-file-')), 'bug-bom.json');
    await writeFile(path, `\uFEFF${JSON.stringify(original.exportFile())}`);
    const server = await startSandboxProcess(['--log-level', 'info', '--session-file', path]);
    try {
      expect(logMessages(server.output())).toContain(`session "bug-bom" loaded from ${path}`);
    } finally {
      await server.stop();
    }
  });

  it('every shipped scenario of every surface exports a file that imports, into a server and into MSW', async () => {
    const mfa = createMfaHandlers({ baseUrls: Object.fromEntries(SURFACE_IDS.map((surface) => [surface, `http://msw.test/${surface}`])) });
    const catalogue = (await (await fetch(`${qa.url}/__admin/scenarios`)).json()) as Record<string, Array<{ name: string }>>;
    expect(Object.keys(catalogue)).toEqual([...SURFACE_IDS]);
    for (const [surface, scenarios] of Object.entries(catalogue)) {
      for (const { name } of scenarios) {
        const session = qa.session(`export-${surface}-${name}`);
        session.useScenario(name, surface as SurfaceId);
        const file = session.exportFile();
        expect(Object.keys(file.session.worlds)).toContain(`${surface}/${name}`);
        expect(() => developer.session(`import-${surface}-${name}`).importFile(file), `${surface}/${name}`).not.toThrow();
        expect(() => mfa.session(`import-${surface}-${name}`).importFile(file), `${surface}/${name} in MSW`).not.toThrow();
      }
    }
  });
});

describe('a session exported in the middle of a flow imports', () => {
  it('Lerian: an app setup verified but not yet activated (its pending setup remembers when a code last verified)', async () => {
    const userId = '019c96a0-0c21-71f9-a487-66a1258278a1';
    const headers = { authorization: 'Bearer lerian-token-johndoe', 'content-type': 'application/json', 'x-mock-session': 'lerian-mid-flow' };
    const lerian = (path: string, body: unknown) =>
      fetch(`${qa.url}/lerian/v1/users/${userId}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));
    const setup = await lerian('/mfa/setup', { mfaType: 'app' });
    expect(setup.status).toBe(200);
    const secret = String(setup.body.secret);
    expect((await lerian('/mfa/verify', { mfaType: 'app', secret, passcode: authenticatorCode(secret) })).body).toEqual({ verified: true });
    const file = qa.session('lerian-mid-flow').exportFile();
    // Refused before: /session/worlds/lerian~1default/users/<id>/pending/totp: must NOT have additional properties (lastUsedAt).
    expect(() => developer.session('lerian-mid-flow').importFile(file)).not.toThrow();
    expect(developer.session('lerian-mid-flow').state()['lerian/default']!.users[userId]!.pending.totp).toMatchObject({ verified: true, secret });
  });

  it('at the end of 9999 on its clock: the expiries it hands out stop there, so its export imports', async () => {
    // A magic link valid 10 minutes, a sign-in session 30 days: written `+010000-01-01T...` before, which the export's
    // own schema refuses (a date-time), so the sandbox could not import what it had exported.
    const session = qa.session('end-of-time');
    session.clock.freeze('9999-12-31T23:59:59Z');
    const post = (url: string, headers: Record<string, string>, body: unknown) =>
      fetch(`${qa.url}${url}`, { method: 'POST', headers: { ...headers, ...session.headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/flashback/mfa/magic-link/send', { authorization: 'Bearer flashback-token-ada' }, {})).status).toBe(200);
    expect(
      (await post('/nest-auth/auth/login', {}, { providerName: 'email', credentials: { email: 'ada@example.com', password: 'sandbox-password' } })).status,
    ).toBe(200);
    const file = session.exportFile();
    const expiries = JSON.stringify(file).match(/"expiresAt":"[^"]*"/g);
    expect(new Set(expiries)).toEqual(new Set(['"expiresAt":"9999-12-31T23:59:59.999Z"']));
    expect(() => developer.session('end-of-time').importFile(file)).not.toThrow();
  });
});

describe('a file the sandbox cannot import is refused with the JSON pointer of each problem, and changes nothing', () => {
  /** The answer to an import; each problem's `reason` checked to be its `message` (the 0.1.0 name), then left out. */
  const importInto = async (session: string, body: string) => {
    const response = await importOverHttp(session, body);
    const answer = (await response.json()) as { code?: string; detail?: string; problems?: Array<{ reason?: string; message?: string }> };
    for (const problem of answer.problems ?? []) expect(problem.reason, JSON.stringify(problem)).toBe(problem.message);
    const problems = answer.problems?.map(({ reason: _sameAsMessage, ...problem }) => problem);
    return { status: response.status, type: response.headers.get('content-type'), body: { ...answer, problems } };
  };

  it('a JSON object that is no session file: its problems at the top are at "/", in the detail as in the list', async () => {
    const refused = await importInto('target', '{"nope":1}');
    expect([refused.status, refused.body.code]).toEqual([422, 'MOCK_ERR_INVALID_SESSION_FILE']);
    const { detail } = refused.body as { detail: string };
    expect(detail).toMatch(/^Not a session file this sandbox can import: \/: must have required property '\w+'$/);
    expect(refused.body.problems).toContainEqual({ pointer: '', message: 'must NOT have additional properties: "nope"' });
  });

  it('schema problems and scenarios this sandbox lacks, each at its pointer', async () => {
    const file = qa.session('to-break').exportFile();
    const world = file.session.worlds['flashback/default']!;
    const broken = structuredClone(file) as unknown as { session: { scenarios: Record<string, string>; worlds: Record<string, Record<string, unknown>> } };
    (broken.session.worlds['flashback/default']!.users as Record<string, { factors: unknown[] }>).usr_ada!.factors = [{ kind: 'fingerprint' }];
    const refused = await importInto('target', JSON.stringify(broken));
    expect(refused.status).toBe(422);
    expect(refused.type).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('MOCK_ERR_INVALID_SESSION_FILE');
    expect(refused.body.problems).toEqual(
      expect.arrayContaining([
        { pointer: '/session/worlds/flashback~1default/users/usr_ada/factors/0', message: "must have required property 'id'" },
        {
          pointer: '/session/worlds/flashback~1default/users/usr_ada/factors/0/kind',
          message: expect.stringMatching(/^must be equal to one of the allowed values/),
        },
      ]),
    );

    // A kind of the file's format the vendor has no word for (an edited export): a Flashback "face" factor read as MFA
    // on with no method enabled, and still listed a TOTP code; a setup under way of such a kind likewise.
    qa.session('foreign-kinds').useScenario('mfa-enabled', 'flashback');
    const foreign = qa.session('foreign-kinds').exportFile();
    const ada = foreign.session.worlds['flashback/mfa-enabled']!.users.usr_ada!;
    const totpAt = ada.factors.findIndex((factor) => factor.kind === 'totp');
    ada.factors[totpAt]!.kind = 'face';
    ada.pending.sms = { kind: 'sms', verified: false, createdAt: '2026-01-01T00:00:00.000Z' };
    const refusedKinds = await importInto('target', JSON.stringify(foreign));
    expect(refusedKinds.status).toBe(422);
    expect(refusedKinds.body.problems).toEqual([
      {
        pointer: `/session/worlds/flashback~1mfa-enabled/users/usr_ada/factors/${totpAt}/kind`,
        message: 'flashback has no face factor (its kinds: totp, magic_link, passkey)',
      },
      {
        pointer: '/session/worlds/flashback~1mfa-enabled/users/usr_ada/pending/sms',
        message: 'flashback has no sms factor (its kinds: totp, magic_link, passkey)',
      },
    ]);

    const unknownScenario = structuredClone(file);
    unknownScenario.session.scenarios = { flashback: 'qa-special' };
    unknownScenario.session.worlds = { 'flashback/qa-special': { ...world, scenario: 'qa-special' } };
    expect((await importInto('target', JSON.stringify(unknownScenario))).body.problems).toEqual([
      { pointer: '/session/scenarios/flashback', message: expect.stringContaining('no scenario "qa-special" for surface "flashback"') },
      { pointer: '/session/worlds/flashback~1qa-special', message: expect.stringContaining('no scenario "qa-special"') },
    ]);
    const badOverride = structuredClone(file);
    badOverride.session.overrides = [
      { id: 'ov-1', surface: 'flashback', operationId: 'getMFAStatus', status: 418, used: 0, createdAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect((await importInto('target', JSON.stringify(badOverride))).body.problems).toEqual([
      { pointer: '/session/overrides/0/status', message: 'getMFAStatus declares no 418 response; it declares 200, 401, 403, 500' },
    ]);
    // A list longer than any session's: refused at once (the schema check's cost grew with the square of its items).
    const longList = structuredClone(file) as unknown as { session: { overrides: unknown[] } };
    longList.session.overrides = Array.from({ length: 100_000 }, () => 0);
    const started = performance.now();
    expect((await importInto('target', JSON.stringify(longList))).body.problems).toEqual([
      { pointer: '/session/overrides', message: "has 100000 items; a session file's lists and maps hold at most 20000" },
    ]);
    expect(performance.now() - started).toBeLessThan(10_000); // a minute before
    // A token filed to a user id every object has a property of: imported, and its requests find no such user (a 500 before).
    const protoToken = structuredClone(file);
    protoToken.session.worlds['flashback/default']!.tokens['flashback-token-ada'] = 'constructor';
    expect((await importInto('proto-token', JSON.stringify(protoToken))).status).toBe(200);
    for (const path of ['/mfa/status', '/mfa/methods']) {
      const answer = await flashback({ url: developer.url, session: 'proto-token' }, path);
      expect([401, 404], `${path}: ${JSON.stringify(answer.body)}`).toContain(answer.status);
      expect((answer.body as { success: boolean }).success).toBe(false);
    }
    // A number JSON reads as infinite: the schema's integer took it, and the session wrote it back as null.
    const infinite = JSON.stringify(file).replace('"session":{', '"session":{"overridesAdded":1e400,');
    expect(infinite).toContain('1e400');
    expect((await importInto('target', infinite)).body.problems).toEqual([{ pointer: '/session/overridesAdded', message: 'must be a finite number' }]);
    // A file edited by hand, with a number in quotes: said as the admin API says it.
    const quoted = structuredClone(file) as unknown as { session: { overrides: unknown[] } };
    quoted.session.overrides = [
      { id: 'ov-1', surface: 'flashback', operationId: 'getMFAStatus', status: '500', used: 0, createdAt: '2026-01-01T00:00:00.000Z' },
    ];
    expect((await importInto('target', JSON.stringify(quoted))).body.problems).toContainEqual({
      pointer: '/session/overrides/0/status',
      message: 'must be an integer ("500" is text: write 500 without quotes)',
    });
    const misfiled = structuredClone(file);
    misfiled.session.worlds = { 'flashback/mfa-enabled': world };
    expect((await importInto('target', JSON.stringify(misfiled))).body.problems).toEqual([
      { pointer: '/session/worlds/flashback~1mfa-enabled', message: 'a world of flashback/default filed under "flashback/mfa-enabled"' },
    ]);
    // A clock the admin API would refuse (PUT /clock keeps the session between 1970 and the end of 9999): once imported,
    // every date the session printed and every TOTP counter it computed failed with a 500.
    for (const clock of [{ offsetMs: 1e300 }, { offsetMs: -Date.now() - 3_600_000 }, { offsetMs: 0, frozenAtMs: 253_402_300_799_999 + 1 }]) {
      const farClock = structuredClone(file);
      farClock.session.clock = clock;
      const answer = await importInto('target', JSON.stringify(farClock));
      expect(answer.status, JSON.stringify(clock)).toBe(422);
      expect(answer.body.problems, JSON.stringify(clock)).toEqual([{ pointer: expect.stringMatching(/^\/session\/clock/), message: expect.any(String) }]);
    }
    // An offset no clock can hold is named as itself (it quoted the end of 9999, where the clock would stop, a QA tour).
    const hugeOffset = structuredClone(file);
    hugeOffset.session.clock = { offsetMs: 1e300 };
    expect((await importInto('target', JSON.stringify(hugeOffset))).body.problems).toEqual([
      {
        pointer: '/session/clock/offsetMs',
        message: '1e+300 is no whole number of milliseconds a clock can be moved by (at most 9007199254740991 either way)',
      },
    ]);
    // Overrides the admin API could never have made: one id twice (a removal would take the first only), used past
    // times, more requests let go by than after (or any without it).
    const override = { surface: 'flashback' as const, operationId: 'getMFAStatus', status: 500, createdAt: '2026-01-01T00:00:00.000Z' };
    const twoOverrides = structuredClone(file);
    twoOverrides.session.overrides = [
      { ...override, id: 'ov-1', used: 0 },
      { ...override, id: 'ov-1', times: 2, used: 5 },
      { ...override, id: 'ov-3', after: 2, passed: 3, used: 0 },
      { ...override, id: 'ov-4', passed: 1, used: 0 },
    ];
    expect((await importInto('target', JSON.stringify(twoOverrides))).body.problems).toEqual([
      { pointer: '/session/overrides/1/id', message: '"ov-1" is already the id of override 0' },
      { pointer: '/session/overrides/1/used', message: '5 uses of an override that answers 2 time(s)' },
      { pointer: '/session/overrides/2/passed', message: '3 requests let go by, more than its after (2)' },
      { pointer: '/session/overrides/3/passed', message: '1 request let go by, but the override has no after' },
    ]);
    // More overrides that are not used up than a session holds (the admin API refuses the 101st); used-up ones do not count.
    const manyOverrides = structuredClone(file);
    const held = Array.from({ length: 101 }, (_, index) => ({ ...override, id: `ov-${index + 1}`, used: 0 }));
    manyOverrides.session.overrides = [...held, { ...override, id: 'ov-102', times: 1, used: 1 }];
    expect((await importInto('target', JSON.stringify(manyOverrides))).body.problems).toEqual([
      { pointer: '/session/overrides', message: '101 overrides that are not used up, more than a session holds (100)' },
    ]);
    manyOverrides.session.overrides = manyOverrides.session.overrides.slice(1);
    expect((await importInto('many-overrides', JSON.stringify(manyOverrides))).status).toBe(200);
    // Ada's passkey given to Bob as well: the admin API refuses that import, so a file must not bring it in either.
    qa.session('to-break-passkey').useScenario('mfa-enabled', 'flashback');
    const withPasskey = structuredClone(qa.session('to-break-passkey').exportFile());
    const users = withPasskey.session.worlds['flashback/mfa-enabled']!.users;
    users.usr_bob!.factors.push(structuredClone(users.usr_ada!.factors.find((factor) => factor.kind === 'passkey')!));
    expect((await importInto('target', JSON.stringify(withPasskey))).body.problems).toEqual([
      {
        pointer: expect.stringMatching(/^\/session\/worlds\/flashback~1mfa-enabled\/users\/usr_bob\/factors\/\d+\/credential\/id$/),
        message: `credential "j6b_gq3hMZsE3F9mYGLBww" is already user "usr_ada"'s passkey (each credential names one)`,
      },
    ]);
    // A passkey whose public key was edited into no key: refused at import, not a 500 at its next ceremony.
    qa.session('to-break-passkey-key').useScenario('mfa-enabled', 'flashback');
    const mangledKey = structuredClone(qa.session('to-break-passkey-key').exportFile());
    const adaFactors = mangledKey.session.worlds['flashback/mfa-enabled']!.users.usr_ada!.factors;
    const passkeyAt = adaFactors.findIndex((factor) => factor.kind === 'passkey');
    adaFactors[passkeyAt]!.credential!.publicKey = 'not*base64url';
    expect((await importInto('target', JSON.stringify(mangledKey))).body.problems).toEqual([
      { pointer: `/session/worlds/flashback~1mfa-enabled/users/usr_ada/factors/${passkeyAt}/credential/publicKey`, message: 'publicKey is not base64url' },
    ]);
    // A user filed under another's id (the admin API finds users by key, the answers name the id), and outbox numbers
    // handed out twice (a wait marks what it returned by number): neither can come from an export.
    const renamed = structuredClone(file);
    renamed.session.worlds['flashback/default']!.users.usr_ada!.id = 'usr_zed';
    expect((await importInto('target', JSON.stringify(renamed))).body.problems).toEqual([
      { pointer: '/session/worlds/flashback~1default/users/usr_ada/id', message: 'user "usr_zed" filed under "usr_ada"' },
    ]);
    const sent = qa.session('to-break-outbox');
    for (let link = 0; link < 2; link++) expect((await flashback({ url: qa.url, session: sent.id }, '/mfa/magic-link/send', {})).status).toBe(200);
    const numberedTwice = structuredClone(sent.exportFile());
    numberedTwice.session.worlds['flashback/default']!.outbox[1]!.seq = 1;
    expect((await importInto('target', JSON.stringify(numberedTwice))).body.problems).toEqual([
      {
        pointer: '/session/worlds/flashback~1default/outbox/1/seq',
        message: 'outbox number 1 is also the number of /session/worlds/flashback~1default/outbox/0',
      },
    ]);
    const numberedAfterNone = structuredClone(sent.exportFile());
    delete numberedAfterNone.session.worlds['flashback/default']!.outbox[0]!.seq;
    const tooFar = structuredClone(sent.exportFile());
    tooFar.session.worlds['flashback/default']!.outbox[1]!.seq = Number.MAX_SAFE_INTEGER;
    expect((await importInto('target', JSON.stringify(numberedAfterNone))).body.problems).toEqual([
      { pointer: '/session/worlds/flashback~1default/outbox/1/seq', message: 'a numbered message after outbox/0, which has no number' },
    ]);
    expect((await importInto('target', JSON.stringify(tooFar))).body.problems).toEqual([
      { pointer: '/session/worlds/flashback~1default/outbox/1/seq', message: `outbox number ${Number.MAX_SAFE_INTEGER} is over 4294967296` },
    ]);
    for (const body of ['{}', '[]', 'null', JSON.stringify({ ...file, version: 2 })]) expect((await importInto('target', body)).status, body).toBe(422);
    // A file of another version says which one this sandbox reads (it said "must be equal to constant").
    expect((await importInto('target', JSON.stringify({ ...file, version: 2 }))).body.problems).toEqual([{ pointer: '/version', message: 'must be 1' }]);
    expect((await importInto('target', '{"format":')).status).toBe(400);
    // None of it reached the session: it was never created.
    expect(((await (await fetch(`${developer.url}/__admin/sessions`)).json()) as Array<{ id: string }>).map((session) => session.id)).not.toContain('target');
  });

  it('createSandbox: importFile throws with the problems; serve --session-file exits 1 naming the file and pointers', async () => {
    expect(() => developer.session('target').importFile({ format: 'mfa-sandbox-session', version: 1 })).toThrow(
      /session file.*: \/: must have required property 'session'/,
    );
    // Every problem is on the error, where its documentation says: extensions.problems.
    const refusal = (() => {
      try {
        developer
          .session('target')
          .importFile({ format: 'mfa-sandbox-session', version: 2, session: { id: 'x', scenarios: { flashback: 'nope' }, worlds: {} } });
      } catch (error) {
        return error as SandboxError;
      }
    })();
    expect([refusal?.code, refusal?.extensions.problems]).toEqual([
      'MOCK_ERR_INVALID_SESSION_FILE',
      [expect.objectContaining({ pointer: '/version', message: expect.any(String) })],
    ]);
    const dir = await mkdtemp(join(tmpdir(), 'mfa-session-file-'));
    const path = join(dir, 'broken.json');
    await writeFile(path, JSON.stringify({ format: 'mfa-sandbox-session', version: 1, session: { id: 'x', scenarios: { flashback: 'nope' }, worlds: {} } }));
    const result = serveUntilItStops(['--session-file', path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`mfa-sandbox: ${path}: not a session file this sandbox can import\n  /session/scenarios/flashback: no scenario "nope"`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).not.toContain('listening');

    // A device or a directory is no exported session: /dev/zero grew the start to 700 MB before Node gave up.
    for (const unlikely of ['/dev/zero', dir]) {
      const refused = serveUntilItStops(['--session-file', unlikely]);
      expect([refused.status, refused.stderr], unlikely).toEqual([
        1,
        `mfa-sandbox: ${unlikely}: not a readable JSON session file (it is not a regular file (a directory, a device or a pipe))\n`,
      ]);
    }

    // The same session twice (one file given twice, or two exports of one id): the second replaced the first unsaid.
    developer.session('twice').useScenario('mfa-enabled', 'flashback');
    const valid = join(dir, 'twice.json');
    await writeFile(valid, JSON.stringify(developer.session('twice').exportFile()));
    const twice = serveUntilItStops(['--cache-dir', 'off', '--session-file', valid, '--session-file', valid]);
    expect(twice.status).toBe(2); // a usage problem, as any option given twice
    expect(twice.stderr).toContain(`--session-file ${valid} is given twice (as ${valid}); give each file once`);
    expect(twice.stdout).toBe(''); // nothing said loaded, nothing listening
    const copy = join(dir, 'twice-copy.json');
    await writeFile(copy, await readFile(valid, 'utf8'));
    const sameId = serveUntilItStops(['--cache-dir', 'off', '--session-file', valid, '--session-file', copy]);
    expect(sameId.status).toBe(1);
    expect(sameId.stderr).toContain(`--session-file ${copy}: session "twice" was already loaded from ${valid}; give each session one file`);
    expect(sameId.stdout).toBe('');
  }, 90_000); // three starts of the command from source: 17 s here on a quiet machine, 25 s in a busy CI run
});
