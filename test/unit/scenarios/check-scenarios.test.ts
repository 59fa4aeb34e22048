import { mkdtemp, mkdir, writeFile, cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSandboxDefinition } from '../../../src/app.js';
import { DEFAULT_CONFIG } from '../../../src/config.js';

/** A copy of the real scenarios with one file replaced, checked against the real specs. */
async function definitionWith(surface: string, name: string, yaml: string) {
  const dir = await mkdtemp(join(tmpdir(), 'mfa-scenarios-'));
  await cp(DEFAULT_CONFIG.scenariosDir, dir, { recursive: true });
  await mkdir(join(dir, surface), { recursive: true });
  const file = join(dir, surface, `${name}.yaml`);
  await writeFile(file, yaml);
  return { file, load: () => loadSandboxDefinition({ ...DEFAULT_CONFIG, scenariosDir: dir }) };
}

describe('scenario checks at boot', () => {
  it('accepts the shipped scenarios', async () => {
    const { catalogue } = await loadSandboxDefinition(DEFAULT_CONFIG);
    expect([...catalogue.get('flashback')!.keys()]).toContain('org-enforced');
  });

  it.each([
    ['an unknown operationId', "description: x\noverrides:\n  - { operationId: getMfaStatusz, status: 500 }\n", '/overrides/0/operationId', 'no operation "getMfaStatusz"'],
    ['an undeclared status', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 418 }\n", '/overrides/0/status', 'declares no 418'],
    ['an unknown example', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 200, example: nope }\n", '/overrides/0/example', 'no example "nope"'],
    ['a body the schema rejects', "description: x\noverrides:\n  - { operationId: getMFAStatus, status: 200, body: { success: true, data: { isEnabled: yes } } }\n", '/overrides/0/body', 'not a valid 200'],
    ['an unknown field', 'description: x\nworld:\n  userz: []\n', '/world/userz', 'unknown field "userz"'],
    ['a bad factor kind', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: sms2 }] }\n', '/world/users/0/factors/0/kind', 'must be equal to one of'],
    ['a TOTP factor without a secret', 'description: x\nworld:\n  users:\n    - { id: u, email: u@example.com, factors: [{ kind: totp }] }\n', '/world/users/0/factors/0/secret', 'needs a secret'],
    ['invalid YAML', 'description: [unclosed\n', '', 'not valid YAML'],
  ])('refuses %s with the file and JSON pointer', async (_what, yaml, pointer, message) => {
    const { file, load } = await definitionWith('flashback', 'broken', yaml);
    await expect(load()).rejects.toThrow(`${file}#${pointer}: `);
    await expect(load()).rejects.toThrow(message);
  });

  it('refuses a surface without the default scenario', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mfa-scenarios-'));
    await mkdir(join(dir, 'flashback'));
    await expect(loadSandboxDefinition({ ...DEFAULT_CONFIG, scenariosDir: dir, surface: 'flashback' })).rejects.toThrow('has no "default" scenario');
  });
});
