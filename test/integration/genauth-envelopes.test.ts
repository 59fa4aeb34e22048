import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { buildApp, type Sandbox } from '../../src/app.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { toSignedHeaders } from '../../src/surfaces/genauth/request-signature.js';

/**
 * A GenAuth success answer is its operation's envelope (statusCode, message) from the spec's example, read once per
 * route and kept (src/surfaces/genauth/genauth-surface.ts). Two sandboxes in one process on specs whose examples
 * differ must each answer from their own spec, whichever asked first.
 */
const PATH = '/api/v3/get-mfa-status';
const USER_ID = '6229ffaxxxxxxxxcade3e3d9';
const KEY = { accessKeyId: 'genauth-sandbox-key', accessKeySecret: 'genauth-sandbox-secret' };
const open: Sandbox[] = [];
let dir: string | undefined;

afterAll(async () => {
  for (const sandbox of open) await sandbox.app.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function statusMessage(sandbox: Sandbox): Promise<unknown> {
  const headers = toSignedHeaders({ method: 'GET', path: PATH, fields: { userId: USER_ID }, ...KEY });
  const answer = await sandbox.app.inject({ url: `/genauth${PATH}?userId=${USER_ID}`, headers: { ...headers, 'x-mock-session': 'envelopes' } });
  const body = answer.json<{ statusCode: number; message: unknown }>();
  expect(body.statusCode).toBe(200);
  return body.message;
}

it('each sandbox answers the success envelope of its own spec, whichever sandbox answered first', async () => {
  dir = await mkdtemp(join(tmpdir(), 'mfa-genauth-envelopes-'));
  await cp(DEFAULT_CONFIG.specsDir, dir, { recursive: true });
  const file = join(dir, 'genauth.openapi.yaml');
  const spec = parse(await readFile(file, 'utf8'));
  const example = spec.paths[PATH].get.responses['200'].content['application/json'].examples.success.value;
  expect(example.message).toBe('Operation successful');
  example.message = 'Operation successful (edited copy)';
  await writeFile(file, stringify(spec));

  const config = { ...DEFAULT_CONFIG, logLevel: 'silent' as const, scenario: 'mfa-enabled' };
  const shipped = await buildApp(config);
  open.push(shipped);
  const edited = await buildApp({ ...config, specsDir: dir });
  open.push(edited);
  expect(await statusMessage(shipped)).toBe('Operation successful');
  expect(await statusMessage(edited)).toBe('Operation successful (edited copy)');
  expect(await statusMessage(shipped)).toBe('Operation successful');
});
