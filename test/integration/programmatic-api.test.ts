import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { createControlledClock, createSandbox, SandboxError, ScenarioProblems, SpecError, type RunningSandbox } from '../../src/index.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * The documented in-process API, over a real port, as a user's vitest suite would use it. The sandbox runs on a
 * controlled clock, so the code a session shows is exactly the one an authenticator shows at that time.
 */
const clock = createControlledClock(Date.UTC(2026, 0, 1, 9, 0, 10));
const phoneCode = (secret: string) => authenticatorCode(secret, 0, clock.now());
let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await createSandbox({ clock });
});
afterAll(async () => {
  await sandbox.close();
});

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };
const NEST_ADA_ID = '4b3c9c9c-0000-4d1e-8d9f-00000000ada1';
const SCENARIO_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'; // Ada's device in every mfa-enabled scenario

describe('createSandbox', () => {
  it('listens on a random loopback port', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('session(id).useScenario switches what that session sees, and only it', async () => {
    const qa = sandbox.session('programmatic-qa');
    expect(qa.useScenario('org-enforced')).toContain('flashback');
    const enforced = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...qa.headers } });
    expect(((await enforced.json()) as any).data.isEnforced).toBe(true);
    const other = await fetch(`${sandbox.url}/flashback/mfa/status`, { headers: { ...ADA, ...sandbox.session('programmatic-other').headers } });
    expect(((await other.json()) as any).data.isEnforced).toBe(false);
  });

  it('totpCode reads the current code of an enrolled device, and it verifies', async () => {
    const dev = sandbox.session('programmatic-totp');
    const setup = await fetch(`${sandbox.url}/flashback/mfa/setup`, {
      method: 'POST',
      headers: { ...ADA, ...dev.headers },
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }),
    });
    const { secret } = ((await setup.json()) as any).data;
    expect(secret).toMatch(/^[A-Z2-7]+$/);
    const code = phoneCode(secret);
    const verify = await fetch(`${sandbox.url}/flashback/mfa/verify-setup`, {
      method: 'POST',
      headers: { ...ADA, ...dev.headers },
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH', code }),
    });
    expect(verify.status).toBe(200);
    expect(dev.totpCode('usr_ada')).toBe(code);
    expect(() => dev.totpCode('usr_nobody')).toThrow('No TOTP factor');
  });

  it('totpCode reads the code of a TOTP setup not verified yet, and that code verifies the setup', async () => {
    const dev = sandbox.session('programmatic-pending');
    const setup = await fetch(`${sandbox.url}/flashback/mfa/setup`, {
      method: 'POST',
      headers: { ...ADA, ...dev.headers },
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }),
    });
    const { secret } = ((await setup.json()) as any).data;
    const code = dev.totpCode('usr_ada');
    expect(code).toBe(phoneCode(secret));
    expect(() => dev.totpCode('usr_ada', { status: 'enrolled' })).toThrow(
      expect.objectContaining({
        code: 'MOCK_ERR_UNKNOWN_USER',
        message: expect.stringMatching(/^No TOTP factor or setup "usr_ada" \(enrolled\) in session "[^"]+"; it has usr_ada \(pending\)$/),
      }),
    );
    const verify = await fetch(`${sandbox.url}/flashback/mfa/verify-setup`, {
      method: 'POST',
      headers: { ...ADA, ...dev.headers },
      body: JSON.stringify({ mfaType: 'GOOGLE_AUTH', code }),
    });
    expect(verify.status).toBe(200);
    expect(dev.totpCode('usr_ada', { status: 'enrolled' })).toBe(code);
  });

  it('totpCode prefers the enrolled device; { status: "pending" } reads a second device being set up', async () => {
    const dev = sandbox.session('programmatic-second-device');
    dev.useScenario('mfa-enabled', 'nest-auth');
    const nestAda = { authorization: 'Bearer nest-auth-token-ada', 'content-type': 'application/json', ...dev.headers };
    const setup = await fetch(`${sandbox.url}/nest-auth/auth/mfa/setup-totp`, {
      method: 'POST',
      headers: nestAda,
      body: JSON.stringify({ deviceName: 'second phone' }),
    });
    const { secret } = (await setup.json()) as { secret: string };
    expect(dev.totpCode(NEST_ADA_ID)).toBe(phoneCode(SCENARIO_SECRET));
    const pending = dev.totpCode(NEST_ADA_ID, { status: 'pending' });
    expect(pending).toBe(phoneCode(secret));
    const verify = await fetch(`${sandbox.url}/nest-auth/auth/mfa/verify-totp-setup`, {
      method: 'POST',
      headers: nestAda,
      body: JSON.stringify({ secret, otp: pending }),
    });
    expect(verify.status).toBe(200);
  });

  it('useScenario refuses an unknown surface as the admin API does, and an unknown scenario', () => {
    const qa = sandbox.session('programmatic-refused');
    // @ts-expect-error -- a surface is a SurfaceId: what a JavaScript caller's typo meets at run time
    expect(() => qa.useScenario('default', 'okta')).toThrow(expect.objectContaining({ code: 'MOCK_ERR_UNKNOWN_SURFACE', message: 'No surface "okta"' }));
    expect(() => qa.useScenario('nope')).toThrow(expect.objectContaining({ code: 'MOCK_ERR_UNKNOWN_SCENARIO' }));
    // A name far from every scenario's gets them listed (a Playwright fixture's `sandboxScenario: 'nope'` said only "no").
    expect(() => qa.useScenario('nope')).toThrow(/^No surface has a scenario named "nope" \(scenarios: default, .*mfa-enabled, .*org-enforced, .*\)$/);
  });

  it('useScenario makes the new state and codes readable at once, before any request', () => {
    const qa = sandbox.session('programmatic-switch');
    expect(qa.useScenario('mfa-enabled')).toEqual([...SURFACE_IDS]);
    expect(qa.state()['flashback/mfa-enabled']!.users.usr_ada!.mfaEnabled).toBe(true);
    expect(qa.totpCode('usr_ada')).toBe(phoneCode(SCENARIO_SECRET));
    expect(qa.journal()).toEqual([]);
    // A session never used reads as the default scenario of every surface.
    expect(Object.keys(sandbox.session('programmatic-untouched').state()).sort()).toEqual([
      'flashback/default',
      'genauth/default',
      'lerian/default',
      'nest-auth/default',
    ]);
  });

  it('outbox, journal and reset', async () => {
    const mail = sandbox.session('programmatic-mail');
    await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers: { ...ADA, ...mail.headers } });
    const [message] = mail.outbox('flashback');
    expect(message).toMatchObject({ surface: 'flashback', to: 'ada@example.com', channel: 'email' });
    expect(mail.outbox('lerian')).toEqual([]);
    // A misspelt surface is an error, not an empty list that reads as "nothing was sent".
    // @ts-expect-error -- a compile error in TypeScript (surfaces are SurfaceIds); a JavaScript caller meets this
    expect(() => mail.outbox('flashbak')).toThrow(
      expect.objectContaining({ code: 'MOCK_ERR_UNKNOWN_SURFACE', message: 'No surface "flashbak" (did you mean "flashback"?)' }),
    );
    expect(mail.journal().map((entry) => entry.operationId)).toEqual(['sendMagicLink']);
    mail.reset();
    expect(mail.outbox()).toEqual([]);
  });

  it("scenariosDir adds the user's scenarios to the shipped ones, and a same-named file replaces the shipped one", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-programmatic-'));
    await mkdir(join(dir, 'flashback'));
    await writeFile(
      join(dir, 'flashback', 'ada-enforced.yml'),
      'description: Ada, enforced\nworld:\n  org: { id: org_acme, name: Acme, mfaEnforced: true }\n  users:\n    - { id: usr_ada, email: ada@example.com, token: flashback-token-ada, role: OWNER }\n',
    );
    await writeFile(
      join(dir, 'flashback', 'mfa-enabled.yaml'),
      'description: my mfa-enabled\nworld:\n  users:\n    - { id: usr_ada, email: ada@example.com, token: flashback-token-ada }\noverrides:\n  - { operationId: getMFAStatus, status: 500 }\n',
    );
    const mine = await createSandbox({ scenariosDir: dir });
    try {
      const status = (scenario: string) => fetch(`${mine.url}/flashback/mfa/status`, { headers: { ...ADA, prefer: `scenario=${scenario}` } });
      expect(((await (await status('ada-enforced')).json()) as { data: { isEnforced: boolean } }).data.isEnforced).toBe(true);
      expect((await status('mfa-enabled')).status).toBe(500); // the user's file, not the shipped one
      expect((await status('org-enforced')).status).toBe(200); // shipped scenarios are still there
      // What check and a start print, a test can see: the replaced shipped scenario is named.
      expect(mine.warnings).toEqual([expect.stringMatching(/flashback scenario "mfa-enabled": .*mfa-enabled\.yaml replaces the shipped one/)]);
    } finally {
      await mine.close();
    }
  });

  it('warnings list a setting its surface never reads, and none for the shipped scenarios alone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-programmatic-'));
    await mkdir(join(dir, 'lerian'));
    await writeFile(
      join(dir, 'lerian', 'team.yaml'),
      'description: team\nworld:\n  org: { id: org_acme, name: Acme, mfaEnforced: true }\n  users:\n    - { id: 019c96a0-0c21-71f9-a487-66a1258278a2, email: a@example.com, token: lerian-token-a }\n',
    );
    const mine = await createSandbox({ scenariosDir: dir, surface: 'lerian' });
    const shipped = await createSandbox({ surface: 'lerian' });
    try {
      expect(mine.warnings).toEqual([expect.stringMatching(/team\.yaml:\d+:\d+: \/world\/org: lerian never reads org/)]);
      expect(shipped.warnings).toEqual([]);
    } finally {
      await Promise.all([mine.close(), shipped.close()]);
    }
    // And logs them from `logLevel: 'warn'` on, as the command prints them (a process of its own: pino writes to stdout).
    const script = join(dir, 'start.mts');
    await writeFile(
      script,
      `import { createSandbox } from ${JSON.stringify(join(process.cwd(), 'src', 'index.ts'))};\n` +
        `const sandbox = await createSandbox({ scenariosDir: ${JSON.stringify(dir)}, surface: 'lerian', logLevel: process.argv[2] });\n` +
        'await sandbox.close();\n',
    );
    const logged = (logLevel: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, logLevel], { encoding: 'utf8', timeout: 30_000 })
        .stdout.split('\n')
        .filter((line) => line.includes('lerian never reads org'))
        .map((line) => (JSON.parse(line) as { level: number }).level);
    expect(logged('warn')).toEqual([40]);
    expect(logged('error')).toEqual([]);
    // With no log level (logs off), on the console, as the MSW handlers warn; `silent` says nothing.
    const printed = (...logLevel: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', script, ...logLevel], { encoding: 'utf8', timeout: 30_000 })
        .stderr.split('\n')
        .filter((line) => line.includes('lerian never reads org'));
    expect(printed()).toEqual([expect.stringMatching(/^mfa-sandbox: warning: .*team\.yaml:\d+:\d+: \/world\/org: lerian never reads org/)]);
    expect(printed('silent')).toEqual([]);
  });
});

describe('createSandbox options and controls refuse what the command and the server refuse', () => {
  it('an edited spec it cannot answer from is a SpecError listing each problem with its file and pointer, not ScenarioProblems', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-programmatic-'));
    await cp(DEFAULT_CONFIG.specsDir, dir, { recursive: true });
    const lerian = join(dir, 'lerian.openapi.yaml');
    // The documented 200 of GET /v1/users/{id}/mfa with `enabled` as a string its schema refuses.
    const text = await readFile(lerian, 'utf8');
    const edited = text.replace(
      '                  value:\n                    enabled: true\n',
      '                  value:\n                    enabled: "yes"\n',
    );
    expect(edited).not.toBe(text);
    await writeFile(lerian, edited);
    // What a start with the edited copy throws (undefined if it starts).
    const startRefused = () =>
      createSandbox({ specsDir: dir }).then(
        (started) => started.close().then(() => undefined),
        (error: unknown) => error,
      );
    const refused = await startRefused();
    expect(refused).toBeInstanceOf(SpecError);
    expect(refused).not.toBeInstanceOf(ScenarioProblems);
    expect((refused as SpecError).problems).toEqual([
      {
        file: lerian,
        pointer: '/paths/~1v1~1users~1{id}~1mfa/get/responses/200/content/application~1json/examples/documented',
        reason: 'getMfaStatus 200 example "documented": /enabled must be boolean',
      },
    ]);
    // A copy that does not parse, or is no OpenAPI 3.1, names its problem in `problems` too (it listed none).
    await writeFile(lerian, 'openapi: 3.1.0\ninfo: [unclosed\n');
    const broken = await startRefused();
    expect(broken).toBeInstanceOf(SpecError);
    expect((broken as SpecError).problems).toEqual([{ file: lerian, pointer: '', reason: expect.stringMatching(/^not valid YAML: /) }]);
    await writeFile(lerian, edited.replace('operationId: getMfaStatus', 'operationId: 123'));
    const invalid = (await startRefused()) as SpecError;
    expect(invalid.problems).toEqual([
      { file: lerian, pointer: '/paths/~1v1~1users~1{id}~1mfa/get/operationId', reason: expect.stringMatching(/^invalid OpenAPI 3\.1\n/) },
    ]);
  });

  it('an option set to undefined keeps its default (an unset environment variable passed through)', async () => {
    const passedThrough = await createSandbox({ scenario: undefined, cors: undefined, journalSize: undefined, logLevel: undefined, specsDir: undefined });
    try {
      const preflight = await fetch(`${passedThrough.url}/flashback/mfa/status`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(preflight.status).toBe(204); // CORS stays "any"
      for (let request = 0; request < 3; request++) await fetch(`${passedThrough.url}/flashback/mfa/status`, { headers: ADA });
      expect(passedThrough.journal()).toHaveLength(3); // the journal keeps its 100, not 1
      expect(passedThrough.journal()[0]!.scenario).toBe('default');
    } finally {
      await passedThrough.close();
    }
  });

  it.each([
    [{ maxSessions: 0 }, /maxSessions must be an integer between 1 and 10000000, got 0/],
    [{ sessionTtlMs: -5 }, /sessionTtlMs must be an integer/],
    [{ journalSize: -1 }, /journalSize must be an integer/],
    [{ adminToken: 'x' }, /adminToken must be at least 16 printable characters/],
    [{ cors: ['garbage'] }, /cors origin "garbage" is not an origin/],
    [{ surface: 'bogus' }, /surface must be one of flashback, nest-auth, lerian, genauth, got "bogus"/],
    [{ logLevel: 'loud' }, /logLevel must be one of/],
    [{ port: '4010' }, /port must be an integer/],
    [{ scenarioDir: 'mine' }, /unknown option "scenarioDir" \(did you mean "scenariosDir"\?\)/],
    // Config's field for served replicas: named as such, not "unknown" (which reads as a typo).
    [{ stateUrl: 'postgres://sandbox@localhost/mfa' }, /stateUrl is not an option of createSandbox: its sessions live in memory.*mfa-sandbox serve --state/],
    [{ port: Number.NaN }, /port must be an integer between 0 and 65535, got NaN/],
    [{ hasOwnProperty: 1 }, /unknown option "hasOwnProperty"/],
    [JSON.parse('{"__proto__": {}}'), /unknown option "__proto__"/],
    [{ clock: {} }, /clock must be an object whose now\(\) gives ms since the epoch/],
    [{ clock: { now: () => 'x' } }, /clock must be an object whose now\(\) gives ms.*gave x$/],
    [{ clock: { now: () => -5 } }, /clock must be/],
    [null, /createSandbox takes an object of options, got null/],
  ])('%j is a ConfigError before anything starts', async (options, message) => {
    const { ConfigError } = await import('../../src/index.js');
    const refusal = createSandbox(options as never);
    await expect(refusal).rejects.toBeInstanceOf(ConfigError);
    await expect(refusal).rejects.toThrow(message);
  });

  it('a port another process listens on is a ConfigError saying which option to change, not the raw EADDRINUSE', async () => {
    const first = await createSandbox();
    try {
      const port = Number(new URL(first.url).port);
      const { ConfigError } = await import('../../src/index.js');
      const refused = createSandbox({ port });
      await expect(refused).rejects.toBeInstanceOf(ConfigError);
      await expect(refused).rejects.toThrow(
        `createSandbox: port ${port} on 127.0.0.1: cannot listen there (EADDRINUSE: another process listens there); pick another port (port: 0 takes any free one)`,
      );
    } finally {
      await first.close();
    }
  });

  it('resolves close() once a fetch in this process has seen its connections end: a server at once on the same port gets the next request whole', async () => {
    // A server on that port as soon as close() resolves (a test's next sandbox, started fast from the build): the
    // client's kept-alive connection to the closed one must not be reused ("other side closed", 6 times in 6 before).
    for (let round = 0; round < 3; round++) {
      const first = await createSandbox();
      const port = Number(new URL(first.url).port);
      expect((await fetch(`${first.url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } })).status).toBe(200);
      await first.close();
      const next = createServer((_request, response) => response.end('next'));
      await new Promise<void>((listening) => next.listen(port, '127.0.0.1', listening));
      try {
        expect(await (await fetch(`${first.url}/`)).text(), `round ${round}`).toBe('next');
      } finally {
        await new Promise((closed) => next.close(closed));
      }
    }
  });

  it('session(id) refuses an id no request could name, with the exported SandboxError', async () => {
    const { SandboxError } = await import('../../src/index.js');
    for (const id of ['', 'not an id', '..', 'x'.repeat(129), null, 5, undefined]) {
      expect(() => sandbox.session(id as string), String(id)).toThrow(SandboxError);
    }
    expect(sandbox.session('fine-id').id).toBe('fine-id');
  });

  it('a session clock set to no time (NaN, an invalid Date) is refused, and the session keeps working', async () => {
    const { SandboxError } = await import('../../src/index.js');
    const qa = sandbox.session('clock-refusals');
    expect(() => qa.clock.set(Number.NaN)).toThrow(/A moment is a Date, ms since the epoch/);
    expect(() => qa.clock.freeze(new Date('2026-13-45T00:00:00Z'))).toThrow(/A moment is a Date, ms since the epoch or an ISO 8601 date-time/);
    expect(() => qa.clock.set('2026-02-30T00:00:00Z')).toThrow(/A moment is/);
    expect(() => qa.clock.advance(1.5)).toThrow(/advance takes whole milliseconds, got 1.5/);
    // A number passed as text is named so (it read `got 5`, a number refused for being one, a QA tour).
    expect(() => qa.clock.advance('5' as unknown as number)).toThrow('advance takes whole milliseconds, got "5" ("5" is text: write 5 without quotes)');
    expect(() => qa.clock.set(Date.UTC(10_000, 0, 1))).toThrow(/between 1970 and the end of 9999/);
    expect(qa.clock.now()).toBe(clock.now());
    // An ISO date-time with its zone is a moment as the admin API reads one.
    qa.clock.set('2026-03-01T10:00:00Z');
    expect(qa.clock.now()).toBe(Date.UTC(2026, 2, 1, 10));
    qa.clock.reset();
    qa.setSeed(7);
    qa.setSeed(null); // as GET /__admin/sessions/{id}/seed shows none, and PUT {"seed": null} clears it
    expect(qa.seed()).toBeUndefined();
    expect(() => qa.setSeed(-1)).toThrow(SandboxError);
    qa.useScenario('mfa-enabled', 'flashback');
    expect(qa.totpCode('usr_ada')).toMatch(/^\d{6}$/);
  });

  it('close() ends a pending waitForMessage at once, so the process can exit', async () => {
    const closing = await createSandbox();
    const wait = closing.session('waiting').waitForMessage({}, { timeoutMs: 60_000 });
    const started = performance.now();
    await closing.close();
    await expect(wait).rejects.toMatchObject({ name: 'SandboxError', code: 'MOCK_ERR_CLOSING', message: expect.stringMatching(/closed .*while waiting/) });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('after close(), every session control fails saying the sandbox is closed, instead of working on without it', async () => {
    const closed = await createSandbox();
    const qa = closed.session('before-close');
    const { clock } = closed;
    await closed.close();
    const closedError = {
      name: 'SandboxError',
      code: 'MOCK_ERR_CLOSING',
      message: expect.stringMatching(/^This sandbox is closed \(sandbox\.close\(\) was called\)/),
    };
    const calls: Array<[string, () => unknown]> = [
      ['qa.useScenario', () => qa.useScenario('default')],
      ['qa.journal', () => qa.journal()],
      ['qa.state', () => qa.state()],
      ['qa.outbox', () => qa.outbox()],
      ['qa.clock.now', () => qa.clock.now()],
      ['qa.addOverride', () => qa.addOverride({ surface: 'flashback', operationId: 'getMFAStatus', status: 500 })],
      ['qa.reset', () => qa.reset()],
      ['sandbox.session', () => closed.session('after-close')],
      ['sandbox.useScenario', () => closed.useScenario('default')],
      ['sandbox.clock.advance', () => clock.advance(1_000)],
      ['sandbox.reset', () => closed.reset()],
    ];
    for (const [name, call] of calls) {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(SandboxError);
      expect(thrown, name).toMatchObject(closedError);
    }
    // A wait fails as it does otherwise: its promise rejects.
    await expect(qa.waitForMessage({}, { timeoutMs: 1_000 })).rejects.toMatchObject(closedError);
    // What is no call still reads: the headers and prefix name the session.
    expect(qa.headers).toEqual({ 'x-mock-session': 'before-close' });
  });
});
