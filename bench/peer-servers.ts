import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { parse } from 'yaml';
import type { ServerCommand } from './server-process.js';

/**
 * The mocks users would pick instead of mfa-sandbox, set up to answer the same request as the other targets
 * (Flashback `GET /mfa/status` with a bearer token) with the same body: the `documented` example of getMFAStatus's 200
 * in specs/flashback.openapi.yaml, read from the spec, never copied by hand.
 */

const PACKAGE_ROOT = resolve(import.meta.dirname, '..');
const FLASHBACK_SPEC = resolve(PACKAGE_ROOT, 'specs/flashback.openapi.yaml');
const MOCKOON_CLI = resolve(PACKAGE_ROOT, 'node_modules/.bin/mockoon-cli');
/** The standalone jar the `wiremock` npm package ships (its version is pinned in package.json). */
export const WIREMOCK_JAR = resolve(PACKAGE_ROOT, 'node_modules/wiremock/build/wiremock-standalone-3.13.2.jar');
/** WireMock 3 runs on Java 11 and later. */
const WIREMOCK_MIN_JAVA = 11;

const STATUS_PATH = '/mfa/status';
const BEARER = { authorization: 'Bearer flashback-token-ada' };

/** A peer that cannot run on this machine, and why (printed instead of its figures). */
export interface SkippedPeer {
  skipped: string;
}

export interface PeerServers {
  /** The documented 200 body every peer answers (and the probe checks). */
  documentedBody: unknown;
  mockoon: ServerCommand;
  wiremock: ServerCommand | SkippedPeer;
  /** Removes the temporary directory holding Mockoon's environment and WireMock's mappings. */
  cleanup(): Promise<void>;
}

export const isSkipped = <Found extends object>(peer: Found | SkippedPeer): peer is SkippedPeer => 'skipped' in peer;

/** The few fields of the OpenAPI document read here, each optional: a missing one is reported, not assumed. */
interface StatusOperationDocument {
  paths?: Record<string, { get?: { responses?: Record<string, { content?: Record<string, { examples?: Record<string, { value?: unknown }> }> }> } }>;
}

/** The few fields of a Mockoon environment (its own JSON format) that are read or changed here. */
interface MockoonEnvironment {
  routes?: Array<{ method: string; endpoint: string; responses: Array<{ label: string; body: string; default: boolean }> }>;
}

/** The `documented` example of getMFAStatus's 200 answer, from the spec. */
export async function loadDocumentedStatusBody(): Promise<unknown> {
  const spec = parse(await readFile(FLASHBACK_SPEC, 'utf8')) as StatusOperationDocument;
  const body = spec.paths?.[STATUS_PATH]?.get?.responses?.['200']?.content?.['application/json']?.examples?.documented?.value;
  if (body === undefined) throw new Error(`${FLASHBACK_SPEC}: no examples.documented on GET ${STATUS_PATH} 200`);
  return body;
}

/**
 * Mockoon turns an OpenAPI file into an environment whose first (default) response for each route is generated from
 * the schema with Faker on every request (here a random `success` and random methods), and adds one response per
 * named example. `mockoon-cli start --data <spec>` does that conversion in memory; this runs the same conversion with
 * `mockoon-cli import` and makes the `documented` example the route's default response, as a Mockoon user would in
 * the app, so Mockoon answers the same body as the others. Templating stays on, as Mockoon ships it.
 */
async function writeMockoonEnvironment(directory: string, documentedBody: unknown): Promise<string> {
  const file = join(directory, 'mockoon-flashback.json');
  await promisify(execFile)(MOCKOON_CLI, ['import', '--input', FLASHBACK_SPEC, '--output', file], { env: { ...process.env, NO_COLOR: '1' } });
  const environment = JSON.parse(await readFile(file, 'utf8')) as MockoonEnvironment;
  const route = environment.routes?.find((candidate) => candidate.method === 'get' && candidate.endpoint === STATUS_PATH.slice(1));
  const documented = route?.responses.find((response) => response.label === 'documented');
  if (!route || !documented || !isDeepStrictEqual(JSON.parse(documented.body), documentedBody)) {
    throw new Error(`mockoon-cli import of ${FLASHBACK_SPEC}: no "documented" response with the spec's body on GET ${STATUS_PATH}`);
  }
  for (const response of route.responses) response.default = response === documented;
  await writeFile(file, JSON.stringify(environment));
  return file;
}

/** Mockoon CLI on the converted spec; it logs every request to stdout whatever its flags, but not to a file. */
function mockoonServer(environmentFile: string, documentedBody: unknown): ServerCommand {
  return {
    name: 'mockoon',
    command: MOCKOON_CLI,
    args: ['start', '--data', environmentFile, '--port', '{port}', '--hostname', '127.0.0.1', '--disable-log-to-file', '--disable-admin-api'],
    probe: { path: STATUS_PATH, headers: BEARER, body: documentedBody },
  };
}

/** WireMock's stub for the route: GET /mfa/status with a bearer token answers the documented body as JSON. */
async function writeWiremockMappings(directory: string, documentedBody: unknown): Promise<string> {
  const root = join(directory, 'wiremock');
  await mkdir(join(root, 'mappings'), { recursive: true });
  const mapping = {
    request: { method: 'GET', url: STATUS_PATH, headers: { Authorization: { matches: 'Bearer .+' } } },
    response: { status: 200, headers: { 'Content-Type': 'application/json' }, jsonBody: documentedBody },
  };
  await writeFile(join(root, 'mappings', 'mfa-status.json'), JSON.stringify(mapping, null, 2));
  return root;
}

/** The first executable `name` on PATH (or on `searchPath`, same format), as a shell would find it. */
export function findOnPath(name: string, searchPath = process.env.PATH ?? ''): string | undefined {
  for (const directory of searchPath.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Java's major version from `java -version` (printed on stderr, e.g. `openjdk version "17.0.15"`, or `"1.8.0_412"`). */
export function toJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/** A Java that can run the WireMock jar, or why there is none. */
async function findJava(searchPath: string | undefined): Promise<{ java: string } | SkippedPeer> {
  if (!existsSync(WIREMOCK_JAR)) return { skipped: `${WIREMOCK_JAR} is missing (npm ci installs it)` };
  const java = findOnPath('java', searchPath);
  if (!java) return { skipped: 'no `java` on PATH (WireMock standalone needs Java 11 or later)' };
  try {
    const { stderr, stdout } = await promisify(execFile)(java, ['-version']);
    const major = toJavaMajor(`${stderr}${stdout}`);
    if (major === undefined || major < WIREMOCK_MIN_JAVA)
      return { skipped: `${java} is Java ${major ?? '(unknown version)'}; WireMock needs ${WIREMOCK_MIN_JAVA}+` };
    return { java };
  } catch (error) {
    return { skipped: `${java} -version failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

/** WireMock standalone on its mappings: no request journal (it would grow with every request), no banner. */
function wiremockServer(java: string, rootDir: string, documentedBody: unknown): ServerCommand {
  return {
    name: 'wiremock',
    command: java,
    args: ['-jar', WIREMOCK_JAR, '--port', '{port}', '--bind-address', '127.0.0.1', '--root-dir', rootDir, '--no-request-journal', '--disable-banner'],
    probe: { path: STATUS_PATH, headers: BEARER, body: documentedBody },
  };
}

/**
 * Write each peer's configuration into a fresh temporary directory and return how to start them. WireMock is
 * skipped, with the reason, when no Java 11+ is on PATH (`searchPath` looks elsewhere, for tests); everything else is
 * required (a failure throws).
 *
 * @example
 * const peers = await preparePeers();
 * const server = await startServer(peers.mockoon);
 * await server.stop();
 * await peers.cleanup();
 */
export async function preparePeers(options: { searchPath?: string } = {}): Promise<PeerServers> {
  const documentedBody = await loadDocumentedStatusBody();
  const directory = await mkdtemp(join(tmpdir(), 'mfa-sandbox-bench-peers-'));
  try {
    const mockoonEnvironment = await writeMockoonEnvironment(directory, documentedBody);
    const java = await findJava(options.searchPath);
    const wiremock = isSkipped(java) ? java : wiremockServer(java.java, await writeWiremockMappings(directory, documentedBody), documentedBody);
    return {
      documentedBody,
      mockoon: mockoonServer(mockoonEnvironment, documentedBody),
      wiremock,
      cleanup: () => rm(directory, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
