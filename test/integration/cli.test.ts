import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { toNetworkUrls } from '../../src/server/network-addresses.js';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { logMessages } from '../harness/log-messages.js';

/** The CLI as a user runs it: a separate process, through tsx, reading only argv and the environment. */
const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const MAIN = join(process.cwd(), 'src/main.ts');

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(TSX, [MAIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 30_000 });
}

/** A copy of the shipped specs in a fresh directory, for a test to edit and pass with --specs. */
async function copyShippedSpecs(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-specs-'));
  for (const name of await readdir('specs', { recursive: true })) {
    if (!name.endsWith('.yaml')) continue;
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), await readFile(join('specs', name), 'utf8'));
  }
  return dir;
}

/** What `serve` prints on stderr until it listens (its warnings); the server is stopped then. */
async function stderrOfServeStart(args: string[]): Promise<string> {
  const child = spawn(TSX, [MAIN, 'serve', '--port', '0', ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('listening: ')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out} ${stderr}`)));
      setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
    });
    return logMessages(stderr);
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

// Each test starts the CLI several times, a fresh Node process through tsx each (1-2 s apiece on a busy 2-core
// machine): vitest's 20 s per test was met by the test's own spawns on a slow day, not by a hung CLI (each spawn has its
// own 30 s limit).
describe('mfa-sandbox CLI', { timeout: 90_000 }, () => {
  it('check validates every spec and scenario and exits 0', () => {
    const result = run(['check']);
    expect(result.status).toBe(0);
    for (const surface of [...SURFACE_IDS]) expect(result.stdout).toMatch(new RegExp(`ok  ${surface}: .*operations\\), \\d+ scenarios`));
  });

  it('warns of an MFA_SANDBOX_ variable it does not read, naming the one meant, and goes on', () => {
    const result = run(['check'], { MFA_SANDBOX_STATE: 'postgres://db/mfa', MFA_SANDBOX_PORT: '5259' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe(
      'mfa-sandbox: warning: MFA_SANDBOX_PORT is not a setting mfa-sandbox reads (did you mean PORT?); ignored\n' +
        'mfa-sandbox: warning: MFA_SANDBOX_STATE is not a setting mfa-sandbox reads (did you mean MFA_SANDBOX_STATE_URL?); ignored\n',
    );
  });

  it('check refuses a scenario file saved as Latin-1 at its first byte that is not UTF-8, not loading its text garbled', async () => {
    // Read leniently, "josé" became "jos\ufffd", which passed the e-mail check and then matched no request.
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'flashback'));
    const file = join(dir, 'flashback', 'latin1.yaml');
    await writeFile(file, Buffer.from('description: "caf\xe9"\nworld: {users: [{id: u3, email: "jos\xe9@example.com", token: t3}]}\n', 'latin1'));
    const result = run(['check', '--strict', '--scenarios', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `mfa-sandbox: ${file}:1:18: the file is not UTF-8: byte 0xE9 here is "é" in Windows-1252 or Latin-1, as an editor may have saved it; save the file as UTF-8\n`,
    );
  });

  it('check --strict fails a --scenarios directory with no scenario file in it (a wrong path passed on the shipped files alone)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    const warning = `mfa-sandbox: warning: ${dir}: no scenario file in it (${join(dir, 'flashback', '<name>.yaml')}): only the shipped scenarios are served\n`;
    const empty = run(['check', '--strict', '--scenarios', dir]);
    expect([empty.status, empty.stderr]).toEqual([1, `${warning}mfa-sandbox: check --strict: 1 warning, counted as problems\n`]);
    // Files for another surface than the one served load nothing for it either; one of its own clears the warning.
    await mkdir(join(dir, 'flashback'));
    await copyFile(join('scenarios', 'flashback', 'slow.yaml'), join(dir, 'flashback', 'mine.yaml'));
    expect(run(['check', '--strict', '--scenarios', dir, '--surface', 'nest-auth']).stderr).toContain(`${dir}: no scenario file for nest-auth in it`);
    const mine = run(['check', '--strict', '--scenarios', dir, '--surface', 'flashback']);
    expect([mine.status, mine.stderr]).toEqual([0, '']);
  });

  it('check exits 1 listing every broken scenario with its file and JSON pointer, in one run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    await mkdir(join(dir, 'flashbak'));
    await mkdir(join(dir, 'lerain'));
    await writeFile(join(dir, 'lerian', 'broken.yaml'), 'description: x\noverrides:\n  - { operationId: getMfaStatus, status: 302 }\n');
    await writeFile(join(dir, 'lerian', 'also-broken.yml'), 'description: x\nworld: { colour: blue }\n');
    const result = run(['check', '--scenarios', dir]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('mfa-sandbox: 4 problems in the scenarios:\n');
    // A misspelt surface folder is named with the surface meant.
    expect(result.stderr).toContain(
      `  ${join(dir, 'flashbak')}: "flashbak" is not a surface (did you mean "flashback"?); a scenarios directory holds one folder per surface: flashback, nest-auth, lerian, genauth\n`,
    );
    expect(result.stderr).toContain(`  ${join(dir, 'lerain')}: "lerain" is not a surface (did you mean "lerian"?); a scenarios directory holds`);
    expect(result.stderr).toContain(`  ${join(dir, 'lerian', 'also-broken.yml')}:2:10: /world/colour: unknown field "colour"\n`);
    // Each at its line and column, as compilers write them (a terminal or editor opens the file there).
    expect(result.stderr).toContain(`  ${join(dir, 'lerian', 'broken.yaml')}:3:34: /overrides/0/status: getMfaStatus declares no 302 response`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(result.stdout).not.toContain('ok  ');

    // serve refuses to start with the same list (from the environment this time).
    const serve = run(['serve', '--port', '0'], { MFA_SANDBOX_SCENARIOS: dir });
    expect(serve.status).toBe(1);
    expect(serve.stderr).toContain('mfa-sandbox: 4 problems in the scenarios:\n');
    expect(serve.stderr).toContain(`${join(dir, 'lerian', 'broken.yaml')}:3:34: /overrides/0/status: getMfaStatus declares no 302 response`);
  });

  it('check and serve refuse a Lerian scenario user whose id is not a UUID (no request could name him), naming the file and pointer', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    const users = ['not-a-uuid', '0190AAAA-0000-7000-8000-00000000000A', '0190aaaa-0000-7000-8000-00000000000b'];
    await writeFile(
      join(dir, 'lerian', 'ids.yaml'),
      `description: x\nworld:\n  users:\n${users.map((id, n) => `    - { id: ${id}, email: u${n}@example.com }\n`).join('')}`,
    );
    const problem =
      `mfa-sandbox: ${join(dir, 'lerian', 'ids.yaml')}:4:9: /world/users/0/id: user id "not-a-uuid" is not a UUID: lerian user ids are ` +
      "(the spec's UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003)\n";
    const check = run(['check', '--scenarios', dir, '--surface', 'lerian']);
    expect(check.status).toBe(1);
    expect(check.stderr).toBe(problem);
    const serve = run(['serve', '--port', '0', '--scenarios', dir, '--surface', 'lerian']);
    expect(serve.status).toBe(1);
    expect(serve.stderr).toBe(problem);
  });

  it('check warns of a cache directory it cannot write, as serve does, and still passes (it was silent there)', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'check-cache-')), 'not-a-folder');
    await writeFile(file, '');
    const result = run(['check', '--cache-dir', join(file, 'cache')]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`mfa-sandbox: warning: the cache directory ${join(file, 'cache')} cannot be written (ENOTDIR)`);
  });

  it("check exits 1 for a spec whose operations its surface's handlers do not match (serve refused it; check said ok)", async () => {
    const dir = await copyShippedSpecs();
    const flashback = join(dir, 'flashback.openapi.yaml');
    await writeFile(flashback, (await readFile(flashback, 'utf8')).replace(/operationId: setupMFA\n/, 'operationId: setupMFAx\n'));
    const result = run(['check', '--specs', dir, '--cache-dir', 'off']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      `mfa-sandbox: ${flashback}: surface "flashback" does not match its spec; operations without behaviour: setupMFAx; handlers for operations the spec lacks: setupMFA`,
    );
    expect(result.stdout).not.toContain('ok  ');
  });

  it('check exits 1 for an edited spec whose example its own schema refuses, or that lost an example the sandbox answers with', async () => {
    const dir = await copyShippedSpecs();
    const flashback = join(dir, 'flashback.openapi.yaml');
    const edited = (await readFile(flashback, 'utf8'))
      // An example beside the documented one that breaks ErrorResponse (no `error`, a field it does not allow)...
      .replace(
        "                getStatusError:\n                  $ref: '#/components/examples/getStatusError'\n",
        "                getStatusError:\n                  $ref: '#/components/examples/getStatusError'\n                busy:\n                  value: { success: false, message: busy }\n",
      )
      // ...and the wrong-code example of verify-login renamed, which the handler answers a wrong code with.
      .replace(/^( {16})mfaVerificationFailed:$/m, '$1mfaVerificationFailedX:');
    await writeFile(flashback, edited);
    const result = run(['check', '--specs', dir, '--cache-dir', 'off']);
    expect(result.status).toBe(1);
    // Problems of a spec, named as such (they were listed as "problems in the scenarios"), each at the example itself.
    expect(result.stderr).toContain('mfa-sandbox: 2 problems in the specs:\n');
    expect(result.stderr).toContain(
      `  ${flashback}#/paths/~1mfa~1status/get/responses/500/content/application~1json/examples/busy: getMFAStatus 500 example "busy": / must have required property 'error'; / must NOT have additional properties: message`,
    );
    expect(result.stderr).toMatch(
      new RegExp(
        `  ${flashback}#/paths/~1mfa~1verify-login/post/responses/400: verifyMFALogin 400 has no example "mfaVerificationFailed", which the shipped spec names: .*; this spec's 400 examples: .*mfaVerificationFailedX`,
      ),
    );
    expect(result.stdout).not.toContain('ok  ');
  });

  it('check names the place of a $ref that names nothing, and the name meant (the validator named only the target)', async () => {
    const dir = await copyShippedSpecs();
    const lerian = join(dir, 'lerian.openapi.yaml');
    const text = await readFile(lerian, 'utf8');
    const typo = text.replace("$ref: '#/components/schemas/MFAStatusResponse'", "$ref: '#/components/schemas/MFAStatusRespnse'");
    expect(typo).not.toBe(text);
    await writeFile(lerian, typo);
    const result = run(['check', '--specs', dir, '--cache-dir', 'off']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      `mfa-sandbox: ${lerian}#/paths/~1v1~1users~1{id}~1mfa/get/responses/200/content/application~1json/schema/$ref: ` +
        '$ref "#/components/schemas/MFAStatusRespnse" names nothing (did you mean "MFAStatusResponse"?)\n',
    );
  });

  it("check names a specs directory that is not there, and one that lacks a served surface's spec with the ones it has", async () => {
    const missing = join(await mkdtemp(join(tmpdir(), 'mfa-cli-')), 'specs');
    expect(run(['check', '--specs', missing, '--cache-dir', 'off'])).toMatchObject({
      status: 1,
      stderr: `mfa-sandbox: ${missing}: not a specs directory: there is no such directory\n`,
    });
    const partial = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await copyFile(join(process.cwd(), 'specs', 'lerian.openapi.yaml'), join(partial, 'lerian.openapi.yaml'));
    const result = run(['check', '--specs', partial, '--cache-dir', 'off']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`mfa-sandbox: ${join(partial, 'flashback.openapi.yaml')}: no such file: a specs directory holds`);
    expect(result.stderr).toContain('with --surface <id> (it has lerian.openapi.yaml)');
    expect(run(['check', '--specs', partial, '--surface', 'lerian', '--cache-dir', 'off']).status).toBe(0);
  });

  it('check counts a user scenarios directory beside the shipped scenarios, its .yml files included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    await writeFile(join(dir, 'lerian', 'mine.yml'), 'description: mine\n');
    await writeFile(join(dir, 'lerian', 'default.yaml'), 'description: my own default\n');
    const shipped = (await readdir(join(process.cwd(), 'scenarios', 'lerian'))).filter((file) => file.endsWith('.yaml')).length;
    const result = run(['check', '--scenarios', dir]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`ok {2}lerian: .*, ${Number(shipped) + 1} scenarios`));
    expect(run(['scenarios', '--scenarios', dir]).stdout).toMatch(/^ {2}default +my own default$/m);
  });

  it('check and serve say which shipped scenario a file of the user replaces (named like it, maybe by chance)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    await writeFile(
      join(dir, 'lerian', 'missing-user.yaml'),
      'description: my own missing user\nworld:\n  tokens: { lerian-token-gone: 019c96a0-0000-7000-8000-00000000dead }\n',
    );
    const notice =
      `mfa-sandbox: warning: lerian scenario "missing-user": ${join(dir, 'lerian', 'missing-user.yaml')} replaces the shipped one ` +
      `(${join(process.cwd(), 'scenarios', 'lerian', 'missing-user.yaml')}); give the file another name to keep both\n`;
    const check = run(['check', '--scenarios', dir, '--surface', 'lerian']);
    expect(check.status).toBe(0);
    expect(check.stderr).toBe(notice);
    expect(check.stdout).toMatch(/^ok {2}lerian: /);

    expect(await stderrOfServeStart(['--surface', 'lerian', '--scenarios', dir])).toBe(notice);
  });

  it('serve on a port taken or a host this machine lacks: exit 2 naming the setting to change, as proxy does, with or without --watch', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = String((taken.address() as AddressInfo).port);
      for (const watch of [[], ['--watch']]) {
        const busy = run(['serve', '--port', port, '--surface', 'lerian', ...watch]);
        expect([busy.status, busy.stderr]).toEqual([
          2,
          `mfa-sandbox: configuration: --port ${port} on 127.0.0.1: cannot listen there (EADDRINUSE: another process listens there); pick another port (--port 0 takes any free one)\n`,
        ]);
      }
      const busyFromEnvironment = run(['serve', '--surface', 'lerian'], { PORT: port });
      expect([busyFromEnvironment.status, busyFromEnvironment.stderr]).toEqual([
        2,
        `mfa-sandbox: configuration: PORT ${port} on 127.0.0.1: cannot listen there (EADDRINUSE: another process listens there); pick another port (PORT=0 takes any free one)\n`,
      ]);
    } finally {
      taken.close();
    }
    const nowhere = run(['serve', '--port', '0', '--host', '999.1.1.1', '--surface', 'lerian']);
    expect(nowhere.status).toBe(2);
    expect(nowhere.stderr).toMatch(
      /^mfa-sandbox: configuration: --host 999\.1\.1\.1: cannot listen there \((ENOTFOUND|EAI_AGAIN): [^)]+\); give an address of this machine/,
    );
    // Set by the environment (a compose file's HOST and PORT), the message names the variables, not flags never given.
    const fromEnvironment = run(['serve', '--surface', 'lerian'], { HOST: '999.1.1.1', PORT: '0' });
    expect(fromEnvironment.status).toBe(2);
    expect(fromEnvironment.stderr).toMatch(/^mfa-sandbox: configuration: HOST 999\.1\.1\.1: cannot listen there \((ENOTFOUND|EAI_AGAIN): /);
  });

  it("check and serve warn of a setting the scenario's surface never reads (Lerian: org, policy, accessKeys), naming what to write instead", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    const file = join(dir, 'lerian', 'ignored.yaml');
    await writeFile(
      file,
      [
        'description: settings of other vendors',
        'world:',
        '  org: { id: acme, name: Acme, mfaEnforced: true }',
        '  policy: { methods: [totp, email], required: true }',
        '  accessKeys: [{ id: key, secret: secret }]',
        '  users:',
        // role is read: an operator (ADMINISTRATOR) sets up a user's TOTP for Pact provider states.
        '    - { id: 019c96a0-0000-7000-8000-0000000000ad, email: operator@example.com, token: t, role: ADMINISTRATOR }',
      ].join('\n'),
    );
    const warnings =
      `mfa-sandbox: warning: ${file}:3:3: /world/org: lerian never reads org, so it changes nothing: Lerian has no organisation: MFA is each user's own (give the user factors, or set them up through the API)\n` +
      `mfa-sandbox: warning: ${file}:4:3: /world/policy: lerian never reads policy, so it changes nothing: Lerian has no application MFA policy: a user has the methods they enabled (give the user factors)\n` +
      `mfa-sandbox: warning: ${file}:5:3: /world/accessKeys: lerian never reads accessKeys, so it changes nothing: only GenAuth signs requests with access keys; this vendor's users authenticate with their bearer \`token\`\n`;
    const check = run(['check', '--scenarios', dir, '--surface', 'lerian']);
    expect(check.status).toBe(0);
    expect(check.stderr).toBe(warnings);
    expect(await stderrOfServeStart(['--surface', 'lerian', '--scenarios', dir])).toBe(warnings);

    // --strict: the same warnings fail the check, for a CI that wants none.
    const strict = run(['check', '--scenarios', dir, '--surface', 'lerian', '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toBe(`${warnings}mfa-sandbox: check --strict: 3 warnings, counted as problems\n`);
    expect(strict.stdout).toBe(''); // no "ok  lerian" beside the failure
  });

  it('check lists the warnings beside the problems of another file, not only once those are fixed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    await mkdir(join(dir, 'flashback'));
    const ignored = join(dir, 'lerian', 'ignored.yaml');
    await writeFile(
      ignored,
      'description: an org Lerian has not\nworld:\n  org: { id: acme, name: Acme, mfaEnforced: true }\n  users: [{ id: 019c96a0-0000-7000-8000-0000000000ad, email: a@example.com, token: t }]\n',
    );
    const broken = join(dir, 'flashback', 'broken.yaml');
    await writeFile(broken, 'description: users that are no list\nworld:\n  users: 5\n');
    const check = run(['check', '--scenarios', dir]);
    expect(check.status).toBe(1);
    expect(check.stderr).toBe(
      `mfa-sandbox: warning: ${ignored}:3:3: /world/org: lerian never reads org, so it changes nothing: Lerian has no organisation: MFA is each user's own (give the user factors, or set them up through the API)\n` +
        `mfa-sandbox: ${broken}:3:3: /world/users: must be array\n`,
    );
    // A clean check passes --strict.
    expect(run(['check', '--strict']).status).toBe(0);
  });

  it('check and serve name a surface folder that cannot be read and what to do, not with Node\'s "EACCES: ... scandir"', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await chmod(dir, 0o755);
    const folder = join(dir, 'flashback');
    await mkdir(folder, { mode: 0o000 });
    // Root reads any folder: run as root (a container, CI), the command runs as nobody, as a user would.
    const nobody =
      process.getuid?.() === 0
        ? { uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })) }
        : {};
    const asUser = (args: string[]) =>
      spawnSync(TSX, [MAIN, ...args, '--cache-dir', 'off'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 30_000, ...nobody });
    const message = `${folder}: the folder cannot be read (permission denied): let the user mfa-sandbox runs as read it (chmod a+rX ${folder}), or move it out of the scenarios directory`;
    const check = asUser(['check', '--scenarios', dir]);
    expect([check.status, check.stderr]).toEqual([1, `mfa-sandbox: ${message}\n`]);
    const serve = asUser(['serve', '--port', '0', '--scenarios', dir]);
    expect([serve.status, serve.stderr]).toEqual([1, `mfa-sandbox: ${message}\n`]);
  });

  it("check lists a file's own warnings once its problems are fixed, not beside them (as the README says)", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    await mkdir(join(dir, 'lerian'));
    const file = join(dir, 'lerian', 'x.yaml');
    const withId = (id: string) => `description: x\nworld:\n  org: { id: o, name: O }\n  users: [{ id: ${id}, email: a@example.com, token: t }]\n`;
    await writeFile(file, withId('not-a-uuid'));
    const check = run(['check', '--scenarios', dir, '--surface', 'lerian']);
    expect(check.status).toBe(1);
    expect(check.stderr).toBe(
      `mfa-sandbox: ${file}:4:13: /world/users/0/id: user id "not-a-uuid" is not a UUID: lerian user ids are (the spec's UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003)\n`,
    );
    await writeFile(file, withId('019c96a0-0000-7000-8000-0000000000ad'));
    const fixed = run(['check', '--scenarios', dir, '--surface', 'lerian']);
    expect([fixed.status, fixed.stderr]).toEqual([0, expect.stringContaining(`mfa-sandbox: warning: ${file}:3:3: /world/org: lerian never reads org`)]);
  });

  it('a second start takes unchanged scenario files from the cache a first start wrote, and an edited one as edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-cli-'));
    const cacheDir = join(await mkdtemp(join(tmpdir(), 'mfa-cli-cache-')), 'nested');
    await mkdir(join(dir, 'lerian'));
    await writeFile(join(dir, 'lerian', 'mine.yaml'), 'description: as first written\n');
    expect(run(['scenarios', '--scenarios', dir, '--cache-dir', cacheDir]).stdout).toMatch(/^ {2}mine +as first written$/m);
    const [cacheFile] = await readdir(cacheDir);
    expect(cacheFile).toMatch(/^scenarios-[0-9a-f]{24}\.json$/);
    expect(await readFile(join(cacheDir, cacheFile!), 'utf8')).toContain('"description":"as first written"');

    await writeFile(join(dir, 'lerian', 'mine.yaml'), 'description: edited since\n');
    const second = run(['scenarios', '--scenarios', dir], { MFA_SANDBOX_CACHE_DIR: cacheDir });
    expect(second.stdout).toMatch(/^ {2}mine +edited since$/m);
    expect(await readFile(join(cacheDir, cacheFile!), 'utf8')).not.toContain('as first written');

    // off: nothing is written, not even to the default place
    const home = join(await mkdtemp(join(tmpdir(), 'mfa-cli-cache-')), 'xdg');
    expect(run(['check', '--scenarios', dir], { MFA_SANDBOX_CACHE_DIR: 'off', XDG_CACHE_HOME: home }).status).toBe(0);
    await expect(readdir(home)).rejects.toThrow(/ENOENT/);
    expect(run(['check', '--scenarios', dir], { MFA_SANDBOX_CACHE_DIR: '', XDG_CACHE_HOME: home }).status).toBe(0);
    expect(await readdir(join(home, 'mfa-sandbox'))).toHaveLength(1); // the default place, when not told otherwise
  });

  it('--validate-responses takes on/off (and the usual spellings); anything else is a usage error', () => {
    // verify without --pact reads its settings first, then stops: a setting it takes reaches "needs --pact".
    const result = run(['verify', '--validate-responses', 'maybe']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      'mfa-sandbox: configuration: --validate-responses: validate responses must be on or off (or true|false, yes|no, 1|0), got "maybe"',
    );
    expect(run(['verify'], { MFA_SANDBOX_VALIDATE_RESPONSES: 'enabled' }).stderr).toContain('MFA_SANDBOX_VALIDATE_RESPONSES: validate responses must be');
    expect(run(['verify', '--validate-responses', 'OFF']).stderr).toMatch(/^mfa-sandbox: verify needs --pact/);
  });

  it('check and scenarios, which run no sandbox, refuse its settings as flags and ignore them in the environment', () => {
    const flag = run(['check', '--journal-size', '5']);
    expect([flag.status, flag.stderr]).toEqual([
      2,
      'mfa-sandbox: --journal-size is an option of serve, verify, conformance and proxy, not of check (mfa-sandbox serve --help)\n',
    ]);
    expect(run(['scenarios', '--cors', 'off']).status).toBe(2);
    // A CI job's environment set for the server it starts later does not stop a check before it.
    const environment = { MFA_SANDBOX_JOURNAL_SIZE: 'abc', MFA_SANDBOX_BODY_LIMIT_BYTES: '-5', MFA_SANDBOX_CORS: 'sometimes' };
    expect(run(['check'], environment).status).toBe(0);
    expect(run(['scenarios'], environment).status).toBe(0);
  });

  it("--magic-link-url needs {token} in an http(s) URL or an app's deep link (a usage error naming the flag); only serve takes it", () => {
    const result = run(['serve', '--port', '0', '--magic-link-url', 'http://localhost:5173/mfa/magic-link']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(
      `mfa-sandbox: configuration: --magic-link-url: magic link URL must be an http(s) URL or an app's deep link (myapp://...) with {token} where the link's token goes, such as http://localhost:5173/mfa/magic-link?token={token}, got "http://localhost:5173/mfa/magic-link"`,
    );
    expect(run(['verify', '--pact', 'x', '--magic-link-url', 'http://localhost:5173/?t={token}']).stderr).toBe(
      'mfa-sandbox: --magic-link-url is an option of serve, not of verify (mfa-sandbox serve --help)\n',
    );
    // Its variable, set for a whole CI job, is ignored by the commands that do not read it.
    expect(run(['check'], { MFA_SANDBOX_MAGIC_LINK_URL: 'not a url' }).status).toBe(0);
  });

  it('a server-wide scenario no surface has is refused, as a usage problem naming where it was read', () => {
    const result = run(['serve', '--port', '0', '--scenario', 'nope']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^mfa-sandbox: configuration: --scenario: scenario "nope" is not a scenario of any surface; known: default, /m);
    // A CI job's variable is named as such: the command line it runs has no --scenario to look for.
    const fromVariable = run(['serve', '--port', '0'], { MFA_SANDBOX_SCENARIO: 'mfa-enabeld' });
    expect(fromVariable.status).toBe(2);
    expect(fromVariable.stderr).toMatch(
      /^mfa-sandbox: configuration: MFA_SANDBOX_SCENARIO: scenario "mfa-enabeld" is not a scenario of any surface \(did you mean "mfa-enabled"\?\)/m,
    );
  });

  it('scenarios lists each surface with its scenarios', () => {
    const result = run(['scenarios']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^lerian$/m);
    expect(result.stdout).toMatch(/^ {2}missing-user +User 019c96a0/m);
  });

  it("prints a command's own usage for `<command> --help`, and everything for --help alone or serve's", () => {
    const verify = run(['verify', '--help']);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/^Usage:\n {2}mfa-sandbox verify --pact <file\|dir>/);
    expect(verify.stdout).toContain('exit 2 if a report file cannot be written');
    // Then the options it takes, and only those: a CI author learnt of the others (--state, --port) from their refusal.
    expect(verify.stdout).toContain('\nOptions of verify:\n  --log-level <level>');
    expect(verify.stdout).toMatch(/^ {2}--journal-size <n> /m);
    expect(verify.stdout).not.toMatch(/^ {2}--(state|port|watch|strict|help) /m);
    const scenarios = run(['scenarios', '--help']).stdout;
    expect(scenarios).toMatch(/^ {2}--scenarios <dir> /m);
    expect(scenarios).not.toMatch(/^ {2}--journal-size /m);
    expect(verify.stdout).not.toContain('mfa-sandbox proxy');
    expect(run(['proxy', '--help']).stdout).toContain('--report keep a HAR 1.2 and a JSON drift report');
    expect(run(['proxy', '--help']).stdout).not.toContain('mfa-sandbox verify');
    for (const args of [['--help'], ['serve', '--help'], ['help']]) expect(run(args).stdout, args.join(' ')).toContain('Environment: PORT, HOST');
    // `help <command>` as `<command> --help`; a command that does not exist is no help to print.
    expect(run(['help', 'verify']).stdout).toBe(verify.stdout);
    expect(run(['help', 'help']).stdout).toContain('Environment: PORT, HOST');
    expect(run(['hlep']).stderr).toContain('unknown command "hlep" (did you mean "help"?)');
    const nope = run(['help', 'nope']);
    expect([nope.status, nope.stderr]).toEqual([2, expect.stringMatching(/^mfa-sandbox: unknown command "nope" \(commands: /)]);
  });

  it('rejects unknown commands, flags and surfaces, and flag or environment values it cannot use, with exit 2', () => {
    expect(run(['launch']).status).toBe(2);
    expect(run(['serve', '--colour']).status).toBe(2);
    const badSurface = run(['serve', '--surface', 'okta']);
    expect(badSurface.status).toBe(2);
    expect(badSurface.stderr).toContain('unknown surface "okta"');
    const badPort = run(['serve'], { PORT: 'eighty' });
    expect([badPort.status, badPort.stderr]).toEqual([2, expect.stringContaining('port must be an integer')]);
    for (const args of [
      ['serve', '--max-sessions', '0'],
      ['serve', '--admin-token', 'short'],
      ['scenarios', '--session-ttl', 'soon'],
    ])
      expect(run(args).status, args.join(' ')).toBe(2);
  });

  it("refuses another command's option, which it would ignore without a word, naming the commands that take it", () => {
    const pact = run(['serve', '--pact', 'pacts/']);
    expect([pact.status, pact.stderr]).toEqual([2, 'mfa-sandbox: --pact is an option of verify, not of serve (mfa-sandbox verify --help)\n']);
    const json = run(['scenarios', '--json', 'out.json']);
    expect([json.status, json.stderr]).toEqual([
      2,
      'mfa-sandbox: --json is an option of verify and conformance, not of scenarios (mfa-sandbox verify --help)\n',
    ]);
    expect(run(['check', '--watch']).stderr).toBe('mfa-sandbox: --watch is an option of serve, not of check (mfa-sandbox serve --help)\n');
    // A report flag of another command: the command's own is named (a proxy user reached for --json).
    expect(run(['proxy', '--surface', 'nest-auth', '--upstream', 'http://127.0.0.1:1', '--json', 'r.json']).stderr).toBe(
      'mfa-sandbox: --json is an option of verify and conformance, not of proxy; proxy writes its report with --report (mfa-sandbox verify --help)\n',
    );
    expect(run(['verify', '--dynamic', '--pact', 'x']).stderr).toBe('mfa-sandbox: --dynamic is an option of serve, not of verify (mfa-sandbox serve --help)\n');
    // verify runs its sandbox on a random port: an address given to it was ignored.
    expect(run(['verify', '--pact', 'x', '--port', '5210']).stderr).toBe(
      'mfa-sandbox: --port is an option of serve and proxy, not of verify (mfa-sandbox serve --help)\n',
    );
    // Only serve keeps sessions in PostgreSQL: check and verify ignored the URL.
    expect(run(['check', '--state', 'postgres://db/mfa']).stderr).toBe('mfa-sandbox: --state is an option of serve, not of check (mfa-sandbox serve --help)\n');
    // Their variables are another matter: set for a whole CI job (or by a linked container: PORT=tcp://...), they are
    // ignored by the commands that do not read them, and refused by those that do.
    const ambient: Array<Record<string, string>> = [
      { PORT: 'tcp://10.0.0.1:4010' },
      { HOST: ' ' },
      { MFA_SANDBOX_DYNAMIC: 'sometimes' },
      { MFA_SANDBOX_STATE_URL: 'mysql://db' },
    ];
    for (const env of ambient) {
      const checked = run(['check'], env);
      expect([checked.status, checked.stderr], JSON.stringify(env)).toEqual([0, '']);
    }
    expect(run(['serve'], { MFA_SANDBOX_DYNAMIC: 'sometimes' }).stderr).toContain('MFA_SANDBOX_DYNAMIC: dynamic must be on or off');
    expect(run(['serve'], { PORT: 'tcp://10.0.0.1:4010' }).status).toBe(2);
  });

  it('says what is wrong with a flag in one line, takes a negative number as a value to check, and prints its version', () => {
    const unknown = run(['serve', '--colour']);
    expect(unknown.stderr).toBe('mfa-sandbox: unknown option --colour (mfa-sandbox --help lists the commands and options)\n');
    const typo = run(['serve', '--scenaro', 'org-enforced']);
    expect([typo.status, typo.stderr]).toEqual([
      2,
      'mfa-sandbox: unknown option --scenaro (did you mean "--scenario" or "--scenarios"?) (mfa-sandbox --help lists the commands and options)\n',
    ]);
    expect(run(['serve', '--port']).stderr).toBe("mfa-sandbox: option '--port <value>' needs a value (mfa-sandbox --help lists the commands and options)\n");
    // Only the command's own options are suggested: --pact is verify's.
    expect(run(['serve', '--prot', '1']).stderr).toContain('unknown option --prot (did you mean "--port"?)');
    expect(run(['verify', '--pakt', 'x']).stderr).toContain('unknown option --pakt (did you mean "--pact"?)');
    // Levels as other tools spell them (LOG_LEVEL=INFO, WARNING) are the same levels; others say what they got.
    expect(run(['check'], { LOG_LEVEL: 'INFO' }).status).toBe(0);
    expect(run(['check', '--log-level', 'WARNING']).status).toBe(0);
    // pino's own trace and fatal (a LOG_LEVEL left for another tool in CI) read as the nearest level, not a refusal.
    for (const level of ['trace', 'FATAL']) expect(run(['check'], { LOG_LEVEL: level }).status, level).toBe(0);
    expect(run(['check'], { LOG_LEVEL: 'verbose' }).stderr).toContain('LOG_LEVEL: log level must be one of silent, error, warn, info, debug, got "verbose"');
    // An empty value is a variable unset in a CI line (`--scenarios "$DIR"`), for every option alike: `check` passed on
    // the shipped scenarios alone with an empty --scenarios, --specs or --cache-dir, read as no flag.
    for (const args of [
      ['serve', '--session-file', ''],
      ['check', '--scenarios', ''],
      ['check', '--specs='],
      ['check', '--cache-dir', ' '],
      ['verify', '--pact', 'x', '--junit', ''],
    ]) {
      const empty = run(args);
      const flag = args.find((arg) => arg.startsWith('--') && arg !== '--pact')!.replace(/=$/, '');
      expect([empty.status, empty.stderr], args.join(' ')).toEqual([
        2,
        `mfa-sandbox: ${flag} got an empty value: give it one, or leave the flag out (is a variable in the command line unset?)\n`,
      ]);
    }
    // Only --no-dynamic means something; `--no-help` started a server on 4010.
    for (const negation of ['--no-help', '--no-version', '--no-strict', '--no-watch']) {
      const refused = run(['check', negation]);
      expect([refused.status, refused.stderr], negation).toEqual([
        2,
        `mfa-sandbox: unknown option ${negation} (only --no-dynamic turns an option off; leave the flag out instead)\n`,
      ]);
    }
    const negative = run(['serve', '--port', '-1']);
    expect([negative.status, negative.stderr]).toEqual([2, 'mfa-sandbox: configuration: --port: port must be an integer between 0 and 65535, got "-1"\n']);
    expect(run(['verify', '--body-limit', '-5']).stderr).toContain('body limit (bytes) must be an integer between 1 and 1073741824, got "-5"');
    const version = run(['--version']);
    expect([version.status, version.stdout]).toEqual([0, `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`]);
    expect(run(['-v']).stdout).toBe(version.stdout);
  });

  it('refuses an option given twice (the first would be dropped without a word) and a stray word after a known command', () => {
    const twice = run(['scenarios', '--scenarios', 'a', '--scenarios', 'b']);
    expect([twice.status, twice.stderr]).toEqual([
      2,
      'mfa-sandbox: --scenarios is given twice; give it once (mfa-sandbox --help lists the commands and options)\n',
    ]);
    const stray = run(['serve', '--watch', 'extra']);
    expect([stray.status, stray.stderr]).toEqual([2, 'mfa-sandbox: serve takes no argument "extra" (options start with --; mfa-sandbox --help lists them)\n']);
    // One line, as an unknown option's: the whole usage printed after it scrolled it off a terminal.
    expect(run(['launch']).stderr).toBe(
      'mfa-sandbox: unknown command "launch" (commands: serve, check, scenarios, verify, conformance, proxy; mfa-sandbox --help lists them)\n',
    );
    // A typo of a command is told the command meant, as a typo of an option is.
    expect(run(['serv']).stderr).toMatch(/^mfa-sandbox: unknown command "serv" \(did you mean "serve"\?\) \(commands: [^\n]*\n$/);
    // Prism's command for the same job is told ours.
    const mock = run(['mock']);
    expect([mock.status, mock.stderr]).toEqual([
      2,
      expect.stringMatching(/^mfa-sandbox: unknown command "mock" \(did you mean "serve"\? prism mock is mfa-sandbox serve\) \(commands: /),
    ]);
    // A pact file given as an argument, as pact tools and check take a path, is told --pact.
    const pactArgument = run(['verify', 'pacts/web.json']);
    expect([pactArgument.status, pactArgument.stderr]).toEqual([
      2,
      'mfa-sandbox: verify takes its pact file or directory as --pact, not as an argument: mfa-sandbox verify --pact pacts/web.json\n',
    ]);
    // A one-letter flag other servers take is told its long form.
    expect(run(['serve', '-p', '4010']).stderr).toBe(
      'mfa-sandbox: unknown option -p (did you mean "--port"?) (mfa-sandbox --help lists the commands and options)\n',
    );
  });

  it('serve on every interface names the URLs other devices use, and says the admin API answers this machine only', async () => {
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--host', '0.0.0.0', '--log-level', 'warn'], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/listening: .* at http:\/\/localhost:(\d+)\//);
      const port = /at http:\/\/localhost:(\d+)\//.exec(out)![1];
      const expected = toNetworkUrls('0.0.0.0', Number(port));
      // A machine with no interface but loopback has nothing to name, and says nothing.
      if (expected.length === 0) return expect(out).not.toContain('on the network');
      // Each line is its own write: under load the next one may not have arrived with the first.
      await expect
        .poll(() => out, { timeout: 20_000 })
        .toContain(`mfa-sandbox on the network: ${expected.join(', ')} (other devices use <that URL>/<surface>)`);
      await expect
        .poll(() => stderr, { timeout: 20_000 })
        .toContain('the admin API and the QA console answer this machine only; to use them from another device, add --admin-access any');
      const status = await fetch(`${expected[0]}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(status.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });

  it('serve listens on the given port, answers, and stops on SIGTERM; a server-wide scenario some surfaces lack is a warning', async () => {
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--log-level', 'info', '--scenario', 'org-enforced'], {
      env: { ...process.env, NO_COLOR: '1', MFA_SANDBOX_SCENARIOS_DIRR: 'typo' },
    });
    let stderr = '';
    let out = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = out.match(/listening: .* at (http:\/\/[^/\s]+)/);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out} ${stderr}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
      });
      expect(logMessages(stderr)).toBe(
        'mfa-sandbox: warning: MFA_SANDBOX_SCENARIOS_DIRR is not a setting mfa-sandbox reads (did you mean MFA_SANDBOX_SCENARIOS?); ignored\n' +
          'mfa-sandbox: warning: scenario org-enforced: not on lerian (lerian sessions start in default)\n',
      );
      const health = await fetch(`${url}/__admin/health`);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const status = await fetch(`${url}/lerian/v1/users/019c96a0-0c21-71f9-a487-66a1258278a1/mfa`, {
        headers: { authorization: 'Bearer lerian-token-johndoe' },
      });
      expect(status.status).toBe(200);
      const flashback = await fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(((await flashback.json()) as { data: { isEnforced: boolean } }).data.isEnforced).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
    const code = await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
    expect(code).toBe(0);
    // Output not a terminal: the logs are JSON, and so are serve's own lines, one record per line (a log shipper
    // reading the stream took the plain listening line for a broken record): its lines info, its warnings warn.
    const records = out
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; time: number; pid: number; msg: string });
    // One process wrote them all (tsx runs the CLI in a child of its own, so not child.pid).
    expect(new Set(records.map((record) => record.pid)).size).toBe(1);
    expect(records.every((record) => Number.isInteger(record.time) && Number.isInteger(record.level))).toBe(true);
    expect(records.find((record) => record.msg.startsWith('mfa-sandbox listening: '))).toMatchObject({ level: 30 });
    // The address is announced once, by the sandbox's line (Fastify's own "Server listening at" said it again).
    expect(records.filter((record) => record.msg.includes('listening')).map((record) => record.msg.split(':')[0])).toEqual(['mfa-sandbox listening']);
    expect(records.some((record) => /^GET \/flashback\/mfa\/status -> 200 /.test(record.msg))).toBe(true);
    // Why it ended, as its last records (an operator read nothing at all after a SIGTERM).
    expect(records.slice(-2).map((record) => record.msg)).toEqual(['mfa-sandbox: SIGTERM: closing', 'mfa-sandbox: closed']);
    // Its warnings too, a misspelt variable's included (that one was plain text among the JSON records).
    const warnings = stderr
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { level: number; pid: number; msg: string });
    expect(warnings).toEqual([
      expect.objectContaining({
        level: 40,
        pid: records[0]!.pid,
        msg: expect.stringMatching(/^mfa-sandbox: warning: MFA_SANDBOX_SCENARIOS_DIRR is not a setting/),
      }),
      expect.objectContaining({ level: 40, pid: records[0]!.pid, msg: expect.stringMatching(/^mfa-sandbox: warning: scenario org-enforced/) }),
    ]);
  });

  it('serve -d generates every answer, as prism mock -d; a request that says dynamic=false gets the state as it is', async () => {
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--log-level', 'warn', '-d'], { env: { ...process.env, NO_COLOR: '1' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = out.match(/listening: .* at (http:\/\/[^/\s]+).*; every answer generated \(--dynamic\)/);
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no listening line naming --dynamic: ${out}`)), 20_000);
      });
      const status = (prefer?: string) =>
        fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada', ...(prefer ? { prefer } : {}) } });
      const generated = await status('seed=7');
      expect([generated.status, generated.headers.get('x-mock-dynamic'), generated.headers.get('x-mock-dynamic-seed')]).toEqual([200, 'generated', '7']);
      const asItIs = await status('dynamic=false');
      expect([asItIs.status, asItIs.headers.get('x-mock-dynamic')]).toEqual([200, null]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)))).toBe(0);
  });

  it('--no-dynamic turns off MFA_SANDBOX_DYNAMIC=on, as every flag wins over its variable', async () => {
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--log-level', 'warn', '--no-dynamic'], {
      env: { ...process.env, NO_COLOR: '1', MFA_SANDBOX_DYNAMIC: 'on' },
    });

    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /^mfa-sandbox listening: .*$/m.exec(logMessages(out));
          if (match) resolve(match[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
      });
      const url = /at (http:\/\/[^/\s]+)/.exec(line)![1]!;
      expect(line).not.toContain('every answer generated');
      // The QA console is named where a newcomer looks first, and it is there.
      expect(line).toContain(`; admin ${url}/__admin, QA console ${url}/__console;`);
      expect((await fetch(`${url}/__console`)).status).toBe(200);
      const status = await fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect([status.status, status.headers.get('x-mock-dynamic')]).toEqual([200, null]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)))).toBe(0);
  });
});

describe('serve whose standard output nobody reads', () => {
  /**
   * A pytest fixture's `Popen(..., stdout=PIPE)` that never reads the pipe (a Python tour): the server answers on,
   * holding its log lines, and a SIGTERM after 3,000 requests closed it, then hung for ever in pino's flush of the
   * lines held for the full pipe at exit. The flush gives up once the reader has taken nothing for a second.
   */
  it('stops on SIGTERM within seconds after its log filled the pipe', async () => {
    // A process group of its own: a server that hangs is killed with tsx's child (the server itself) in the end.
    const child = spawn(TSX, [MAIN, 'serve', '--port', '0', '--log-level', 'info'], { env: { ...process.env, NO_COLOR: '1' }, detached: true });
    try {
      // The listening line is read; after it, nothing more (the stream is paused with no reader, so the pipe fills).
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const onData = (chunk: Buffer) => {
          out += String(chunk);
          const match = /listening: .* at (http:\/\/[^/\s]+)/.exec(out);
          if (!match) return;
          child.stdout.off('data', onData);
          child.stdout.pause();
          resolve(match[1]!);
        };
        child.stdout.on('data', onData);
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
      });
      // ~3,000 request lines of ~300 bytes: far more than the pipe (64 KiB) and the paused stream's buffer hold.
      const ask = () => fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } }).then((answer) => answer.status);
      for (let round = 0; round < 300; round++) expect(new Set(await Promise.all(Array.from({ length: 10 }, ask)))).toEqual(new Set([200]));
      const started = Date.now();
      const exited = new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)));
      child.kill('SIGTERM');
      expect(await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('still running after 8 s'), 8_000))])).toBe(0);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  }, 90_000);
});

describe('serve logs every refusal with its sandbox code', () => {
  it('a sandbox fault names its code on the request line, and a request Node refused before Fastify saw it is logged too', async () => {
    const args = [MAIN, 'serve', '--port', '0', '--log-level', 'info', '--request-timeout', '1'];
    const child = spawn(TSX, args, { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => {
          const match = /^mfa-sandbox listening: .*at (http:\/\/[^/\s]+)/m.exec(logMessages(out));
          if (match) resolve(match[1]!);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        setTimeout(() => reject(new Error(`no listening line: ${out}`)), 20_000);
      });
      const ada = { authorization: 'Bearer flashback-token-ada' };
      expect((await fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, prefer: 'code=418' } })).status).toBe(400);
      expect((await fetch(`${url}/flashback/mfa/status`, { headers: ada })).status).toBe(200);
      // What made an answer: the request's Prefer, an override, a refusal's rule (an operator's tour: all read `-> 500`).
      expect((await fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, prefer: 'code=500' } })).status).toBe(500);
      expect((await fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, prefer: 'dynamic=true, seed=7' } })).status).toBe(200);
      const override = { surface: 'flashback', operationId: 'getMFAStatus', status: 500 };
      const json = { 'content-type': 'application/json' };
      expect((await fetch(`${url}/__admin/sessions/log-1/overrides`, { method: 'POST', headers: json, body: JSON.stringify(override) })).status).toBe(201);
      expect((await fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, 'x-mock-session': 'log-1' } })).status).toBe(500);
      const setup = await fetch(`${url}/flashback/mfa/setup`, { method: 'POST', headers: { ...ada, ...json }, body: '{"mfaType":"SMS"}' });
      expect(setup.status).toBe(400);
      // A connection an injected fault ended, and a client that gave up during a delay (a mobile team's tour: no line).
      await expect(fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, prefer: 'fault=drop-connection' } })).rejects.toThrow();
      const abandoned = fetch(`${url}/flashback/mfa/status`, { headers: { ...ada, prefer: 'latency=5000' }, signal: AbortSignal.timeout(300) });
      await expect(abandoned).rejects.toThrow();
      const goneDeadline = Date.now() + 5_000;
      while (!logMessages(out).includes('not sent: client gone') && Date.now() < goneDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
      // A client that gave up during a slow body: its status came, the rest of the body never did.
      const slow = await fetch(`${url}/flashback/mfa/status`, {
        headers: { ...ada, prefer: 'fault=slow-body, latency=5000' },
        signal: AbortSignal.timeout(800),
      });
      await expect(slow.text()).rejects.toThrow();
      while (!logMessages(out).includes('sent in part: client gone') && Date.now() < goneDeadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect((await fetch(`${url}/__admin/sessions/nope/overrides/ov-9`, { method: 'DELETE' })).status).toBe(404);
      expect((await fetch(`${url}/flashback/mfa/st%zztus`)).status).toBe(400);
      const { port } = new URL(url);
      const refused = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(`GET /flashback/mfa/status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
        );
        let received = '';
        socket.on('data', (data) => (received += data.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
      });
      expect(refused).toMatch(/^HTTP\/1\.1 431 /);
      // A body that stalls past the request timeout: its request's own line (it read "(nothing readable)").
      const stalled = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(`POST /flashback/mfa/enable HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 30\r\n\r\n{"mfa`),
        );
        let received = '';
        socket.on('data', (data) => (received += data.toString()));
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(received));
      });
      expect(stalled).toMatch(/^HTTP\/1\.1 408 /);
      const lines = () => logMessages(out).split('\n');
      const deadline = Date.now() + 5_000;
      while (!lines().some((line) => line.includes('408')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(lines().filter((line) => / -> \d{3}/.test(line))).toEqual([
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 400 MOCK_ERR_BAD_PREFER_HEADER \(\d+\.\d ms, session default; getMFAStatus\)$/),
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 200 \(\d+\.\d ms, session default; getMFAStatus\)$/),
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 500 \(\d+\.\d ms, session default; getMFAStatus, scripted by Prefer\)$/),
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 200 \(\d+\.\d ms, session default; getMFAStatus, generated, seed 7\)$/),
        expect.stringMatching(/^POST \/__admin\/sessions\/log-1\/overrides -> 201 \(\d+\.\d ms, session log-1\)$/),
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 500 \(\d+\.\d ms, session log-1; getMFAStatus, scripted by override ov-1\)$/),
        expect.stringMatching(/^POST \/flashback\/mfa\/setup -> 400 \(\d+\.\d ms, session default; setupMFA, refused: request-schema\)$/),
        expect.stringMatching(
          /^GET \/flashback\/mfa\/status -> 200 not sent: connection dropped \(\d+\.\d ms, session default; getMFAStatus, fault drop-connection\)$/,
        ),
        expect.stringMatching(/^GET \/flashback\/mfa\/status -> 200 not sent: client gone \(\d+\.\d ms, session default; getMFAStatus, latency 5000 ms\)$/),
        expect.stringMatching(
          /^GET \/flashback\/mfa\/status -> 200 sent in part: client gone \(\d+\.\d ms, session default; getMFAStatus, latency 5000 ms, fault slow-body\)$/,
        ),
        expect.stringMatching(/^DELETE \/__admin\/sessions\/nope\/overrides\/ov-9 -> 404 MOCK_ERR_UNKNOWN_OVERRIDE \(/),
        'GET /flashback/mfa/st%zztus -> 400 MOCK_ERR_BAD_REQUEST (refused before routing)',
        'GET /flashback/mfa/status HTTP/1.1 -> 431 MOCK_ERR_HEADERS_TOO_LARGE (refused before it was a request: HPE_HEADER_OVERFLOW)',
        'POST /flashback/mfa/enable -> 408 MOCK_ERR_REQUEST_TIMEOUT (its body did not arrive within the request timeout)',
      ]);
      // The same facts as fields of the JSON record, for a log tool that does not parse the line.
      const records = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line));
      expect(records.find((record) => record.session === 'log-1' && record.operationId)).toMatchObject({
        method: 'GET',
        url: '/flashback/mfa/status',
        status: 500,
        session: 'log-1',
        operationId: 'getMFAStatus',
        scripted: 'override',
        override: 'ov-1',
      });
      expect(records.find((record) => record.dynamicSeed !== undefined)).toMatchObject({ status: 200, dynamic: 'generated', dynamicSeed: 7 });
      // The slow body's line is its only record: not also Fastify's "stream closed prematurely", without method or url.
      expect(records.filter((record) => record.fault === 'slow-body' || record.msg === 'stream closed prematurely')).toEqual([
        expect.objectContaining({ status: 200, clientGone: true, latencyMs: 5000, fault: 'slow-body' }),
      ]);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await new Promise((resolve) => child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal)))).toBe(0);
  });
});
