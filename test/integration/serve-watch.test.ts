import { copyFile, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { BIN, startChildServer, startSandboxProcess, type ChildServer } from '../harness/child-server.js';
import { authenticatorCode } from '../harness/totp.js';

/**
 * `serve --watch` as a user runs it: a process serving a temporary copy of the specs and a scenarios directory of its
 * own, edited while it runs. Every step waits for the line the reload prints (no fixed sleeps).
 */
let server: ChildServer;
let dir: string;
let specsDir: string;
let scenariosDir: string;
let shippedDefault: string;

/**
 * Change a watched file, then wait for the line its reload prints (`pattern`, in the output written since the change)
 * and return that output.
 */
async function changeAndWait(change: () => Promise<void>, pattern: RegExp, timeoutMs = 30_000): Promise<string> {
  const since = server.output().length;
  await change();
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(server.output().slice(since))) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output since the change:\n${server.output().slice(since)}`);
    if (!server.isRunning()) throw new Error(`the server stopped:\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return server.output().slice(since);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The line a good reload prints for a change of `file` (`removed` once it is deleted). */
const reloadedLine = (file: string, what: 'changed' | 'removed' = 'changed') => new RegExp(`watch: ${escape(file)} ${what}: reloaded`);

const ADA = { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' };

async function flashback(path: string, session: string, body?: unknown): Promise<{ status: number; data: any }> {
  const response = await fetch(`${server.url}/flashback${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...ADA, 'x-mock-session': session },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, data: await response.json() };
}

async function flashbackScenarios(): Promise<Array<{ name: string; description: string }>> {
  const response = await fetch(`${server.url}/__admin/scenarios`);
  return ((await response.json()) as Record<string, Array<{ name: string; description: string }>>).flashback!;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-watch-'));
  specsDir = join(dir, 'specs');
  scenariosDir = join(dir, 'scenarios');
  shippedDefault = await readFile(join('scenarios', 'flashback', 'default.yaml'), 'utf8');
  await mkdir(specsDir);
  await mkdir(join(scenariosDir, 'flashback'), { recursive: true });
  for (const surface of SURFACE_IDS) await copyFile(join('specs', `${surface}.openapi.yaml`), join(specsDir, `${surface}.openapi.yaml`));
  server = await startSandboxProcess(['--log-level', 'info', '--watch', '--specs', specsDir, '--scenarios', scenariosDir]);
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('serve --watch', () => {
  const extra = () => join(scenariosDir, 'flashback', 'extra.yaml');

  it('says it watches, and a new scenario file is served after the reload; a session made before keeps its enrolled factor', async () => {
    expect(server.output()).toMatch(/listening: .*; watching specs and scenarios/);
    // Before any reload: Ada enrols TOTP in session "kept".
    const setup = await flashback('/mfa/setup', 'kept', { mfaType: 'GOOGLE_AUTH' });
    expect(setup.status).toBe(200);
    const verify = await flashback('/mfa/verify-setup', 'kept', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(setup.data.data.secret) });
    expect(verify.status).toBe(200);
    expect((await flashback('/mfa/status', 'kept')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);

    await changeAndWait(() => writeFile(extra(), 'description: Extra, first version\n'), reloadedLine(extra()));
    expect(await flashbackScenarios()).toContainEqual(expect.objectContaining({ name: 'extra', description: 'Extra, first version' }));
    // The session survived the swap: same state, in the new version.
    expect((await flashback('/mfa/status', 'kept')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);
    expect((await flashback('/mfa/status', 'fresh')).data.data.enabledMethods).toEqual([]);
  });

  it('a broken edit prints its file and JSON pointer, and the last good version keeps serving; fixing it reloads', async () => {
    const output = await changeAndWait(
      () => writeFile(extra(), 'description: Extra, broken\noverrides:\n  - { operationId: getMFAStatus, status: 302 }\n'),
      /changed: not reloaded, the last good version keeps serving: /,
    );
    expect(output).toContain(`${extra()}:3:34: /overrides/0/status: getMFAStatus declares no 302 response`);
    expect(output).not.toMatch(/\n\s+at /); // a message, never a stack trace
    expect(await flashbackScenarios()).toContainEqual(expect.objectContaining({ name: 'extra', description: 'Extra, first version' }));
    expect((await flashback('/mfa/status', 'kept')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);

    await changeAndWait(() => writeFile(extra(), 'description: Extra, fixed\n'), reloadedLine(extra()));
    expect(await flashbackScenarios()).toContainEqual(expect.objectContaining({ name: 'extra', description: 'Extra, fixed' }));
    expect((await flashback('/mfa/status', 'kept')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);
  });

  it('a new symbolic link to nothing, or a loop of links, is a change (not "removed"), with why it cannot be read', async () => {
    const dangling = join(scenariosDir, 'flashback', 'dangling.yaml');
    const output = await changeAndWait(() => symlink('/nonexistent.yaml', dangling), /changed: not reloaded/);
    expect(output).toContain(`watch: ${dangling} changed: not reloaded, the last good version keeps serving: ${dangling}: a symbolic link to nothing`);
    await changeAndWait(() => rm(dangling), reloadedLine(dangling, 'removed'));
    const loop = join(scenariosDir, 'flashback', 'loop.yaml');
    const looped = await changeAndWait(() => symlink(loop, loop), /changed: not reloaded/);
    expect(looped).toContain(`watch: ${loop} changed: not reloaded, the last good version keeps serving: ${loop}: a symbolic link that leads back to itself`);
    await changeAndWait(() => rm(loop), reloadedLine(loop, 'removed'));
  });

  it('a file saved by renaming a temporary file over it (sed -i, safe-write editors) is still followed by later saves', async () => {
    const saveByRename = async (text: string) => {
      await writeFile(join(scenariosDir, 'flashback', 'sedX1y2Z3'), text); // sed -i's temporary name: not reported
      await rename(join(scenariosDir, 'flashback', 'sedX1y2Z3'), extra());
    };
    const output = await changeAndWait(() => saveByRename('description: Extra, renamed over\n'), reloadedLine(extra()));
    expect(output).not.toContain('sedX1y2Z3');
    expect(await flashbackScenarios()).toContainEqual(expect.objectContaining({ name: 'extra', description: 'Extra, renamed over' }));
    // Node's recursive watch on Linux kept watching the replaced file's old inode, so these saves went unseen.
    await changeAndWait(() => writeFile(extra(), 'description: Extra, saved after the rename\n'), reloadedLine(extra()));
    expect(await flashbackScenarios()).toContainEqual(expect.objectContaining({ name: 'extra', description: 'Extra, saved after the rename' }));
  });

  it('a session whose scenario file is deleted gets the unknown-scenario fault until it switches; one that was in it before it changed keeps its world', async () => {
    // The shipped default's world (Ada and her token), under another description.
    const withAda = (description: string) => shippedDefault.replace(/^description: .*$/m, `description: ${description}`);
    await changeAndWait(() => writeFile(extra(), withAda('Extra, with Ada')), reloadedLine(extra()));
    const choose = (session: string, scenario: string) =>
      fetch(`${server.url}/__admin/sessions/${session}/scenario`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario, surface: 'flashback' }),
      });
    expect((await choose('in-extra', 'extra')).status).toBe(200);
    const setup = await flashback('/mfa/setup', 'in-extra', { mfaType: 'GOOGLE_AUTH' });
    expect(setup.status).toBe(200);
    await flashback('/mfa/verify-setup', 'in-extra', { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(setup.data.data.secret) });

    await changeAndWait(() => writeFile(extra(), withAda('Extra, with Ada, edited')), reloadedLine(extra()));
    expect((await flashback('/mfa/status', 'in-extra')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);

    await changeAndWait(() => rm(extra()), reloadedLine(extra(), 'removed'));
    expect((await flashbackScenarios()).map((scenario) => scenario.name)).not.toContain('extra');
    const orphan = await flashback('/mfa/status', 'in-extra');
    expect(orphan.status).toBe(422);
    expect(orphan.data.code).toBe('MOCK_ERR_UNKNOWN_SCENARIO');
    expect((await choose('in-extra', 'default')).status).toBe(200);
    expect((await flashback('/mfa/status', 'in-extra')).status).toBe(200);
  });

  it('reloads an edited spec, and keeps the last good one when the edit breaks it', async () => {
    const lerian = join(specsDir, 'lerian.openapi.yaml');
    const original = await readFile(lerian, 'utf8');
    const titled = original.replace(/^( {2}title: ).*$/m, '$1Lerian, edited');
    expect(titled).not.toBe(original);
    const lerianTitle = async () => {
      const surfaces = (await (await fetch(`${server.url}/__admin/surfaces`)).json()) as Array<{ id: string; title: string }>;
      return surfaces.find((surface) => surface.id === 'lerian')!.title;
    };
    await changeAndWait(() => writeFile(lerian, titled), reloadedLine(lerian));
    expect(await lerianTitle()).toBe('Lerian, edited');

    await changeAndWait(
      () => writeFile(lerian, `${titled}\nx: [\n`),
      new RegExp(`watch: ${escape(lerian)} changed: not reloaded, the last good version keeps serving: ${escape(lerian)}: not valid YAML`),
    );
    expect(await lerianTitle()).toBe('Lerian, edited');
    expect((await flashback('/mfa/status', 'kept')).data.data.enabledMethods).toEqual(['GOOGLE_AUTH']);

    // Valid YAML, invalid OpenAPI: named by the JSON pointer of the problem.
    const output = await changeAndWait(() => writeFile(lerian, titled.replace('operationId: getMfaStatus', 'operationIdx: getMfaStatus')), /not reloaded/);
    expect(output).toContain(
      `watch: ${lerian} changed: not reloaded, the last good version keeps serving: ${lerian}#/paths/~1v1~1users~1{id}~1mfa/get/operationIdx: invalid OpenAPI 3.1`,
    );
    expect(await lerianTitle()).toBe('Lerian, edited');

    await changeAndWait(() => writeFile(lerian, original), reloadedLine(lerian));
    expect(await lerianTitle()).not.toBe('Lerian, edited');
  });

  it('a wait and an event stream begun before a reload hear of a message sent after it', async () => {
    const session = 'waits-across-reload';
    const waiting = fetch(`${server.url}/__admin/sessions/${session}/outbox/next?contains=link&timeoutMs=20000`);
    const events = new AbortController();
    const stream = await fetch(`${server.url}/__admin/sessions/${session}/events`, { signal: events.signal });
    const reader = stream.body!.getReader();
    let received = '';
    const sawOutboxEvent = (async () => {
      while (!received.includes('event: outbox')) {
        const { value, done } = await reader.read();
        if (done) return false;
        received += new TextDecoder().decode(value);
      }
      return true;
    })();
    try {
      await changeAndWait(() => writeFile(extra(), 'description: Extra, while waiting\n'), reloadedLine(extra()));
      const sent = performance.now();
      expect((await flashback('/mfa/magic-link/send', session, {})).status).toBe(200);
      const answer = await waiting;
      expect(answer.status).toBe(200);
      expect(performance.now() - sent).toBeLessThan(5_000); // heard of, not found when the wait timed out
      expect(await sawOutboxEvent).toBe(true);
    } finally {
      events.abort();
    }
  });
});

describe('serve --watch, its log at info', () => {
  it('numbers request ids on across reloads: no two requests of one log share one', async () => {
    const scenarios = await mkdtemp(join(tmpdir(), 'mfa-watch-ids-'));
    await mkdir(join(scenarios, 'flashback'));
    const logged = await startChildServer(
      BIN('tsx'),
      [join(process.cwd(), 'src/main.ts'), 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'info', '--watch', '--scenarios', scenarios],
      { ready: /listening: .* at (http:\/\/[^/\s]+)/ },
    );
    try {
      const status = () => fetch(`${logged.url}/flashback/mfa/status`, { headers: ADA });
      await status();
      const file = join(scenarios, 'flashback', 'ids.yaml');
      const since = logged.output().length;
      await writeFile(file, 'description: Ids\n');
      await expect.poll(() => reloadedLine(file).test(logged.output().slice(since)), { timeout: 30_000 }).toBe(true);
      await status();
      await expect.poll(() => [...logged.output().matchAll(/"reqId":"(req-[0-9a-z]+)"/g)].length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
      const ids = [...logged.output().matchAll(/"reqId":"(req-[0-9a-z]+)"/g)].map((match) => match[1]);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await logged.stop();
      await rm(scenarios, { recursive: true, force: true });
    }
  }, 60_000);
});
