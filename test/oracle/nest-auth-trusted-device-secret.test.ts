import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';
import { startNestAuthOracle, type NestAuthOracle, type SignedUpUser } from './nest-auth-oracle.js';
import { MOCK_ADA as ADA, toSides, type Side } from './oracle-and-mock-sides.js';

/**
 * An app that sets no `mfa.trustedDeviceSecret` (2.11.1's defaults) against the REAL server started so: trusting a
 * device is a 500, after the code was used and the session completed (its new tokens made and lost, so the sign-in's
 * refresh token is then a replay), and any trust token at sign-in is a 500 too. The mock plays it with a scenario's
 * `policy.trustedDeviceSecret: false`; without it (every shipped scenario) it plays an app that set the secret.
 */

const JSON_HEADERS = { 'content-type': 'application/json' };
const SCENARIO = 'no-trust-secret';

let oracle: NestAuthOracle;
let sandbox: RunningSandbox;
let user: SignedUpUser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-trust-secret-'));
  await mkdir(join(dir, 'nest-auth'));
  const shipped = await readFile(join(process.cwd(), 'scenarios/nest-auth/default.yaml'), 'utf8');
  await writeFile(join(dir, 'nest-auth', `${SCENARIO}.yaml`), shipped.replace('required: false }', 'required: false, trustedDeviceSecret: false }'));
  [oracle, sandbox] = await Promise.all([startNestAuthOracle(), createSandbox({ surface: 'nest-auth', scenariosDir: dir })]);
  user = await oracle.signUp('no-trust-secret@example.com');
  await oracle.verifyEmail(user.email);
}, 90_000);

afterAll(async () => {
  await Promise.all([oracle?.stop(), sandbox?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The mock's sessions that play the scenario without the secret (choosing it again would start its world anew). */
const chosen = new Set<string>();

/** Each side of one step. */
function sides(session: string): Side[] {
  if (!chosen.has(session)) sandbox.session(session).useScenario(SCENARIO, 'nest-auth');
  chosen.add(session);
  return toSides(oracle, user, sandbox, session);
}

type Answer = { status: number; body: Record<string, unknown> };

async function post(side: Side, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${side.url}${path}`, { method: 'POST', headers: { ...JSON_HEADERS, ...side.headers, ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The same step on both sides; the answers must be equal where they are not tokens (compared by `keep`). */
async function compare(
  session: string,
  name: string,
  send: (side: Side) => Promise<Answer>,
  keep: (answer: Answer) => unknown = (answer) => answer,
): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const side of sides(session)) answers.push(await send(side));
  expect(keep(answers[1]!), name).toEqual(keep(answers[0]!));
  return answers;
}

const withoutTokens = ({ status, body }: Answer) => ({ status, keys: Object.keys(body).sort(), isRequiresMfa: body.isRequiresMfa });
const login =
  (headers: Record<string, string> = {}) =>
  (side: Side) =>
    post(side, '/auth/login', { providerName: 'email', credentials: { email: side.email, password: side.password } }, headers);
const INTERNAL_ERROR = { status: 500, body: { statusCode: 500, message: 'Internal server error' } };

describe('nest-auth without mfa.trustedDeviceSecret: the real 2.11.1 server (its defaults) vs the mock (policy.trustedDeviceSecret: false)', () => {
  it('verify with trustDevice is a 500 that still uses the code and completes the session, so its refresh token is a replay', async () => {
    const session = 'no-secret-verify';
    await compare(session, 'toggle on', (side) => post(side, '/auth/mfa/toggle', { enabled: true }, { authorization: `Bearer ${side.bearer}` }));
    const signIns = await compare(session, 'login with MFA on', login(), withoutTokens);
    expect(signIns[1]!.body.isRequiresMfa).toBe(true);
    const preMfa = (side: Side) => signIns[side.name === 'oracle' ? 0 : 1]!.body;
    const bearer = (side: Side) => ({ authorization: `Bearer ${String(preMfa(side).accessToken)}` });
    await compare(session, 'challenge', (side) => post(side, '/auth/mfa/challenge', { method: 'email' }, bearer(side)));
    const codes = { oracle: await sides(session)[0]!.code(), mock: await sides(session)[1]!.code() };
    const [, trusted] = await compare(session, 'verify, trustDevice', (side) =>
      post(side, '/auth/mfa/verify', { method: 'email', otp: codes[side.name], trustDevice: true }, bearer(side)),
    );
    expect(trusted).toEqual(INTERNAL_ERROR);
    const [, again] = await compare(session, 'the same code again', (side) =>
      post(side, '/auth/mfa/verify', { method: 'email', otp: codes[side.name] }, bearer(side)),
    );
    expect(again!.status).toBe(400);
    const [, refreshed] = await compare(session, "the sign-in's refresh token", (side) =>
      post(side, '/auth/refresh-token', { refreshToken: preMfa(side).refreshToken }),
    );
    expect(refreshed!.status).toBe(401);
    // The mock says why it answered 500 (the vendor's body stays Nest's own).
    const journal = sandbox.session(session).journal({ operationId: 'verifyMfa', status: 500 });
    expect(journal[0]?.explanation).toMatchObject({ rule: 'precondition', message: expect.stringContaining('mfa.trustedDeviceSecret') });
  });

  it('verify-recovery-code with trustDevice is a 500 too', async () => {
    const session = 'no-secret-recovery';
    await compare(session, 'toggle on', (side) => post(side, '/auth/mfa/toggle', { enabled: true }, { authorization: `Bearer ${side.bearer}` }));
    const generated = await compare(
      session,
      'generate a recovery code',
      (side) => post(side, '/auth/mfa/generate-recovery-code', {}, { authorization: `Bearer ${side.bearer}` }),
      ({ status, body }) => ({ status, keys: Object.keys(body).sort() }),
    );
    const signIns = await compare(session, 'login with MFA on', login(), withoutTokens);
    const at = (side: Side) => (side.name === 'oracle' ? 0 : 1);
    const [, trusted] = await compare(session, 'verify-recovery-code, trustDevice', (side) =>
      post(
        side,
        '/auth/mfa/verify-recovery-code',
        { code: generated[at(side)]!.body.code, trustDevice: true },
        { authorization: `Bearer ${String(signIns[at(side)]!.body.accessToken)}` },
      ),
    );
    expect(trusted).toEqual(INTERNAL_ERROR);
  });

  it('a sign-in that brings any trust token, as cookie or header, is a 500; one without signs in', async () => {
    const session = 'no-secret-login';
    await compare(session, 'toggle on', (side) => post(side, '/auth/mfa/toggle', { enabled: true }, { authorization: `Bearer ${side.bearer}` }));
    const [, byCookie] = await compare(session, 'login with a trust cookie', login({ cookie: 'nest_auth_device_trust=made-up' }));
    expect(byCookie).toEqual(INTERNAL_ERROR);
    const [, byHeader] = await compare(session, 'login with a trust header', login({ nest_auth_device_trust: 'made-up' }));
    expect(byHeader).toEqual(INTERNAL_ERROR);
    const [, plain] = await compare(session, 'login without', login(), withoutTokens);
    expect(plain!.status).toBe(200);
  });

  it('a shipped scenario plays an app that set the secret: trustDevice gets its trust token', async () => {
    const session = sandbox.session('with-secret');
    const headers = { ...JSON_HEADERS, ...session.headers, authorization: `Bearer ${ADA.token}` };
    await fetch(`${sandbox.url}/auth/mfa/toggle`, { method: 'POST', headers, body: JSON.stringify({ enabled: true }) });
    const signIn = await fetch(`${sandbox.url}/auth/login`, {
      method: 'POST',
      headers: { ...JSON_HEADERS, ...session.headers },
      body: JSON.stringify({ providerName: 'email', credentials: { email: ADA.email, password: ADA.password } }),
    });
    const preMfa = `Bearer ${((await signIn.json()) as { accessToken: string }).accessToken}`;
    await fetch(`${sandbox.url}/auth/mfa/challenge`, {
      method: 'POST',
      headers: { ...headers, authorization: preMfa },
      body: JSON.stringify({ method: 'email' }),
    });
    const verify = await fetch(`${sandbox.url}/auth/mfa/verify`, {
      method: 'POST',
      headers: { ...headers, authorization: preMfa },
      body: JSON.stringify({ method: 'email', otp: session.outbox().at(-1)!.code, trustDevice: true }),
    });
    expect(verify.status).toBe(200);
    expect(((await verify.json()) as { trustToken?: string }).trustToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
