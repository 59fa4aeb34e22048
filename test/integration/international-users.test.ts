import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox, type RunningSandbox } from '../../src/index.js';

/**
 * Users a team abroad has: internationalised e-mail addresses and names in other scripts. The scenario schema took
 * only ASCII addresses (JSON Schema's format "email"), so no scenario could hold 用户@例子.广告 or josé@exämple.com.
 */

const CHINESE = { email: '用户@例子.广告', name: '张伟' };
const SPANISH = 'josé@exämple.com';
let dir: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-international-'));
  const scenario = (surface: string, user: string) =>
    mkdir(join(dir, surface)).then(() => writeFile(join(dir, surface, 'international.yaml'), `description: users abroad\nworld:\n  users:\n    - ${user}\n`));
  await Promise.all([
    scenario('nest-auth', `{ id: 4b3c9c9c-0000-4d1e-8d9f-00000000a001, email: "${CHINESE.email}", name: ${CHINESE.name}, token: zhang-token }`),
    scenario('flashback', `{ id: usr_jose, email: "${SPANISH}", token: jose-token }`),
  ]);
  sandbox = await createSandbox({ scenariosDir: dir });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('users with internationalised e-mail addresses', () => {
  it('are accepted in a scenario, with no warning', () => {
    expect(sandbox.warnings).toEqual([]);
  });

  it('nest-auth: the TOTP setup names the address byte for byte (its account and otpauth label), valid under the spec', async () => {
    const session = sandbox.session('international-nest-auth');
    session.useScenario('international', 'nest-auth');
    const response = await fetch(`${sandbox.url}/nest-auth/auth/mfa/setup-totp`, {
      method: 'POST',
      headers: { authorization: 'Bearer zhang-token', 'content-type': 'application/json', ...session.headers },
      body: '{}',
    });
    expect(response.status).toBe(200); // an answer outside the spec would be the sandbox's 500
    const setup = (await response.json()) as { account: string; otpAuthUrl: string };
    expect(setup.account).toBe(CHINESE.email);
    expect(setup.otpAuthUrl.startsWith(`otpauth://totp/${CHINESE.email}?`)).toBe(true); // speakeasy leaves the label as it is
  });

  it('flashback: a magic link goes to the address as written', async () => {
    const session = sandbox.session('international-flashback');
    session.useScenario('international', 'flashback');
    const headers = { authorization: 'Bearer jose-token', 'content-type': 'application/json', ...session.headers };
    const sent = await fetch(`${sandbox.url}/flashback/mfa/magic-link/send`, { method: 'POST', headers, body: '{}' });
    expect(sent.status).toBe(200);
    expect(session.outbox('flashback').map((message) => message.to)).toEqual([SPANISH]);
  });

  it('an address without a domain of labels is still refused, saying what is wanted', async () => {
    const bad = await mkdtemp(join(tmpdir(), 'mfa-international-bad-'));
    await mkdir(join(bad, 'flashback'));
    await writeFile(join(bad, 'flashback', 'bad.yaml'), 'description: x\nworld:\n  users:\n    - { id: u, email: "josé@localhost", token: t }\n');
    await expect(createSandbox({ scenariosDir: bad })).rejects.toThrow(
      /\/world\/users\/0\/email: must be an e-mail address \(name@domain\.tld; letters of any script allowed\)/,
    );
    await rm(bad, { recursive: true, force: true });
  });
});
