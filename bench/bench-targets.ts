import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toSignedHeaders } from '../src/surfaces/genauth/request-signature.js';
import type { LoadPlan } from './measure-throughput.js';
import { isSkipped, type PeerServers } from './peer-servers.js';
import type { ServerCommand } from './server-process.js';
import { createSignedRequestPool } from './signed-request-pool.js';

export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
/** What the installed `mfa-sandbox` command runs (bin/mfa-sandbox.js): the build, bundled into one file. */
export const BUILT_MAIN = resolve(PACKAGE_ROOT, 'dist/src/main.bundle.js');
const SOURCE_MAIN = resolve(PACKAGE_ROOT, 'src/main.ts');
const PRISM = resolve(PACKAGE_ROOT, 'node_modules/.bin/prism');
const FLASHBACK_SPEC = resolve(PACKAGE_ROOT, 'specs/flashback.openapi.yaml');

const ADA = { authorization: 'Bearer flashback-token-ada' };
const GENAUTH_USER = '6229ffaxxxxxxxxcade3e3d9';
const GENAUTH_KEY = { accessKeyId: 'genauth-sandbox-key', accessKeySecret: 'genauth-sandbox-secret' };

/** One server under load: how to start it fresh and what to send it. */
export interface ThroughputTarget {
  id: string;
  label: string;
  server: ServerCommand;
  load: LoadPlan;
  /** The plain Fastify target serving this target's request (its operation class's limit); the GET one when unset. */
  limitId?: string;
  /**
   * Warm-up this server needs before its figures are its steady state, when longer than the run's (ignored when the
   * run has none, as `--quick` does).
   */
  minWarmupSeconds?: number;
}

/**
 * WireMock runs on the JVM, whose JIT compiles the hot path over the first seconds of load. Fresh, in 3 s steps on
 * this shared 2-core machine: 335 req/s (2,700 µs of CPU per request) in the first 3 s, 7,900 by 12 s, then a plateau
 * of 12,000-16,700 req/s (52-78 µs) from 15-18 s on; with other work on the machine it was still climbing at 24 s.
 */
export const WIREMOCK_WARMUP_SECONDS = 20;

/** Where the sandbox runs from: the build (as users run it) or, for the smoke test, the TypeScript sources via tsx. */
export type SandboxSource = 'built' | 'source';

/**
 * Where the sandboxes the bench starts keep the scenario files they parsed (MFA_SANDBOX_CACHE_DIR, so builds without
 * `--cache-dir` ignore it): never the user's own cache; run-bench.ts removes it at the end.
 */
export const BENCH_CACHE_DIR = join(tmpdir(), `mfa-sandbox-bench-cache-${process.pid}`);

/**
 * mfa-sandbox as users run it: built JS, all four surfaces, response validation on, quiet logs. `main` runs another
 * build's dist/src/main.js instead (`--compare`, e.g. the code before an optimisation).
 */
export function sandboxServer(options: { scenario?: string; main?: string; source?: SandboxSource; stateUrl?: string } = {}): ServerCommand {
  const entry = options.main ? [options.main] : options.source === 'source' ? ['--import', 'tsx', SOURCE_MAIN] : [BUILT_MAIN];
  return {
    name: options.main ? `mfa-sandbox (${options.main})` : 'mfa-sandbox',
    command: process.execPath,
    args: [
      ...entry,
      'serve',
      '--port',
      '{port}',
      '--host',
      '127.0.0.1',
      '--log-level',
      'warn',
      '--validate-responses',
      'on',
      ...(options.scenario ? ['--scenario', options.scenario] : []),
      ...(options.stateUrl ? ['--state', options.stateUrl] : []),
    ],
    probe: { path: '/flashback/mfa/status', headers: ADA },
    env: { MFA_SANDBOX_CACHE_DIR: BENCH_CACHE_DIR },
  };
}

/** Prism's mock of the same spec, as the toolchain notes say to benchmark it (`-v warn`; one process). */
export function prismServer(): ServerCommand {
  return {
    name: 'prism',
    command: PRISM,
    args: ['mock', '-v', 'warn', '-p', '{port}', '-h', '127.0.0.1', '--multiprocess=false', FLASHBACK_SPEC],
    probe: { path: '/mfa/status', headers: ADA }, // Prism enforces the spec's bearer scheme
  };
}

function baselineServer(): ServerCommand {
  return {
    name: 'baseline',
    command: process.execPath,
    args: ['--import', 'tsx', resolve(PACKAGE_ROOT, 'bench/baseline-server.ts'), '{port}'],
    probe: { path: '/flashback/mfa/status' },
  };
}

/** Pairs of disable/enable per connection, each connection in its own session so toggles never collide. */
function toggleRequests(pairs: number): LoadPlan['requests'] {
  let sessions = 0;
  const step = (action: 'disable' | 'enable') => ({
    method: 'POST',
    path: `/flashback/mfa/${action}`,
    headers: { ...ADA, 'content-type': 'application/json' },
    body: JSON.stringify({ mfaType: 'GOOGLE_AUTH' }),
    setupRequest: (request: LoadPlan['requests'][number], context: Record<string, unknown>) => {
      // autocannon resets a connection's context when it wraps the list, so every `pairs` toggles use a new session.
      context.session ??= `bench-toggle-${++sessions}`;
      return { ...request, headers: { ...request.headers, 'x-mock-session': context.session as string } };
    },
  });
  return Array.from({ length: pairs }, () => [step('disable'), step('enable')]).flat();
}

/**
 * A GenAuth management call with its own date and nonce per request, as the vendor SDK sends it, taken from a pool
 * signed before each run (the sandbox refuses a replayed nonce and a date 15 minutes off, so none is ever reused).
 * Both the sandbox and its plain Fastify limit get this plan, each with its own pool.
 */
function genauthLoad(): LoadPlan {
  const path = '/api/v3/get-mfa-status';
  const fields = { userId: GENAUTH_USER };
  const pool = createSignedRequestPool(() => ({ 'x-mock-session': 'bench-genauth', ...toSignedHeaders({ method: 'GET', path, fields, ...GENAUTH_KEY }) }));
  return {
    requests: [{ method: 'GET', path: `/genauth${path}?userId=${GENAUTH_USER}`, setupRequest: (request) => ({ ...request, headers: pool.next() }) }],
    isSuccessBody: (body) => body.includes('"statusCode":200'),
    pool,
  };
}

export const BASELINE_ID = 'baseline';
export const BASELINE_TOGGLE_ID = 'baseline-toggle';
export const BASELINE_GENAUTH_ID = 'baseline-genauth';
/** Not a limit: plain Fastify that also checks the GenAuth signature (see bench/baseline-server.ts). */
export const SIGNATURE_CHECKED_GENAUTH_ID = 'checked-genauth';
export const PRISM_ID = 'prism';
export const SANDBOX_STATUS_ID = 'sandbox-status';
/** The same three requests sent to the `--compare` build, when there is one. */
export const COMPARE_STATUS_ID = 'compare-status';
export const COMPARE_TOGGLE_ID = 'compare-toggle';
export const COMPARE_GENAUTH_ID = 'compare-genauth';
export const SANDBOX_TOGGLE_ID = 'sandbox-toggle';
export const SANDBOX_GENAUTH_ID = 'sandbox-genauth';
export const POSTGRES_STATUS_ID = 'postgres-status';
export const POSTGRES_TOGGLE_ID = 'postgres-toggle';
export const MOCKOON_ID = 'mockoon';
export const WIREMOCK_ID = 'wiremock';

const statusLoad = (): LoadPlan => ({ requests: [{ method: 'GET', path: '/flashback/mfa/status', headers: { ...ADA, 'x-mock-session': 'bench-status' } }] });

/** The peers' targets (Mockoon, and WireMock unless it is skipped): the same GET with the same bearer as Prism's. */
function peerTargets(peers: PeerServers | undefined): ThroughputTarget[] {
  if (!peers) return [];
  const load = (): LoadPlan => ({ requests: [{ method: 'GET', path: '/mfa/status', headers: ADA }] });
  const targets: ThroughputTarget[] = [{ id: MOCKOON_ID, label: 'Mockoon CLI 9.9 (spec imported), GET /mfa/status', server: peers.mockoon, load: load() }];
  if (!isSkipped(peers.wiremock)) {
    targets.push({
      id: WIREMOCK_ID,
      // Its JIT warm-up is in the report's settings line (none in a quick run).
      label: 'WireMock 3.13 standalone (one stub), GET /mfa/status',
      server: peers.wiremock,
      load: load(),
      minWarmupSeconds: WIREMOCK_WARMUP_SECONDS,
    });
  }
  return targets;
}

/**
 * The throughput targets, the plain Fastify limits first (one per operation class: GET status, the write toggle, the
 * GenAuth signed GET, each on the very request its sandbox target sends); with `compareMain`, also GET status, the
 * toggle and the GenAuth call on that other build; with `postgresUrl`, GET status and the toggle on the PostgreSQL
 * state store (`--state`), to set against the memory store's; Prism, and with `peers` Mockoon and WireMock, on the
 * same GET last. In a round each limit runs beside the targets measured against it (run-order.ts), in this order, so
 * the sandbox's targets come right after their limit and the slow peers after them.
 */
export function throughputTargets(
  options: { compareMain?: string; source?: SandboxSource; postgresUrl?: string; peers?: PeerServers } = {},
): ThroughputTarget[] {
  const { compareMain, source = 'built', postgresUrl, peers } = options;
  const postgres: ThroughputTarget[] = postgresUrl
    ? [
        {
          id: POSTGRES_STATUS_ID,
          label: 'mfa-sandbox --state postgres: GET /flashback/mfa/status',
          server: sandboxServer({ scenario: 'mfa-enabled', source, stateUrl: postgresUrl }),
          load: statusLoad(),
        },
        {
          id: POSTGRES_TOGGLE_ID,
          label: 'mfa-sandbox --state postgres: POST disable/enable toggle',
          server: sandboxServer({ scenario: 'mfa-enabled', source, stateUrl: postgresUrl }),
          load: { requests: toggleRequests(100) },
          limitId: BASELINE_TOGGLE_ID,
        },
      ]
    : [];
  const compare: ThroughputTarget[] = compareMain
    ? [
        {
          id: COMPARE_STATUS_ID,
          label: `compare build: GET /flashback/mfa/status (${compareMain})`,
          server: sandboxServer({ scenario: 'mfa-enabled', main: compareMain }),
          load: statusLoad(),
        },
        {
          id: COMPARE_TOGGLE_ID,
          label: `compare build: POST disable/enable toggle (${compareMain})`,
          server: sandboxServer({ scenario: 'mfa-enabled', main: compareMain }),
          load: { requests: toggleRequests(100) },
          limitId: BASELINE_TOGGLE_ID,
        },
        {
          id: COMPARE_GENAUTH_ID,
          label: `compare build: GenAuth signed GET get-mfa-status (${compareMain})`,
          server: sandboxServer({ scenario: 'mfa-enabled', main: compareMain }),
          load: genauthLoad(),
          limitId: BASELINE_GENAUTH_ID,
        },
      ]
    : [];
  return [
    {
      id: BASELINE_ID,
      label: 'plain Fastify, static JSON (baseline)',
      server: baselineServer(),
      load: statusLoad(),
    },
    {
      id: BASELINE_TOGGLE_ID,
      label: 'plain Fastify, POST disable/enable toggle (JSON body parsed, static answer)',
      server: baselineServer(),
      load: { requests: toggleRequests(100) },
      limitId: BASELINE_TOGGLE_ID,
    },
    {
      id: BASELINE_GENAUTH_ID,
      label: 'plain Fastify, GenAuth signed GET get-mfa-status (signature ignored, static envelope)',
      server: baselineServer(),
      load: genauthLoad(),
      limitId: BASELINE_GENAUTH_ID,
    },
    {
      id: SANDBOX_STATUS_ID,
      label: 'mfa-sandbox GET /flashback/mfa/status (mfa-enabled)',
      server: sandboxServer({ scenario: 'mfa-enabled', source }),
      load: statusLoad(),
    },
    ...compare,
    {
      id: SANDBOX_TOGGLE_ID,
      label: 'mfa-sandbox POST disable/enable toggle',
      server: sandboxServer({ scenario: 'mfa-enabled', source }),
      load: { requests: toggleRequests(100) },
      limitId: BASELINE_TOGGLE_ID,
    },
    {
      id: SANDBOX_GENAUTH_ID,
      label: 'mfa-sandbox GenAuth signed GET get-mfa-status',
      server: sandboxServer({ scenario: 'mfa-enabled', source }),
      load: genauthLoad(),
      limitId: BASELINE_GENAUTH_ID,
    },
    {
      id: SIGNATURE_CHECKED_GENAUTH_ID,
      label: 'plain Fastify, GenAuth signed GET get-mfa-status with the signature checked (HMAC only: no date window, replay check or validation)',
      server: { ...baselineServer(), env: { BASELINE_CHECK_SIGNATURE: '1' } },
      load: genauthLoad(),
      limitId: BASELINE_GENAUTH_ID,
    },
    ...postgres,
    {
      id: PRISM_ID,
      label: 'Prism mock -v warn, GET /mfa/status',
      server: prismServer(),
      load: { requests: [{ method: 'GET', path: '/mfa/status', headers: ADA }] },
    },
    ...peerTargets(peers),
  ];
}
