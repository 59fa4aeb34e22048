import { isAscii } from 'node:buffer';
import { spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SURFACE_IDS } from '../../src/surfaces/registry.js';
import { npmChildEnv } from '../harness/npm-env.js';
import { chromiumLaunchOptions } from '../harness/chromium.js';
import { installTarballOffline, packProjectOnce, tarballFiles } from '../harness/packed-install.js';
import { startProcessGroup, waitForOutput, type ProcessGroup } from '../harness/process-group.js';
import { expectNpxServeAnswers } from './npx-serve.js';

/**
 * A TypeScript consumer of the published package: `npm pack` (its prepack builds dist/ with declarations), the
 * tarball installed into a fresh ES-module project outside this checkout, the README's programmatic example compiled
 * there with `tsc --strict` and run, and the `mfa-sandbox` bin run from it.
 */
const ROOT = process.cwd();
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');
/** TypeScript 7 (the native compiler, npm's `latest` since 2026): what `npm install typescript` gives a new project. */
const TSC_7 = join(ROOT, 'node_modules/typescript-7/bin/tsc');
const SURFACES = SURFACE_IDS;
const README_HEADING = '### CI: contract and integration tests';

const MSW_HEADING = '### Frontend and component tests with MSW (no server)';
const JEST_HEADING = '### Jest, in its default CommonJS setup';

let work: string;
let tarball: string;
let consumer: string;

/** The first ```ts block after `heading` in README.md, exactly as written there. */
async function readmeTypeScriptBlock(heading: string): Promise<string> {
  const lines = (await readFile(join(ROOT, 'README.md'), 'utf8')).split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no heading "${heading}"`);
  const open = lines.findIndex((line, index) => index > start && line.trim() === '```ts');
  const close = lines.findIndex((line, index) => index > open && line.trim() === '```');
  if (open < 0 || close < 0) throw new Error(`README.md has no \`\`\`ts block after "${heading}"`);
  return lines.slice(open + 1, close).join('\n');
}

/** An `exports` entry: a file, or files by condition (`types`, `default`, `import`, `require`), nested. */
type ExportTarget = string | { [condition: string]: ExportTarget };

function toExportFiles(target: ExportTarget): string[] {
  return typeof target === 'string' ? [target] : Object.values(target).flatMap(toExportFiles);
}

/** The first ```js block after `heading` in README.md, exactly as written there. */
async function readmeJavaScriptBlock(heading: string): Promise<string> {
  const lines = (await readFile(join(ROOT, 'README.md'), 'utf8')).split('\n');
  const start = lines.indexOf(heading);
  const open = lines.findIndex((line, index) => start >= 0 && index > start && line.trim() === '```js');
  const close = lines.findIndex((line, index) => open >= 0 && index > open && line.trim() === '```');
  if (open < 0 || close < 0) throw new Error(`README.md has no \`\`\`js block after "${heading}"`);
  return lines.slice(open + 1, close).join('\n');
}

function run(command: string, args: string[], cwd: string) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', env: npmChildEnv(), timeout: 60_000 });
}

describe('the packed package', () => {
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'mfa-pack-'));
    tarball = await packProjectOnce();
    consumer = join(work, 'consumer');
    await mkdir(consumer);
    // msw and @playwright/test are optional peers: a consumer that uses mfa-sandbox/msw or mfa-sandbox/playwright
    // installs them (the versions this checkout tests), a Playwright project with @types/node, as `npm init playwright` sets it up.
    installTarballOffline(consumer, tarball, ['msw', '@playwright/test', '@types/node']);
  }, 240_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('ships declarations for every export, the bin, specs and scenarios, and no sources or tests', async () => {
    const files = tarballFiles(tarball);
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget>; bin: Record<string, string> };
    // A pattern export (`./types/*`) must resolve for every surface; a conditional one (import, require) in each condition.
    const targets = Object.values(manifest.exports)
      .flatMap(toExportFiles)
      .flatMap((target) => (target.includes('*') ? SURFACES.map((surface) => target.replace('*', surface)) : [target]));
    for (const target of [...targets, ...Object.values(manifest.bin)]) expect(files, target).toContain(target.replace(/^\.\//, ''));
    // The admin API's types, for test workers that drive a shared sandbox over HTTP (`mfa-sandbox/types/admin`).
    expect(files).toContain('dist/src/types/admin.d.ts');
    expect(files).toContain('dist/src/commonjs/types/admin.d.ts');
    for (const surface of SURFACES) {
      expect(files).toContain(`dist/src/types/${surface}.d.ts`);
      expect(files).toContain(`specs/${surface}.openapi.yaml`);
      expect(files).toContain(`scenarios/${surface}/default.yaml`);
    }
    expect(files.filter((file) => /^(src|test)\//.test(file) || file.endsWith('.map'))).toEqual([]);
  });

  it('runs the README programmatic example, compiled with tsc --strict', async () => {
    const snippet = await readmeTypeScriptBlock(README_HEADING);
    await writeFile(join(consumer, 'example.ts'), snippet);

    const compiled = run('node', [TSC, '--strict', '--module', 'nodenext', 'example.ts'], consumer);
    expect(compiled.status, `${compiled.stdout}${compiled.stderr}`).toBe(0);

    const ran = run('node', ['example.js'], consumer);
    expect(ran.status, ran.stderr).toBe(0);
    // The README's example prints what it got (`console.log(status.data.isEnforced); // -> true`).
    expect(ran.stdout.trim()).toBe('true');
  }, 60_000);

  it('types the README examples with TypeScript 7 too, and refuses a wrong option there', async () => {
    expect(run('node', [TSC_7, '--version'], consumer).stdout).toMatch(/^Version 7\./);
    await writeFile(join(consumer, 'ci-example-7.ts'), await readmeTypeScriptBlock(README_HEADING));
    await writeFile(join(consumer, 'msw-example-7.ts'), await readmeTypeScriptBlock(MSW_HEADING));
    await writeFile(join(consumer, 'wrong-7.ts'), "import { createSandbox } from 'mfa-sandbox';\nawait createSandbox({ noSuchOption: true });\n");
    const options = ['--strict', '--module', 'nodenext', '--target', 'es2022', '--noEmit'];
    const typed = run('node', [TSC_7, ...options, 'ci-example-7.ts', 'msw-example-7.ts'], consumer);
    expect(typed.status, `${typed.stdout}${typed.stderr}`).toBe(0);
    const wrong = run('node', [TSC_7, ...options, 'wrong-7.ts'], consumer);
    expect(wrong.stdout).toMatch(/wrong-7\.ts\(2,.*error TS2353: Object literal may only specify known properties, and 'noSuchOption'/);
  }, 60_000);

  it("runs the README's Jest test in a CommonJS project (Jest's defaults, no transform), and types its require entry", async () => {
    const project = join(work, 'jest-consumer');
    await mkdir(project);
    installTarballOffline(project, tarball, ['jest', 'typescript', '@types/node'], { moduleType: 'commonjs' });
    await writeFile(join(project, 'mfa.test.js'), await readmeJavaScriptBlock(JEST_HEADING));
    const jest = spawnSync('node', ['node_modules/jest/bin/jest.js', '--ci', '--json', '--outputFile', 'report.json'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...npmChildEnv(), NO_COLOR: '1' },
      timeout: 120_000,
    });
    expect(jest.status, jest.stderr).toBe(0);
    const report = JSON.parse(await readFile(join(project, 'report.json'), 'utf8')) as { numPassedTests: number; numTotalTests: number };
    expect([report.numPassedTests, report.numTotalTests]).toEqual([1, 1]);

    // A CommonJS TypeScript project (ts-jest's usual tsconfig) gets the types through the `require` condition.
    // And a surface's generated types (`mfa-sandbox/types/flashback`), which were TS1541 there without their own
    // `require` declarations; the types the controls return are exported by name.
    await writeFile(
      join(project, 'typed.ts'),
      [
        "import { createSandbox, type LockedWorld, type SandboxErrorCode } from 'mfa-sandbox';",
        "import type { operations } from 'mfa-sandbox/types/flashback';",
        "type MfaStatus = operations['getMFAStatus']['responses'][200]['content']['application/json'];",
        "import type { paths as AdminPaths } from 'mfa-sandbox/types/admin';",
        "type TotpCodes = AdminPaths['/sessions/{id}/totp-codes']['get']['responses'][200]['content']['application/json'];",
        'const firstCode = (codes: TotpCodes): string | undefined => codes[0]?.code;',
        'const started: Promise<{ url: string }> = createSandbox();',
        "const code: SandboxErrorCode = 'MOCK_ERR_UNKNOWN_USER';",
        "const locked: LockedWorld[] = [{ surface: 'flashback', scenario: 'default' }];",
        'const status = (body: MfaStatus): boolean => body.data.isEnabled;',
        'void [started, code, locked, status, firstCode];',
        '',
      ].join('\n'),
    );
    await writeFile(join(project, 'wrong.ts'), "import { createSandbox } from 'mfa-sandbox';\nvoid createSandbox({ noSuchOption: true });\n");
    // Without skipLibCheck: the `require` declarations are read as CommonJS (scripts/commonjs-declarations.mjs), not
    // re-exports of the ES module's, which node16 reads as TS1479 in the package's own files.
    const options = ['--module', 'node16', '--moduleResolution', 'node16', '--strict', '--noEmit', '--types', 'node'];
    const typed = run('node', ['node_modules/typescript/bin/tsc', ...options, 'typed.ts'], project);
    expect(typed.status, `${typed.stdout}${typed.stderr}`).toBe(0);
    const wrong = run('node', ['node_modules/typescript/bin/tsc', ...options, 'wrong.ts'], project);
    expect(wrong.stdout).toMatch(/wrong\.ts\(2,.*error TS2353: Object literal may only specify known properties, and 'noSuchOption'/);
  }, 240_000);

  it("takes an error of the require build as an instance of the import build's class, and the reverse (one process, both builds)", async () => {
    const script = [
      "import { createRequire } from 'node:module';",
      "import { ConfigError, SandboxError, createSandbox } from 'mfa-sandbox';",
      "const required = createRequire(import.meta.url)('mfa-sandbox');",
      'const refusedBy = (create) => create({ noSuchOption: true }).catch((error) => error);',
      'const fromRequire = await refusedBy(required.createSandbox);',
      'const fromImport = await refusedBy(createSandbox);',
      'const sandbox = await required.createSandbox({ port: 0 });',
      'let journalRefusal;',
      "try { sandbox.session('dual').journal({ user: 'nobody' }); } catch (error) { journalRefusal = error; }",
      'await sandbox.close();',
      'console.log(JSON.stringify({',
      '  twoCopies: required.ConfigError !== ConfigError,',
      '  requireErrorIsImportClass: fromRequire instanceof ConfigError,',
      '  importErrorIsRequireClass: fromImport instanceof required.ConfigError,',
      '  sandboxErrorAcross: journalRefusal instanceof SandboxError && !(journalRefusal instanceof ConfigError),',
      // A class's name as a log or `error.constructor.name` shows it, alike in both builds.
      '  requiredNames: Object.keys(required).filter((name) => /Error$|Problems$/.test(name)).map((name) => required[name].name),',
      '  requiredErrorName: fromRequire.constructor.name,',
      '}));',
      '',
    ].join('\n');
    await writeFile(join(consumer, 'dual-build.mjs'), script);
    const ran = run('node', ['dual-build.mjs'], consumer);
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout.trim().split('\n').at(-1)!)).toEqual({
      twoCopies: true,
      requireErrorIsImportClass: true,
      importErrorIsRequireClass: true,
      sandboxErrorAcross: true,
      requiredNames: ['ConfigError', 'JournalVerificationError', 'OutboxWaitTimeoutError', 'SandboxError', 'ScenarioError', 'ScenarioProblems', 'SpecError'],
      requiredErrorName: 'ConfigError',
    });
  }, 60_000);

  it('answers fetch through msw setupServer from mfa-sandbox/msw (the README MSW example, tsc --strict, no server)', async () => {
    const example = await readmeTypeScriptBlock(MSW_HEADING);
    await writeFile(join(consumer, 'msw-example.ts'), example);
    const compiled = run('node', [TSC, '--strict', '--module', 'nodenext', '--target', 'es2022', 'msw-example.ts'], consumer);
    expect(compiled.status, `${compiled.stdout}${compiled.stderr}`).toBe(0);
    const ran = run('node', ['msw-example.js'], consumer);
    expect(ran.status, ran.stderr).toBe(0);
    const wanted = [...example.matchAll(/console\.log\(.*\/\/ -> (.*)$/gm)].map((match) => match[1]!.trim());
    expect(wanted).toEqual(['200', 'GOOGLE_AUTH', 'true', '4']);
    expect(ran.stdout.trim().split('\n')).toEqual(wanted);
  }, 60_000);

  it('runs a @playwright/test spec on the mfa-sandbox/playwright fixture (tsc --strict, then playwright test)', async () => {
    const spec = [
      "import { expect, test } from 'mfa-sandbox/playwright';",
      '',
      "test.use({ sandboxScenario: 'mfa-enabled' });",
      '',
      "test('a session, its prefixed URL and the seeded passkey', async ({ context, request, sandbox, sandboxUrl, passkeys }) => {",
      '  expect(sandboxUrl).toMatch(/^http:\\/\\/localhost:\\d+\\/s\\/pw-/);',
      "  const status = await request.get(`${sandboxUrl}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });",
      "  expect((await status.json()).data.enabledMethods).toEqual(['GOOGLE_AUTH', 'PASSKEY']);",
      "  expect(sandbox.journal({ operationId: 'getMFAStatus' })).toHaveLength(1);",
      "  expect(await context.credentials.get({ rpId: 'localhost' })).toEqual(passkeys);",
      '  expect(passkeys).toHaveLength(1);',
      '});',
      '',
    ].join('\n');
    await writeFile(join(consumer, 'fixture.spec.ts'), spec);
    const compiled = run('node', [TSC, '--strict', '--module', 'nodenext', '--target', 'es2022', '--types', 'node', '--noEmit', 'fixture.spec.ts'], consumer);
    expect(compiled.status, `${compiled.stdout}${compiled.stderr}`).toBe(0);
    const browser = await chromiumLaunchOptions();
    const config = [
      "import { defineConfig } from '@playwright/test';",
      'export default defineConfig({',
      "  testMatch: 'fixture.spec.ts',",
      '  workers: 1,',
      `  use: { browserName: 'chromium', launchOptions: ${JSON.stringify(browser)} },`,
      '});',
      '',
    ].join('\n');
    await writeFile(join(consumer, 'playwright.config.ts'), config);
    // pw:browser prints the browser's own stderr, which a failure message then carries: a Chromium that crashed at
    // launch once in CI (SIGSEGV, nothing of ours on its stack) said nothing about why without it.
    const env = npmChildEnv({ DEBUG: 'pw:browser' });
    const ran = spawnSync('npx', ['playwright', 'test', '--reporter=line'], { cwd: consumer, encoding: 'utf8', env, timeout: 120_000 });
    expect(ran.status, `${ran.stdout}${ran.stderr}`).toBe(0);
    expect(ran.stdout).toMatch(/1 passed/);
  }, 150_000);

  it('types the programmatic API: a wrong use is a compile error', async () => {
    // Proves the declarations are really read (an `any` import would accept this too).
    await writeFile(
      join(consumer, 'misuse.ts'),
      [
        "import { createSandbox } from 'mfa-sandbox';",
        "import type { operations } from 'mfa-sandbox/types/lerian';",
        'const sandbox = await createSandbox();',
        'const port: number = sandbox.url;',
        "type Missing = operations['noSuchOperation'];",
        "sandbox.session('typo').useScenario('default', 'flashbak');",
        "import { createMfaHandlers } from 'mfa-sandbox/msw';",
        "createMfaHandlers().session('typo').addOverride({ surface: 'nest_auth', operationId: 'getMfaStatus', status: 500 });",
        // Right uses of the same controls: no error.
        "const switched: Array<'flashback' | 'nest-auth' | 'lerian' | 'genauth'> = sandbox.session('ok').useScenario('default', 'flashback');",
        "sandbox.session('ok').lockUser('usr_ada', { surface: 'flashback' });",
        // A wait for a link's message has the link and its token for sure; not a code.
        "const sent = await sandbox.session('ok').waitForMessage({ contains: 'link' });",
        'const followed: string = sent.link + sent.token;',
        'const code: string = sent.code;',
        // The shipped operationIds, as editors offer them; the controls take any other name too (a spec of one's own).
        "import type { OperationId } from 'mfa-sandbox';",
        "const offered: OperationId = 'getMFAstatus';",
        "sandbox.session('ok').addOverride({ surface: 'flashback', operationId: 'ownOperation', status: 500 });",
        // The shipped scenarios' names likewise; the controls and options take a scenario of one's own too.
        "import type { ScenarioId } from 'mfa-sandbox';",
        "const shipped: ScenarioId = 'org-enforcd';",
        "sandbox.session('ok').useScenario('my-own-scenario');",
        "createMfaHandlers({ scenario: 'mfa-enabled' });",
        'await sandbox.close();',
        '',
      ].join('\n'),
    );
    const compiled = run('node', [TSC, '--strict', '--module', 'nodenext', '--noEmit', 'misuse.ts'], consumer);
    expect(compiled.status).not.toBe(0);
    expect(compiled.stdout).toMatch(/misuse\.ts\(4,7\): error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(compiled.stdout).toMatch(/misuse\.ts\(5,27\): error TS2339: Property 'noSuchOperation' does not exist/);
    // A misspelt surface: a SurfaceId, in the package's controls and in its MSW handlers' (they took any string).
    expect(compiled.stdout).toMatch(/misuse\.ts\(6,48\): error TS2345: Argument of type '"flashbak"' is not assignable/);
    expect(compiled.stdout).toMatch(/misuse\.ts\(8,51\): error TS2820: Type '"nest_auth"' is not assignable .* Did you mean '"nest-auth"'/);
    expect(compiled.stdout).toMatch(/misuse\.ts\(13,7\): error TS2322: Type 'string \| undefined' is not assignable to type 'string'/);
    expect(compiled.stdout).toMatch(
      /misuse\.ts\(15,7\): error TS2820: Type '"getMFAstatus"' is not assignable to type 'OperationId'. Did you mean '"getMFAStatus"'/,
    );
    expect(compiled.stdout).toMatch(
      /misuse\.ts\(18,7\): error TS2820: Type '"org-enforcd"' is not assignable to type 'ScenarioId'. Did you mean '"org-enforced"'/,
    );
    expect(compiled.stdout.match(/error TS/g), compiled.stdout).toHaveLength(7);
  }, 60_000);

  it('types the subpaths for projects still on moduleResolution node10 (which ignores exports: typesVersions)', async () => {
    await writeFile(
      join(consumer, 'node10.ts'),
      [
        "import type { RunningSandbox } from 'mfa-sandbox';",
        "import type { operations } from 'mfa-sandbox/types/lerian';",
        "export type Status = operations['getMfaStatus'];",
        "export type Url = RunningSandbox['url'];",
        "export type Missing = operations['noSuchOperation'];",
        '',
      ].join('\n'),
    );
    const compiled = run(
      'node',
      [TSC, '--strict', '--module', 'commonjs', '--moduleResolution', 'node10', '--ignoreDeprecations', '6.0', '--noEmit', 'node10.ts'],
      consumer,
    );
    // Resolved and read: the only error is the operation that does not exist (no TS2307 "cannot find module").
    expect(compiled.stdout).not.toMatch(/TS2307/);
    expect(compiled.stdout.trim().split('\n')).toEqual([expect.stringMatching(/node10\.ts\(5,34\): error TS2339: Property 'noSuchOperation' does not exist/)]);
  }, 60_000);

  it('npx mfa-sandbox --help and scenarios run from the installed package', () => {
    const help = run('npx', ['mfa-sandbox', '--help'], consumer);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('mfa-sandbox serve [--port 4010]');
    const scenarios = run('npx', ['mfa-sandbox', 'scenarios'], consumer);
    expect(scenarios.status, scenarios.stderr).toBe(0);
    for (const surface of SURFACES) expect(scenarios.stdout).toMatch(new RegExp(`^${surface}$`, 'm'));
  }, 60_000);

  it("npx mfa-sandbox check reads a user's own specs (MFA_SANDBOX_SPECS), which the build's snapshot does not hold", async () => {
    const specs = join(work, 'own-specs');
    await mkdir(specs);
    for (const surface of SURFACES) {
      const shipped = await readFile(join(consumer, 'node_modules/mfa-sandbox/specs', `${surface}.openapi.yaml`), 'utf8');
      await writeFile(join(specs, `${surface}.openapi.yaml`), shipped.replace(/^info:\n/m, 'info:\n  x-team-note: our copy\n'));
    }
    const checked = spawnSync('npx', ['mfa-sandbox', 'check', '--cache-dir', 'off'], {
      cwd: consumer,
      encoding: 'utf8',
      env: { ...npmChildEnv(), MFA_SANDBOX_SPECS: specs },
      timeout: 60_000,
    });
    expect(checked.status, checked.stderr).toBe(0);
    for (const surface of SURFACES) expect(checked.stdout).toContain(`ok  ${surface}: ${join(specs, `${surface}.openapi.yaml`)}`);
  }, 60_000);

  it('ships the scenario file schema an editor reads: it takes what check takes and refuses a typo check refuses', async () => {
    const { createRequire } = await import('node:module');
    const { parse } = await import('yaml');
    const { createScenarioFileAjv } = await import('../../src/scenarios/scenario-file-validator.js');
    // As a team's editor finds it: through the package's export, from the team's project.
    const schemaFile = createRequire(join(consumer, 'package.json')).resolve('mfa-sandbox/scenario-file.schema.json');
    expect(schemaFile).toBe(join(consumer, 'node_modules/mfa-sandbox/schemas/scenario-file.schema.json'));
    // And the specs a client generator reads, through the package's exports too (they were not exported).
    expect(createRequire(join(consumer, 'package.json')).resolve('mfa-sandbox/specs/sandbox/admin.openapi.yaml')).toBe(
      join(consumer, 'node_modules/mfa-sandbox/specs/sandbox/admin.openapi.yaml'),
    );
    const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as Record<string, unknown>;
    const validate = createScenarioFileAjv().compile({ ...schema, $schema: undefined });
    const dir = join(work, 'editor-scenarios');
    await mkdir(join(dir, 'flashback'), { recursive: true });
    const modeline = '# yaml-language-server: $schema=../../node_modules/mfa-sandbox/schemas/scenario-file.schema.json';
    const files = {
      sound: [
        modeline,
        '$schema: ../../node_modules/mfa-sandbox/schemas/scenario-file.schema.json',
        'description: Kim',
        'world:',
        '  users: [{ id: usr_kim, email: kim@acme.example, token: kim-token }]',
      ],
      typo: ['description: Kim', 'world:', '  users: [{ id: usr_kim, emial: kim@acme.example, token: kim-token }]'],
    };
    for (const [name, lines] of Object.entries(files)) await writeFile(join(dir, 'flashback', `${name}.yaml`), lines.join('\n'));
    expect(validate(parse(files.sound.join('\n'))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parse(files.typo.join('\n')))).toBe(false);
    expect(validate.errors?.map((error) => `${error.instancePath} ${String(error.params.additionalProperty ?? error.params.missingProperty)}`).sort()).toEqual([
      '/world/users/0 email',
      '/world/users/0 emial',
    ]);
    const checked = run('npx', ['mfa-sandbox', 'check', '--scenarios', dir, '--cache-dir', 'off'], consumer);
    expect(checked.status).toBe(1);
    expect(checked.stderr).toContain(`${join(dir, 'flashback', 'typo.yaml')}:3:26: /world/users/0/emial: unknown field "emial" (did you mean "email"?)`);
    expect(checked.stderr).not.toContain('sound.yaml');
  }, 60_000);

  it('npx mfa-sandbox serve from the installed package answers on a random port', async () => {
    await expectNpxServeAnswers(consumer);
  }, 60_000);

  it('the installed command keeps its compiled code for the next start, and loads what some requests need from node_modules', async () => {
    const cacheDir = join(work, 'code-cache');
    const bin = join(consumer, 'node_modules/mfa-sandbox/bin/mfa-sandbox.js');
    const env = { ...npmChildEnv(), MFA_SANDBOX_CACHE_DIR: cacheDir, NODE_DEBUG: 'mfa-sandbox' };
    const start = async () => {
      const server = startProcessGroup(process.execPath, [bin, 'serve', '--port', '0', '--host', '127.0.0.1', '--log-level', 'warn'], { cwd: consumer, env });
      const [, url] = await waitForOutput(server, /listening: .* at (http:\/\/[^/\s]+)/);
      return { server, url: url! };
    };
    const stop = async (server: ProcessGroup) => {
      process.kill(server.pid, 'SIGTERM');
      expect(await server.waitUntilGone(10_000), server.output()).toBe(true);
    };
    const setUp = (url: string, mfaType: string) =>
      fetch(`${url}/flashback/mfa/setup`, {
        method: 'POST',
        headers: { authorization: 'Bearer flashback-token-ada', 'content-type': 'application/json' },
        body: JSON.stringify({ mfaType }),
      }).then(async (response) => ({ status: response.status, data: ((await response.json()) as { data: Record<string, unknown> }).data }));

    // Written as ASCII, which the entry reads as a byte copy (a licence comment's umlaut is escaped by the build).
    expect(isAscii(await readFile(join(consumer, 'node_modules/mfa-sandbox/dist/src/server.bundle.cjs')))).toBe(true);
    const first = await start();
    try {
      // QR codes (qrcode), passkeys (@simplewebauthn/server) and the docs (@fastify/swagger) stay outside the bundle.
      const totp = await setUp(first.url, 'GOOGLE_AUTH');
      expect(totp.status).toBe(200);
      expect(totp.data.qrCode).toMatch(/^data:image\/png;base64,/);
      const passkey = await setUp(first.url, 'PASSKEY');
      expect(passkey.status).toBe(200);
      expect(passkey.data.challenge).toEqual(expect.any(String));
      const docs = await fetch(`${first.url}/docs/flashback/json`);
      expect(docs.status).toBe(200);
      expect(((await docs.json()) as { openapi: string }).openapi).toMatch(/^3\.1/);
      await stop(first.server);
    } finally {
      first.server.kill();
    }
    expect(first.server.output()).toMatch(/code cache \S+-serve\.v8: none yet, written at exit/);
    expect(first.server.output()).toMatch(/code cache \S+-serve\.v8: written/);

    const second = await start();
    try {
      expect(second.server.output()).toMatch(/code cache \S+-serve\.v8: used/);
      const response = await fetch(`${second.url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(response.status).toBe(200);
      await stop(second.server);
    } finally {
      second.server.kill();
    }
  }, 60_000);

  it('a script stops the installed command in the background as the README says: kill -INT $PROXY; wait $PROXY', () => {
    // bash -c is a script: no job control, and a background command starts with SIGINT ignored. The command must still
    // stop on the signal, print its summary and give wait its exit code, with no process left behind.
    const script = [
      'node_modules/.bin/mfa-sandbox proxy --surface flashback --upstream http://127.0.0.1:9 --port 0 > proxy.log 2>&1 & PROXY=$!',
      'for i in $(seq 200); do grep -q "proxy listening" proxy.log && break; sleep 0.1; done',
      'kill -INT $PROXY; wait $PROXY; echo "exit $?"',
      'kill -0 $PROXY 2>/dev/null && echo "still running"',
      'cat proxy.log',
    ].join('\n');
    const ran = spawnSync('bash', ['-c', script], { cwd: consumer, encoding: 'utf8', env: npmChildEnv(), timeout: 60_000 });
    expect(ran.stdout).toMatch(/^exit 0\n/);
    expect(ran.stdout).not.toContain('still running');
    expect(ran.stdout).toContain('mfa-sandbox proxy: 0 exchanges, 0 spec violations, 0 not answered by the upstream');
  }, 60_000);

  it('the installed command pretty-prints its logs in a terminal (pino, bundled, starts pino-pretty in a worker)', async () => {
    // The command pretty-prints when its stdout is a terminal; this preload makes the pipe one, as far as it can tell.
    const preload = join(work, 'stdout-is-a-terminal.mjs');
    await writeFile(preload, "Object.defineProperty(process.stdout, 'isTTY', { value: true });\n");
    const { NO_COLOR: _noColor, ...env } = npmChildEnv();
    const bin = join(consumer, 'node_modules/mfa-sandbox/bin/mfa-sandbox.js');
    const server = spawn(process.execPath, ['--import', preload, bin, 'serve', '--port', '0', '--host', '127.0.0.1'], { cwd: consumer, env });
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const waitFor = async (pattern: RegExp) => {
      for (let tries = 0; tries < 300 && !pattern.test(output) && server.exitCode === null; tries++) await new Promise((resolve) => setTimeout(resolve, 50));
      return output.match(pattern);
    };
    try {
      const url = (await waitFor(/listening: .* at (http:\/\/[^/\s]+)/))?.[1];
      expect(url, output).toBeDefined();
      const response = await fetch(`${url}/flashback/mfa/status`, { headers: { authorization: 'Bearer flashback-token-ada' } });
      expect(response.status).toBe(200);
      // pino-pretty's layout (time, level, message), not pino's JSON lines.
      expect(await waitFor(/^\[\d\d:\d\d:\d\d\] \S*INFO\S*: \S*GET \/flashback\/mfa\/status -> 200/m), output).not.toBeNull();
      expect(output).not.toMatch(/"level":/);
      // One line per request, as the README says: pino-pretty printed the request id on a second one.
      expect(output).not.toMatch(/reqId/);
    } finally {
      server.kill('SIGKILL');
    }
  }, 60_000);
});
