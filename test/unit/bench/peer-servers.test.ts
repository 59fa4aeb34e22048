import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findOnPath, isSkipped, loadDocumentedStatusBody, preparePeers, toJavaMajor, type PeerServers } from '../../../bench/peer-servers.js';

/**
 * The peers' set-up for `npm run bench`: what Mockoon and WireMock are given to serve, and WireMock skipped (with the
 * reason) when there is no Java. Starting them under load is the bench smoke test's job (test/bench).
 */
const prepared: PeerServers[] = [];
afterEach(async () => {
  await Promise.all(prepared.splice(0).map((peers) => peers.cleanup()));
});

/** Whether this machine has a working Java on PATH, asked directly rather than through the code under test. */
const HAS_JAVA = spawnSync('java', ['-version']).status === 0;

const argAfter = (args: string[], flag: string) => args[args.indexOf(flag) + 1]!;

describe('loadDocumentedStatusBody', () => {
  it("is the spec's documented example of getMFAStatus's 200 answer", async () => {
    const spec = parse(await readFile('specs/flashback.openapi.yaml', 'utf8'));
    const operation = spec.paths['/mfa/status'].get;
    expect(operation.operationId).toBe('getMFAStatus');
    const body = await loadDocumentedStatusBody();
    expect(body).toEqual(operation.responses['200'].content['application/json'].examples.documented.value);
    expect(body).toMatchObject({ success: true, data: { isEnabled: true, primaryMethod: 'GOOGLE_AUTH' } });
  });
});

describe('preparePeers', () => {
  it('gives Mockoon an environment imported from the spec whose default GET /mfa/status answer is the documented body', async () => {
    const peers = await preparePeers();
    prepared.push(peers);
    const { args, probe } = peers.mockoon;
    expect(args).toEqual(expect.arrayContaining(['start', '--port', '{port}', '--disable-log-to-file']));
    const environment = JSON.parse(await readFile(argAfter(args, '--data'), 'utf8'));
    const route = environment.routes.find(
      (candidate: { method: string; endpoint: string }) => candidate.method === 'get' && candidate.endpoint === 'mfa/status',
    );
    const defaults = route.responses.filter((response: { default: boolean }) => response.default);
    expect(defaults).toHaveLength(1);
    expect(defaults[0].statusCode).toBe(200);
    expect(JSON.parse(defaults[0].body)).toEqual(peers.documentedBody);
    expect(probe).toEqual({ path: '/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' }, body: peers.documentedBody });
  }, 30_000);

  it('gives WireMock one stub answering GET /mfa/status with a bearer token and the documented body when Java is on PATH, else says why not', async () => {
    const peers = await preparePeers();
    prepared.push(peers);
    if (!HAS_JAVA) {
      expect(peers.wiremock).toEqual({ skipped: expect.stringMatching(/java/) });
      return;
    }
    if (isSkipped(peers.wiremock)) throw new Error(`java -version works here, yet WireMock was skipped: ${peers.wiremock.skipped}`);
    const { command, args, probe } = peers.wiremock;
    expect(command).toBe(findOnPath('java'));
    expect(args).toEqual(expect.arrayContaining(['-jar', '--no-request-journal', '--disable-banner', '--port', '{port}']));
    const mapping = JSON.parse(await readFile(join(argAfter(args, '--root-dir'), 'mappings', 'mfa-status.json'), 'utf8'));
    expect(mapping.request).toEqual({ method: 'GET', url: '/mfa/status', headers: { Authorization: { matches: 'Bearer .+' } } });
    expect(mapping.response).toEqual({ status: 200, headers: { 'Content-Type': 'application/json' }, jsonBody: peers.documentedBody });
    expect(probe.body).toEqual(peers.documentedBody);
  }, 30_000);

  it('skips WireMock, saying why, when no java is on the search path (and still prepares Mockoon)', async () => {
    // A PATH with node on it (mockoon-cli is a node script) but no java.
    const nodeOnly = await mkdtemp(join(tmpdir(), 'bench-no-java-'));
    try {
      await symlink(process.execPath, join(nodeOnly, 'node'));
      const peers = await preparePeers({ searchPath: nodeOnly });
      prepared.push(peers);
      expect(peers.wiremock).toEqual({ skipped: 'no `java` on PATH (WireMock standalone needs Java 11 or later)' });
      expect(peers.mockoon.args).toContain('start');
    } finally {
      await rm(nodeOnly, { recursive: true, force: true });
    }
  }, 30_000);

  it('removes its temporary directory on cleanup', async () => {
    const peers = await preparePeers();
    const directory = dirname(argAfter(peers.mockoon.args, '--data'));
    await peers.cleanup();
    await expect(readFile(argAfter(peers.mockoon.args, '--data'))).rejects.toThrow(/ENOENT/);
    expect(directory).toContain('mfa-sandbox-bench-peers-');
  }, 30_000);
});

describe('findOnPath', () => {
  it('finds an executable in the first directory that has it, and nothing in directories without it', () => {
    expect(findOnPath('node', `/nonexistent:${dirname(process.execPath)}`)).toBe(join(dirname(process.execPath), 'node'));
    expect(findOnPath('node', '/nonexistent')).toBeUndefined();
    expect(findOnPath('node', '')).toBeUndefined();
  });
});

describe('toJavaMajor', () => {
  it('reads the major version from `java -version`, old 1.x numbering included', () => {
    expect(toJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(toJavaMajor('java version "1.8.0_412"')).toBe(8);
    expect(toJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(toJavaMajor('command not found')).toBeUndefined();
  });
});
