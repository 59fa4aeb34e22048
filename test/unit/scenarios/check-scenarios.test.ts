import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSandboxDefinition } from '../../../src/app.js';
import { ConfigError, DEFAULT_CONFIG, SHIPPED_SCENARIOS_DIR } from '../../../src/config.js';
import { SessionRegistry, type SessionState } from '../../../src/engine/session-registry.js';
import { checkScenarios } from '../../../src/scenarios/check-scenarios.js';
import { ScenarioProblems, type ScenarioError } from '../../../src/scenarios/load-scenarios.js';
import { MemoryStateStore } from '../../../src/state/memory-state-store.js';
import { settledNow } from '../../harness/settled-now.js';
import type { JournalRecord } from '../../../src/engine/journal.js';

/** What a problem lists for an operation id no Flashback operation is near. */
const FLASHBACK_OPERATIONS = "(flashback's operations: activateMagicLink, completePasskeyRegistration, completePasskeyRegistrationAlt, disableMFA, enableMFA, enforceOrganizationMFA, getAvailableMethods, getMFAStatus, getPasskeyAuthOptions, resetMFA, sendMagicLink, setPrimaryMFA, setupMFA, verifyMFALogin, verifyMFASetup)";

/** A user scenarios directory holding the given files (relative path -> YAML text). */
async function userDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-scenarios-'));
  for (const [relative, text] of Object.entries(files)) {
    await mkdir(join(dir, relative, '..'), { recursive: true });
    await writeFile(join(dir, relative), text);
  }
  return dir;
}

/**
 * The problems loading fails with (ScenarioProblems lists them all), each as `<file>#<pointer>: <reason>`: which
 * problems, where in the data. Each message's line and column are checked here once (every problem in a YAML file
 * has them, and its message starts with them), and where they point by the table test below and
 * test/unit/scenarios/problem-positions.test.ts.
 */
async function problemsOf(load: Promise<unknown>): Promise<string[]> {
  const error = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ScenarioProblems);
  return (error as ScenarioProblems).problems.map((problem) => {
    if (problem.pointer === '') {
      // A problem of the whole file: a position only where the YAML parser stopped.
      expect(problem.message).toBe(`${problem.file}${problem.position ? `:${problem.position.line}:${problem.position.column}` : ''}: ${problem.reason}`);
      return `${problem.file}: ${problem.reason}`;
    }
    if (/\.ya?ml$/i.test(problem.file)) {
      expect(problem.position, problem.message).toBeDefined();
      expect(problem.message).toBe(`${problem.file}:${problem.position!.line}:${problem.position!.column}: ${problem.pointer}: ${problem.reason}`);
    }
    return `${problem.file}#${problem.pointer}: ${problem.reason}`;
  });
}

/**
 * That a problem's line and column point at its pointer's target in the YAML text: the key of a mapping entry (or,
 * for a field the file lacks, the entry that should hold it), a list item's first character.
 */
function expectPlaced(problem: ScenarioError, yaml: string): void {
  const { line, column } = problem.position!;
  const at = yaml.split('\n')[line - 1]!.slice(column - 1);
  const last = problem.pointer.split('/').at(-1)!.replaceAll('~1', '/').replaceAll('~0', '~');
  if (new RegExp(`(^|[\\s{,])${last}:`).test(yaml)) expect(at.startsWith(last), `${problem.message}: ${at}`).toBe(true);
  else expect(at, problem.message).toMatch(/^\S/);
}

const withUserDir = (scenariosDir: string, more: Partial<typeof DEFAULT_CONFIG> = {}) => loadSandboxDefinition({ ...DEFAULT_CONFIG, scenariosDir, ...more });

describe('scenario checks at boot', () => {
  it('accepts the shipped scenarios', async () => {
    const { catalogue, warnings } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect([...catalogue.get('flashback')!.keys()]).toContain('org-enforced');
    expect(catalogue.get('flashback')!.get('org-enforced')!.file).toBe(join(SHIPPED_SCENARIOS_DIR, 'flashback', 'org-enforced.yaml'));
    expect(warnings).toEqual([]);
  });

  it.each([
    ['an operationId no operation is near', "description: x\noverrides:\n  - { operationId: getMFAMethods, status: 500 }\n", '/overrides/0/operationId', `no operation "getMFAMethods" in the flashback spec ${FLASHBACK_OPERATIONS}`],
    ['an unknown operationId', "description: x\noverrides:\n  - { operationId: getMfaStatusz, status: 500 }\n", '/overrides/0/operationId', 'no operation "getMfaStatusz" in the flashback spec (did you mean "getMFAStatus"?)'],
    ['an undeclared status', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 418 }\n", '/overrides/0/status', 'declares no 418'],
    ['an unknown example', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 200, example: nope }\n", '/overrides/0/example', 'no example "nope"'],
    ['a body the schema rejects', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 200, body: { success: true, data: { isEnabled: yes } } }\n", '/overrides/0/body', 'not a valid 200'],
    // The constant to write is named, not only "must be equal to constant".
    ['a body with another constant', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 200, body: { success: false, data: {} } }\n", '/overrides/0/body', '/success must be equal to constant (true)'],
    ['an unknown field', 'description: x\nworld:\n  userz: []\n', '/world/userz', 'unknown field "userz" (did you mean "users"?)'],
    ['a field nothing is close to', 'description: x\nworld:\n  colour: red\n', '/world/colour', 'unknown field "colour"'],
    ['a misspelt top-level field', 'description: x\noverides: []\n', '/overides', 'unknown field "overides" (did you mean "overrides"?)'],
    ['an error example named under the 200', "description: x\noverrides:\n  - { operationId: getMFAStatus, example: getStatusError }\n", '/overrides/0/example', 'getMFAStatus 200 has no example "getStatusError": it is a 500 example, so give "status": 500 with it'],
    // The surface's own kinds (Flashback's), not every vendor's: sms, picked from that list, was refused next run.
    ['a bad factor kind', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: sms2 }] }\n', '/world/users/0/factors/0/kind', 'must be one of: "totp", "magic_link", "passkey"'],
    ['a misspelt factor kind', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: totpp }] }\n', '/world/users/0/factors/0/kind', 'must be one of: "totp", "magic_link", "passkey" (did you mean "totp"?)'],
    ['a role in the wrong case', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, role: member }\n', '/world/users/0/role', 'must be one of: "OWNER", "ADMINISTRATOR", "MEMBER" (did you mean "MEMBER"?)'],
    ['a lower-case TOTP secret', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: totp, secret: jbswy3dpehpk3pxp }] }\n', '/world/users/0/factors/0/secret', 'must be a base32 secret in upper case (A-Z and 2-7, at least 16 characters), as authenticator apps export it: write JBSWY3DPEHPK3PXP'],
    ['a TOTP factor without a secret', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: totp }] }\n', '/world/users/0/factors/0/secret', 'needs a secret'],
    // ajv's words were "must be object,null".
    ['an org that is a list', 'description: x\nworld:\n  org: [acme]\n', '/world/org', 'must be an object or null'],
    ['an org of the wrong shape', 'description: x\nworld:\n  org: { id: 5, name: Acme }\n', '/world/org/id', 'must be string'],
    ['invalid YAML', 'description: [unclosed\n', '', 'not valid YAML'],
    // The parser's words named neither the alias nor a line: "Merge sources must be maps or map aliases".
    ['a misspelt alias', 'description: x\nx-user: &user { role: MEMBER }\nworld:\n  users:\n    - { <<: *usr, id: u, email: u@example.com }\n', '', 'not valid YAML: the alias *usr names no anchor set above it (did you mean *user?; anchors above it: &user)'],
    ['two YAML documents', 'description: x\n---\ndescription: y\n', '', 'the file holds more than one YAML document (a line of --- starts another); a scenario file is one'],
    ['an empty file', '', '', 'the file is empty; a scenario file holds at least `description:`'],
    ['a file that is a list', '- description: x\n', '', 'the file is a list; a scenario file is a mapping (description:'],
    ['a file that is one word', 'hello\n', '', 'the file is a single string; a scenario file is a mapping'],
    // As Windows PowerShell 5's `>` writes a file: YAML read it as one string (a scenario author's tour).
    ['a file in UTF-16', Buffer.from('\ufeffdescription: x\n', 'utf16le').toString('utf8'), '', "the file is not UTF-8 text (it starts with a UTF-16 byte order mark): it looks like UTF-16, as Windows PowerShell's > writes it; save it as UTF-8"],
    ['a status in quotes', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: "500" }\n', '/overrides/0/status', 'must be an integer ("500" is text: write 500 without quotes)'],
    ['a lockout limit of 0', 'description: x\nlockout: { afterFailedAttempts: 0 }\n', '/lockout/afterFailedAttempts', 'must be >= 1'],
    ['a lockout limit that is not a whole number', 'description: x\nlockout: { afterFailedAttempts: 2.5 }\n', '/lockout/afterFailedAttempts', 'must be an integer'],
    ['a lockout limit given as text', 'description: x\nlockout: { afterFailedAttempts: three }\n', '/lockout/afterFailedAttempts', 'must be an integer'],
    ['a lockout without its limit', 'description: x\nlockout: {}\n', '/lockout', "must have required property 'afterFailedAttempts'"],
    ['a lockout with an unknown field', 'description: x\nlockout: { afterFailedAttempts: 3, minutes: 15 }\n', '/lockout/minutes', 'unknown field "minutes"'],
    ['a lockout that is a number', 'description: x\nlockout: 3\n', '/lockout', 'must be object'],
    ['generated users without a count', 'description: x\nworld:\n  generate: { seed: 7 }\n', '/world/generate', "must have required property 'users'"],
    ['generated users without a seed', 'description: x\nworld:\n  generate: { users: 5 }\n', '/world/generate', "must have required property 'seed'"],
    ['no generated users', 'description: x\nworld:\n  generate: { users: 0, seed: 7 }\n', '/world/generate/users', 'must be >= 1'],
    ['too many generated users', 'description: x\nworld:\n  generate: { users: 10001, seed: 7 }\n', '/world/generate/users', 'must be <= 10000'],
    ['a fractional seed', 'description: x\nworld:\n  generate: { users: 5, seed: 1.5 }\n', '/world/generate/seed', 'must be an integer'],
    ['an MFA fraction above 1', 'description: x\nworld:\n  generate: { users: 5, seed: 7, mfaEnabled: 30 }\n', '/world/generate/mfaEnabled', 'must be <= 1'],
    ['an MFA fraction given as text', 'description: x\nworld:\n  generate: { users: 5, seed: 7, mfaEnabled: 30% }\n', '/world/generate/mfaEnabled', 'must be a number'],
    ['a generated factor that needs a device', 'description: x\nworld:\n  generate: { users: 5, seed: 7, mfaEnabled: 1, factors: [passkey] }\n', '/world/generate/factors/0', 'must be one of: "totp", "email", "sms", "magic_link"'],
    ['a generated factor the vendor lacks', 'description: x\nworld:\n  generate: { users: 5, seed: 7, mfaEnabled: 1, factors: [totp, sms] }\n', '/world/generate/factors/1', 'flashback has no sms factor (its kinds generated users can have: totp, magic_link)'],
    ['generated factors nobody gets', 'description: x\nworld:\n  generate: { users: 5, seed: 7, factors: [totp] }\n', '/world/generate/factors', 'mfaEnabled is 0'],
    ['an unknown id format', 'description: x\nworld:\n  generate: { users: 5, seed: 7, idFormat: ulid }\n', '/world/generate/idFormat', 'must be one of: "prefixed", "uuid", "uuid-v7", "hex24"'],
    ['a passkey without any key', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: passkey, credential: { id: abc } }] }\n', '/world/users/0/factors/0/credential', 'needs a publicKey, or a privateKey'],
    ['a passkey private key that is not PKCS#8', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: passkey, credential: { id: abc, privateKey: AAAA } }] }\n', '/world/users/0/factors/0/credential', 'privateKey is not DER'],
    ['a passkey whose keys are two pairs', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: passkey, credential: { id: abc, privateKey: MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSoUH3YUTs0dELJphyAmiH-Itv2WVxlWTVcgKPNrcHfWhRANCAATef9T7wpoZSzVXaNh1YDzSa0Hy8LF5QCRflNQuftWfS5aUTt6iCJVdukXuMou9is6k8UpIlmzQ9JS1uAqIC23B, publicKey: pQECAyYgASFYIE7vrw8aT6LH9_0OTpMctmz3hKNVPmsYqOt-_OfdzY9fIlggnis7jmyuKAMy-x-1r203IMMKQ47qseEWnVML5O6qt7M } }] }\n', '/world/users/0/factors/0/credential', 'not one key pair'],
    ['an unknown generate field', 'description: x\nworld:\n  generate: { users: 5, seed: 7, admins: 2 }\n', '/world/generate/admins', 'unknown field "admins"'],
    ['a factor kind the vendor lacks', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: face }] }\n', '/world/users/0/factors/0/kind', 'flashback has no face factor (its kinds: totp, magic_link, passkey)'],
    ['a token generate also hands out', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, token: flashback-token-gen-2 }\n  generate: { users: 3, seed: 7 }\n', '/world/users/0/token', 'token "flashback-token-gen-2" is one generate hands out (flashback-token-gen-1 to flashback-token-gen-3)'],
    ['a token with a space', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, token: "tok with space" }\n', '/world/users/0/token', 'token "tok with space" cannot be sent as "Authorization: Bearer <token>": a token is one word of printable ASCII'],
    ['a token past ASCII', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, token: tok-zoë }\n', '/world/users/0/token', 'token "tok-zoë" cannot be sent'],
    ['a ghost token with a line break', 'description: x\nworld:\n  tokens: { "tok\\nline": nobody }\n', '/world/tokens/tok\nline', 'token "tok\\nline" cannot be sent'],
    ['a ghost token generate also hands out', 'description: x\nworld:\n  tokens: { flashback-token-gen-1: nobody }\n  generate: { users: 1, seed: 7 }\n', '/world/tokens/flashback-token-gen-1', 'is one generate hands out'],
    ['a second override for one operation', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500 }\n  - { operationId: getMFAStatus, status: 401 }\n', '/overrides/1/operationId', 'getMFAStatus already has an override without when (/overrides/0), which answers every request first: this one would never be used; merge them'],
    ['a second "*" override', 'description: x\noverrides:\n  - { operationId: "*", latencyMs: 10 }\n  - { operationId: getMFAStatus, status: 500 }\n  - { operationId: "*", fault: drop-connection }\n', '/overrides/2/operationId', 'every operation ("*") already has an override without when (/overrides/0)'],
    ['an override with when after one without', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500 }\n  - { operationId: getMFAStatus, status: 401, when: { headers: { Authorization: Bearer bob } } }\n', '/overrides/1/operationId', 'which answers every request first: this one would never be used; put the overrides with when before it'],
    ['a second override with the same when', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { headers: { authorization: Bearer bob } } }\n  - { operationId: getMFAStatus, status: 401, when: { headers: { Authorization: Bearer bob } } }\n', '/overrides/1/when', 'getMFAStatus already has an override with this when (/overrides/0)'],
    ['a when on a query parameter the operation lacks', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { query: { userId: u } } }\n', '/overrides/0/when/query/userId', 'getMFAStatus has no query parameter "userId", so no request would fit'],
    ['a when on a body the operation never takes', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { body: { code: "1" } } }\n', '/overrides/0/when/body', 'getMFAStatus takes no request body, so no request would fit'],
    ['a when of an unknown part', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { header: { authorization: x } } }\n', '/overrides/0/when/header', 'unknown field "header" (did you mean "headers"?)'],
    ['a when on a body code YAML reads as a number', 'description: x\noverrides:\n  - { operationId: verifyMFALogin, status: 500, when: { body: { code: 000000 } } }\n', '/overrides/0/when/body/code', "must be a string, as code is in verifyMFALogin's request body (YAML reads 0 unquoted as a number: write it in quotes)"],
    ['a when on a misspelt body field', 'description: x\noverrides:\n  - { operationId: verifyMFALogin, status: 500, when: { body: { codee: "1" } } }\n', '/overrides/0/when/body/codee', 'verifyMFALogin\'s request body has no field "codee", so no request would fit (did you mean "code"?)'],
    ['a when on a path parameter YAML reads as a number', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { headers: { x-build: 7 } } }\n', '/overrides/0/when/headers/x-build', 'must be a string (YAML reads 7 unquoted as a number or boolean: write it in quotes)'],
    ['a when naming one header twice', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: { headers: { authorization: Bearer a, Authorization: Bearer b } } }\n', '/overrides/0/when/headers/Authorization', 'Authorization is authorization again'],
    ['times in a scenario file', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, times: 1 }\n', '/overrides/0/times', 'unknown field "times" (times is for a session override'],
    ['after in a scenario file', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, after: 2 }\n', '/overrides/0/after', 'unknown field "after" (after is for a session override'],
    ['an empty when', 'description: x\noverrides:\n  - { operationId: getMFAStatus, status: 500, when: {} }\n', '/overrides/0/when', 'must NOT have fewer than 1 properties'],
  ])('refuses %s with the file and JSON pointer', async (_what, yaml, pointer, message) => {
    const dir = await userDir({ 'flashback/broken.yaml': yaml });
    const problems = await problemsOf(withUserDir(dir));
    expect(problems).toHaveLength(1);
    // A problem of the whole file is named by the file alone.
    expect(problems[0]).toContain(`${join(dir, 'flashback', 'broken.yaml')}${pointer === '' ? '' : `#${pointer}`}: `);
    expect(problems[0]).toContain(message);
    if (pointer !== '') {
      const thrown = (await withUserDir(dir).catch((error: unknown) => error)) as ScenarioProblems;
      expectPlaced(thrown.problems[0]!, yaml);
    }
  });

  it("reports a file name that is no scenario name beside the file's shape and spec problems, in one run", async () => {
    const dir = await userDir({
      'flashback/Bad_Name.yaml': 'description: x\nworld:\n  users: 5\noverrides:\n  - { operationId: nope, status: 500 }\n',
      'flashback/My Scenario.yaml': 'description: x\noverrides:\n  - { operationId: nope, status: 500 }\n',
    });
    const problems = await problemsOf(withUserDir(dir));
    const badName = join(dir, 'flashback', 'Bad_Name.yaml');
    const spaced = join(dir, 'flashback', 'My Scenario.yaml');
    expect(problems).toEqual(
      expect.arrayContaining([
        `${badName}: scenario names are kebab-case (got "Bad_Name"; rename it bad-name.yaml)`,
        `${badName}#/world/users: must be array`,
        `${badName}#/overrides/0/operationId: no operation "nope" in the flashback spec ${FLASHBACK_OPERATIONS}`,
        `${spaced}: scenario names are kebab-case (got "My Scenario"; rename it my-scenario.yaml)`,
        `${spaced}#/overrides/0/operationId: no operation "nope" in the flashback spec ${FLASHBACK_OPERATIONS}`,
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it('reports every problem of every file in one run, each with its file and JSON pointer', async () => {
    const dir = await userDir({
      'flashback/first.yaml': [
        'description: x',
        'world:',
        '  colour: blue',
        '  users:',
        '    - { id: u, email: not-an-email, factors: [{ kind: totp }] }',
        '    - { id: u, email: u@example.com }',
        'overrides:',
        '  - { operationId: getMFAStatus, status: 418 }',
        '  - { operationId: nope, status: 200 }',
        '  - { operationId: setupMFA, latencyMs: 5, latency: { min: 9, max: 1 } }',
      ].join('\n'),
      'flashback/second.yml': 'description: y\noverrides:\n  - { operationId: "*", status: 418 }\n',
      'lerian/third.yaml': 'world: {}\n',
    });
    const first = join(dir, 'flashback', 'first.yaml');
    const problems = await problemsOf(withUserDir(dir));
    // Both users of first.yaml's world are named u, but the first has a shape problem, so the repeated id is reported
    // once it is fixed; its overrides are sound, so they are checked against the spec in the same run, as second and
    // third are.
    expect(problems.filter((problem) => problem.startsWith(first))).toEqual([
      `${first}#/world/colour: unknown field "colour"`,
      `${first}#/world/users/0/email: must be an e-mail address (name@domain.tld; letters of any script allowed)`,
      `${first}#/overrides/0/status: getMFAStatus declares no 418 response; it declares 200, 401, 403, 500`,
      `${first}#/overrides/1/operationId: no operation "nope" in the flashback spec ${FLASHBACK_OPERATIONS}`,
      `${first}#/overrides/2/latency: give latencyMs (fixed) or latency (range), not both`,
      `${first}#/overrides/2/latency: min (9) is greater than max (1)`,
    ]);
    expect(problems.some((problem) => problem.startsWith(`${join(dir, 'flashback', 'second.yml')}#/overrides/0/status: getMFAStatus declares no 418 response; `))).toBe(true);
    expect(problems).toContain(`${join(dir, 'lerian', 'third.yaml')}: must have required property 'description'`);
  });

  it("checks a shape-broken file's overrides against the spec in the same run, but their broken fields and what those cause", async () => {
    const dir = await userDir({
      'lerian/mixed.yaml': [
        'description: x',
        'world: { users: [ { id: u1, email: a@example.com, token: t1, role: KING } ] }',
        'overrides:',
        '  - { operationId: getMfaStatus, status: 302 }',
        '  - { operationId: nope, status: 302, latencyMs: -4 }',
        '  - { operationId: nope, status: 200 }',
        // Without its malformed fault, its faultRate would read as one "without a fault": not said.
        '  - { operationId: getMfaStatus, fault: 12, faultRate: 0.5 }',
        '  - { operationId: 7, status: 302 }',
      ].join('\n'),
    });
    const file = join(dir, 'lerian', 'mixed.yaml');
    const operations = "(lerian's operations: disableMfa, enableMfa, getMfaStatus, initiateMfaSetup, setPreferredMfaMethod, verifyMfaPasscode)";
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${file}#/world/users/0/role: must be one of: "OWNER", "ADMINISTRATOR", "MEMBER"`,
      `${file}#/overrides/0/status: getMfaStatus declares no 302 response; it declares 200, 400, 401, 403, 404, 500`,
      // One fix-and-check round for both (a QA tour got the second only once the first was fixed).
      `${file}#/overrides/1/operationId: no operation "nope" in the lerian spec ${operations}`,
      `${file}#/overrides/1/latencyMs: must be >= 0`,
      `${file}#/overrides/2/operationId: no operation "nope" in the lerian spec ${operations}`,
      `${file}#/overrides/3/fault: must be one of: "drop-connection", "connection-reset", "malformed-body", "truncated-body", "closed-mid-body", "bad-gateway", "service-unavailable", "gateway-timeout", "slow-body"`,
      `${file}#/overrides/4/operationId: must be string`,
    ]);
  });

  it("checks the sound users of a shape-broken world in the same run: repeated tokens and ids, factor kinds", async () => {
    // Lerian user ids are UUIDs.
    const [U1, U2, U3] = [1, 2, 3].map((n) => `0190aaaa-0000-7000-8000-00000000000${n}`);
    const dir = await userDir({
      'lerian/crowd.yaml': [
        'description: x',
        'world:',
        '  users:',
        `    - { id: ${U1}, email: a@example.com, token: shared }`,
        `    - { id: ${U2}, email: b@example.com, token: t2, role: KING }`,
        `    - { id: ${U3}, email: c@example.com, token: shared, factors: [{ kind: passkey }] }`,
        `    - { id: ${U1}, email: d@example.com }`,
        `  tokens: { t2: ${U3} }`,
      ].join('\n'),
    });
    const file = join(dir, 'lerian', 'crowd.yaml');
    // U2 has the shape problem: its token t2, which tokens gives to U3, is checked once its role is fixed.
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${file}#/world/users/1/role: must be one of: "OWNER", "ADMINISTRATOR", "MEMBER"`,
      `${file}#/world/users/2/token: token "shared" is already user "${U1}"'s (each token names one user)`,
      `${file}#/world/users/2/factors/0/kind: lerian has no passkey factor (its kinds: totp, email, sms)`,
      `${file}#/world/users/3/id: duplicate user id "${U1}"`,
    ]);
  });

  it('takes x- keys as the author\'s own and YAML merge keys, so users can share fields through an anchor', async () => {
    const dir = await userDir({
      'flashback/anchored.yaml': [
        'description: two users from one template',
        'x-user: &user { email: shared@example.com, role: MEMBER }',
        'world:',
        '  users:',
        '    - { <<: *user, id: u1, token: t1 }',
        '    - { <<: *user, id: u2, token: t2, role: OWNER }',
      ].join('\n'),
    });
    const users = (await withUserDir(dir)).catalogue.get('flashback')!.get('anchored')!.world.users!;
    expect(users.map(({ id, email, role }) => ({ id, email, role }))).toEqual([
      { id: 'u1', email: 'shared@example.com', role: 'MEMBER' },
      { id: 'u2', email: 'shared@example.com', role: 'OWNER' },
    ]);
  });

  it("takes an override's headers, and refuses one the sandbox writes itself or that is no header, with its pointer", async () => {
    const dir = await userDir({
      'flashback/rate-limited.yaml': ['description: x', 'overrides:', "  - { operationId: getMFAStatus, status: 500, headers: { Retry-After: '30' } }"].join('\n'),
      'flashback/framed.yaml': ['description: x', 'overrides:', "  - { operationId: getMFAStatus, headers: { Content-Type: 'text/plain' } }"].join('\n'),
      'flashback/unquoted.yaml': ['description: x', 'overrides:', '  - { operationId: getMFAStatus, headers: { Retry-After: 30 } }'].join('\n'),
    });
    expect(await problemsOf(withUserDir(dir))).toEqual([
      // The shape first (the schema), then what only the sandbox knows.
      `${join(dir, 'flashback', 'unquoted.yaml')}#/overrides/0/headers/Retry-After: must be string`,
      `${join(dir, 'flashback', 'framed.yaml')}#/overrides/0/headers/Content-Type: an override cannot set Content-Type: the answer is the vendor's JSON, sent as such (a body of another type is a fault: malformed-body)`,
    ]);
    await rm(join(dir, 'flashback', 'framed.yaml'));
    await rm(join(dir, 'flashback', 'unquoted.yaml'));
    const [override] = (await withUserDir(dir)).catalogue.get('flashback')!.get('rate-limited')!.overrides;
    expect(override).toEqual({ operationId: 'getMFAStatus', status: 500, headers: { 'Retry-After': '30' } });
  });

  it('reports every spec problem of a well-shaped file, not just the first', async () => {
    const dir = await userDir({
      'flashback/many.yaml': [
        'description: x',
        'world:',
        '  users:',
        '    - { id: u, email: u@example.com, factors: [{ kind: totp }] }',
        '    - { id: u, email: v@example.com, primaryMethod: sms }',
        'overrides:',
        '  - { operationId: getMFAStatus, status: 418 }',
        '  - { operationId: nope, status: 200 }',
        '  - { operationId: setupMFA, latencyMs: 5, latency: { min: 9, max: 1 } }',
        '  - { operationId: setupMFA, faultRate: 0.5, status: 200, example: nope }',
      ].join('\n'),
    });
    const file = join(dir, 'flashback', 'many.yaml');
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${file}#/world/users/0/factors/0/secret: a totp factor needs a secret`,
      `${file}#/world/users/1/id: duplicate user id "u"`,
      `${file}#/world/users/1/primaryMethod: user has no sms factor`,
      `${file}#/overrides/0/status: getMFAStatus declares no 418 response; it declares 200, 401, 403, 500`,
      `${file}#/overrides/1/operationId: no operation "nope" in the flashback spec ${FLASHBACK_OPERATIONS}`,
      `${file}#/overrides/2/latency: give latencyMs (fixed) or latency (range), not both`,
      `${file}#/overrides/2/latency: min (9) is greater than max (1)`,
      `${file}#/overrides/3/operationId: setupMFA already has an override without when (/overrides/2), which answers every request first: this one would never be used; merge them`,
      `${file}#/overrides/3/faultRate: faultRate needs a fault`,
      `${file}#/overrides/3/example: setupMFA 200 has no example "nope"; its 200 examples: googleAuth, magicLink, passkey`,
    ]);
  });
});

describe('passkey credentials', () => {
  it('names a credential id given to two users', async () => {
    // A published test key pair (the README's); the key itself is sound, only its id is given twice.
    const key = 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgSoUH3YUTs0dELJphyAmiH-Itv2WVxlWTVcgKPNrcHfWhRANCAATef9T7wpoZSzVXaNh1YDzSa0Hy8LF5QCRflNQuftWfS5aUTt6iCJVdukXuMou9is6k8UpIlmzQ9JS1uAqIC23B';
    const dir = await userDir({
      'flashback/shared-passkey.yaml': [
        'description: x',
        'world:',
        '  users:',
        `    - { id: u1, email: a@example.com, factors: [{ kind: passkey, credential: { id: same, privateKey: ${key} } }] }`,
        `    - { id: u2, email: b@example.com, factors: [{ kind: passkey, credential: { id: same, privateKey: ${key} } }] }`,
      ].join('\n'),
    });
    const file = join(dir, 'flashback', 'shared-passkey.yaml');
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${file}#/world/users/1/factors/0/credential/id: credential "same" is already user "u1"'s passkey (each credential names one)`,
    ]);
  });
});

describe('bearer tokens', () => {
  it('names a token given to two users, or given in tokens to another user than the one who has it', async () => {
    const dir = await userDir({
      'flashback/shared.yaml': [
        'description: x',
        'world:',
        '  users:',
        '    - { id: u1, email: a@example.com, token: tok1 }',
        '    - { id: u2, email: b@example.com, token: tok1 }',
        '    - { id: u3, email: c@example.com, token: tok/3 }',
        '  tokens: { tok/3: u1, tok1: u1, ghost: nobody }',
      ].join('\n'),
    });
    const file = join(dir, 'flashback', 'shared.yaml');
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${file}#/world/users/1/token: token "tok1" is already user "u1"'s (each token names one user)`,
      `${file}#/world/tokens/tok~13: token "tok/3" is already user "u3"'s (each token names one user)`,
    ]);
  });
});

describe('e-mail addresses', () => {
  it('names one given twice, in any letter case, where the surface finds users by it (nest-auth, GenAuth), not elsewhere', async () => {
    const twoAdas = (id: (n: number) => string) =>
      ['description: x', 'world:', '  users:', `    - { id: ${id(1)}, email: ada@example.com }`, `    - { id: ${id(2)}, email: Ada@Example.com }`];
    const dir = await userDir({
      'nest-auth/dup-email.yaml': [...twoAdas((n) => `u${n}`), '  policy: { enabled: true, methods: [email] }'].join('\n'),
      'genauth/dup-email.yaml': [...twoAdas((n) => `6229ff${n}xxxxxxxxcade3e3d9`), '  accessKeys: [{ id: k, secret: s }]'].join('\n'),
      // Flashback finds users by token only: two accounts of one address are a fair thing to want.
      'flashback/dup-email.yaml': [...twoAdas((n) => `u${n}`), '  tokens: { t1: u1 }'].join('\n'),
    });
    const why = (surface: string, first: string) =>
      `${surface} finds users by e-mail (in any letter case), so it would always find /world/users/0 ("${first}") and this user could never sign in or be found by it`;
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${join(dir, 'nest-auth', 'dup-email.yaml')}#/world/users/1/email: e-mail "Ada@Example.com" is already user "u1"'s: ${why('nest-auth', 'u1')}`,
      `${join(dir, 'genauth', 'dup-email.yaml')}#/world/users/1/email: e-mail "Ada@Example.com" is already user "6229ff1xxxxxxxxcade3e3d9"'s: ${why('genauth', '6229ff1xxxxxxxxcade3e3d9')}`,
    ]);
  });
});

describe('user ids a surface holds to a shape (Lerian: UUIDs, in any letter case)', () => {
  it('refuses a Lerian user id that is not a UUID, one UUID given twice in two cases, and generated ids that are no UUIDs', async () => {
    const dir = await userDir({
      'lerian/ids.yaml': [
        'description: x',
        'world:',
        '  users:',
        '    - { id: not-a-uuid, email: a@example.com }',
        '    - { id: 0190AAAA-0000-7000-8000-00000000000A, email: b@example.com }',
        '    - { id: 0190aaaa-0000-7000-8000-00000000000a, email: c@example.com }',
        '    - { id: 0190aaaa-0000-7000-8000-00000000000b, email: d@example.com }',
        '  generate: { users: 2, seed: 1, idFormat: prefixed }',
      ].join('\n'),
    });
    const file = join(dir, 'lerian', 'ids.yaml');
    expect(await problemsOf(withUserDir(dir, { surface: 'lerian' }))).toEqual([
      `${file}#/world/users/0/id: user id "not-a-uuid" is not a UUID: lerian user ids are (the spec's UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003)`,
      `${file}#/world/users/2/id: duplicate user id "0190aaaa-0000-7000-8000-00000000000a": /world/users/1 is "0190AAAA-0000-7000-8000-00000000000A", the same lerian user (its ids are read in any letter case, as "0190aaaa-0000-7000-8000-00000000000a")`,
      `${file}#/world/generate/idFormat: prefixed ids are not a UUID: lerian user ids are (the spec's UserId is format uuid, so every request naming this user would be refused with 400 IDE-0003); use uuid or uuid-v7, or leave idFormat out`,
    ]);
  });

  it('takes any id on a surface without such a rule, and a Lerian UUID in upper case', async () => {
    const dir = await userDir({
      'flashback/ids.yaml': 'description: x\nworld:\n  users:\n    - { id: not-a-uuid, email: a@example.com }\n',
      'lerian/ids.yaml': 'description: x\nworld:\n  users:\n    - { id: 0190AAAA-0000-7000-8000-00000000000A, email: b@example.com }\n',
    });
    const { catalogue } = await withUserDir(dir);
    expect(catalogue.get('lerian')!.get('ids')!.world.users![0]!.id).toBe('0190AAAA-0000-7000-8000-00000000000A'); // the file's spelling; worlds store it in lower case
  });
});

describe('the fallback scenario', () => {
  it('is required on every surface (sessions of a surface without the server-wide scenario start in it)', () => {
    const catalogue = new Map([['lerian', new Map([['other', { name: 'other', surface: 'lerian', description: 'x', world: {}, overrides: [] }]])]]);
    expect(checkScenarios(catalogue, new Map(), 'default').map((problem) => problem.message)).toEqual([
      `${join('lerian', 'default.yaml')}: surface "lerian" has no "default" scenario to start sessions in`,
    ]);
  });
});

describe('user scenarios beside the shipped ones', () => {
  it('adds to the shipped scenarios, and a file of the same surface and name replaces the shipped one', async () => {
    const dir = await userDir({
      'flashback/mine.yaml': 'description: my own\n',
      'flashback/org-enforced.yml': 'description: my org-enforced\n',
    });
    const { catalogue, warnings } = await withUserDir(dir);
    const flashback = catalogue.get('flashback')!;
    expect(flashback.get('mine')!.description).toBe('my own');
    expect(flashback.get('org-enforced')).toMatchObject({ description: 'my org-enforced', file: join(dir, 'flashback', 'org-enforced.yml') });
    expect(flashback.get('mfa-enabled')!.file).toBe(join(SHIPPED_SCENARIOS_DIR, 'flashback', 'mfa-enabled.yaml')); // still there
    // Said, so a file named like a shipped scenario by chance does not change it without a word; and so is a world
    // with nobody in it (these files have none: a scenario's world is its own, not the default's), at the start of
    // the file, where a world would go.
    const emptyWorld = (file: string) =>
      `${join(dir, 'flashback', file)}:1:1: /world: no user, token or generated users, so every flashback request that needs one is refused before anything else, the scenario's overrides included (a scenario's world is its own, never the default's: copy what you need from the shipped scenarios/flashback/default.yaml)`;
    expect(warnings).toEqual([
      `flashback scenario "org-enforced": ${join(dir, 'flashback', 'org-enforced.yml')} replaces the shipped one (${join(SHIPPED_SCENARIOS_DIR, 'flashback', 'org-enforced.yaml')}); give the file another name to keep both`,
      emptyWorld('org-enforced.yml'),
      emptyWorld('mine.yaml'),
    ]);
  });

  it('says nothing of a scenarios directory given as the shipped one (no file replaces itself)', async () => {
    expect((await withUserDir(SHIPPED_SCENARIOS_DIR)).warnings).toEqual([]);
  });

  it('finds .yml like .yaml, and refuses one name in both within a folder', async () => {
    const dir = await userDir({ 'lerian/twin.yaml': 'description: a\n', 'lerian/twin.yml': 'description: b\n' });
    expect(await problemsOf(withUserDir(dir))).toEqual([`${join(dir, 'lerian', 'twin.yml')}: scenario "twin" is also defined by ${join(dir, 'lerian', 'twin.yaml')}; keep one of the two files`]);
  });

  it('refuses a folder that is not a surface, a scenario file outside a surface folder, and a directory that does not exist', async () => {
    const dir = await userDir({ 'flashbak/typo.yaml': 'description: x\n', 'lerain/typo.yaml': 'description: x\n', 'okta/x.yaml': 'description: x\n', 'loose.yml': 'description: x\n', 'README.md': 'notes are fine' });
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${join(dir, 'flashbak')}: "flashbak" is not a surface (did you mean "flashback"?); a scenarios directory holds one folder per surface: flashback, nest-auth, lerian, genauth`,
      `${join(dir, 'lerain')}: "lerain" is not a surface (did you mean "lerian"?); a scenarios directory holds one folder per surface: flashback, nest-auth, lerian, genauth`,
      `${join(dir, 'loose.yml')}: a scenario file belongs in its surface's folder, e.g. ${join(dir, 'flashback', 'loose.yml')}`,
      `${join(dir, 'okta')}: "okta" is not a surface; a scenarios directory holds one folder per surface: flashback, nest-auth, lerian, genauth`,
    ]);
    const missing = join(dir, 'nowhere');
    expect(await problemsOf(withUserDir(missing))).toEqual([`${missing}: not a scenarios directory: there is no such directory`]);
    // A surface's own folder given as the directory (a scenario author's tour: told to make flashback/flashback/).
    const own = await userDir({ 'flashback/mine.yaml': 'description: x\n' });
    expect(await problemsOf(withUserDir(join(own, 'flashback')))).toEqual([
      `${join(own, 'flashback', 'mine.yaml')}: ${join(own, 'flashback')} is flashback's own folder: give its parent as the scenarios directory (--scenarios ${own}), which holds one folder per surface`,
    ]);
  });

  it('names a misspelt required field once, with the field meant, not also as missing', async () => {
    const dir = await userDir({ 'flashback/typo.yaml': 'description: x\nworld:\n  users:\n    - { id: u, emial: u@example.com }\n' });
    expect(await problemsOf(withUserDir(dir))).toEqual([`${join(dir, 'flashback', 'typo.yaml')}#/world/users/0/emial: unknown field "emial" (did you mean "email"?)`]);
    // Each problem keeps its reason as data too: a CI log that prints the problems as JSON loses an Error's message.
    const thrown = await withUserDir(dir).catch((error: unknown) => error);
    expect(JSON.parse(JSON.stringify((thrown as ScenarioProblems).problems))).toEqual([
      expect.objectContaining({ pointer: '/world/users/0/emial', reason: 'unknown field "emial" (did you mean "email"?)' }),
    ]);
  });

  it('refuses what looks meant as a scenario but would be skipped: a sub-folder of a surface folder, an upper-case extension, JSON', async () => {
    const dir = await userDir({
      'flashback/sub/deep.yaml': 'description: x\n',
      'flashback/newbie.YAML': 'description: x\n',
      'flashback/notes.md': 'fine',
      'flashback/t.json': '{"description": "json"}',
      'package.json': '{}',
    });
    expect(await problemsOf(withUserDir(dir))).toEqual([
      `${join(dir, 'flashback', 'newbie.YAML')}: scenario files end in .yaml or .yml, in lower case`,
      `${join(dir, 'flashback', 'sub')}: sub-folders are not read: a surface's scenario files sit directly in ${join(dir, 'flashback')}`,
      `${join(dir, 'flashback', 't.json')}: scenario files end in .yaml or .yml; JSON is YAML, so rename it to t.yaml`,
    ]);
  });

  it('refuses a named pipe, a link to nothing and a file where a surface folder belongs, and follows links to real ones', async () => {
    const dir = await userDir({ 'shared/lerian/linked.yaml': 'description: linked\n', 'flashback/real.yaml': 'description: real\n', 'nest-auth': 'not a folder' });
    const scenarios = join(dir, 'scenarios');
    await mkdir(join(scenarios, 'flashback'), { recursive: true });
    // Read as a scenario, a named pipe held `check` and a start for ever.
    execFileSync('mkfifo', [join(scenarios, 'flashback', 'pipe.yaml')]);
    await symlink(join(dir, 'nowhere.yaml'), join(scenarios, 'flashback', 'dangling.yaml'));
    await symlink(join(scenarios, 'flashback', 'loop.yaml'), join(scenarios, 'flashback', 'loop.yaml'));
    await symlink(join(dir, 'flashback', 'real.yaml'), join(scenarios, 'flashback', 'real.yaml'));
    await symlink(join(dir, 'shared', 'lerian'), join(scenarios, 'lerian'));
    await rename(join(dir, 'nest-auth'), join(scenarios, 'nest-auth'));
    // Should the pipe be read after all, a writer opens it in 3 s and closes it, so the test fails instead of hanging.
    const writer = spawn('sh', ['-c', `sleep 3; : > '${join(scenarios, 'flashback', 'pipe.yaml')}'`], { stdio: 'ignore' });
    const started = performance.now();
    const problems = await problemsOf(withUserDir(scenarios)).finally(() => writer.kill('SIGKILL'));
    expect(problems).toEqual([
      `${join(scenarios, 'nest-auth')}: a file, not a folder: nest-auth's scenario files sit in a folder of that name`,
      `${join(scenarios, 'flashback', 'dangling.yaml')}: a symbolic link to nothing (its target does not exist): a scenario file is a plain file`,
      `${join(scenarios, 'flashback', 'loop.yaml')}: a symbolic link that leads back to itself (a loop of links): a scenario file is a plain file`,
      `${join(scenarios, 'flashback', 'pipe.yaml')}: not a plain file (a named pipe, socket or device): a scenario file is a plain file`,
    ]);
    expect(performance.now() - started).toBeLessThan(3_000);
    // Without those, the linked folder and file are read as what they link to.
    await rm(join(scenarios, 'flashback', 'dangling.yaml'));
    await rm(join(scenarios, 'flashback', 'loop.yaml'));
    await rm(join(scenarios, 'flashback', 'pipe.yaml'));
    await rm(join(scenarios, 'nest-auth'));
    const { catalogue } = await withUserDir(scenarios);
    expect(catalogue.get('lerian')!.get('linked')?.description).toBe('linked');
    expect(catalogue.get('flashback')!.get('real')?.description).toBe('real');
  });

  it('ignores folders of surfaces that are not served', async () => {
    const dir = await userDir({ 'flashback/broken.yaml': 'description: [unclosed\n', 'lerian/mine.yaml': 'description: mine\n' });
    const { catalogue } = await withUserDir(dir, { surface: 'lerian' });
    expect([...catalogue.keys()]).toEqual(['lerian']);
    expect(catalogue.get('lerian')!.has('mine')).toBe(true);
  });
});

describe('the server-wide scenario', () => {
  it('applies to the surfaces that have it and names those that do not, whose sessions start in default', async () => {
    const definition = await loadSandboxDefinition({ ...DEFAULT_CONFIG, scenario: 'org-enforced' });
    expect(definition.warnings).toEqual(['scenario org-enforced: not on lerian (lerian sessions start in default)']);
    const sessions = new SessionRegistry({ store: new MemoryStateStore<SessionState, JournalRecord>({ ttlMs: 60_000, maxEntries: 10, logSize: 10, now: () => Date.now() }), catalogue: definition.catalogue, defaultScenario: 'org-enforced' });
    const session = settledNow(sessions.update('s', (session) => session));
    expect(sessions.scenarioFor(session, 'flashback').name).toBe('org-enforced');
    expect(sessions.scenarioFor(session, 'lerian').name).toBe('default');
  });

  it('is a configuration error when no surface has it', async () => {
    await expect(loadSandboxDefinition({ ...DEFAULT_CONFIG, scenario: 'nope' })).rejects.toThrow(ConfigError);
    await expect(loadSandboxDefinition({ ...DEFAULT_CONFIG, scenario: 'nope' })).rejects.toThrow('scenario "nope" is not a scenario of any surface; known: default, ');
    await expect(loadSandboxDefinition({ ...DEFAULT_CONFIG, surface: 'lerian', scenario: 'org-enforced' })).rejects.toThrow('scenario "org-enforced" is not a scenario of lerian');
    // A typo names the scenario meant.
    await expect(loadSandboxDefinition({ ...DEFAULT_CONFIG, scenario: 'mfa-enabeld' })).rejects.toThrow(
      'scenario "mfa-enabeld" is not a scenario of any surface (did you mean "mfa-enabled"?); known: default, ',
    );
  });

  it('may be one of the user scenarios', async () => {
    const dir = await userDir({ 'genauth/only-here.yaml': 'description: mine\nworld:\n  accessKeys: [{ id: key, secret: secret }]\n' });
    expect((await withUserDir(dir, { scenario: 'only-here' })).warnings).toEqual(['scenario only-here: not on flashback, nest-auth, lerian (flashback, nest-auth, lerian sessions start in default)']);
  });
});
