import { dereference } from '@readme/openapi-parser';
import { parse } from 'yaml';
import { buildApp, type Sandbox } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createControlledClock, type ControlledClock } from '../../src/engine/clock.js';
import type { OpenApiDocument } from '../../src/openapi/openapi-types.js';
import type { SurfaceId } from '../../src/surfaces/registry.js';
import { createAnswerChecker, type Answer } from '../harness/openapi-answer-check.js';
import { runCacheDir } from '../harness/clean-env.js';

/**
 * The system under test of the stateful fuzz: one app, built once from environment overrides (so the same models run
 * against any state store the configuration can name), on a controlled clock, reached only through `app.inject`.
 * Every answer is checked against its spec by an independent checker (test/harness/openapi-answer-check.ts), and an
 * `application/problem+json` sandbox fault fails the step unless the step asked for one.
 */

/** One request to a vendor surface, before the mount prefix and the session header are added. */
export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The vendor path, e.g. `/mfa/status` (no mount prefix, no query string). */
  path: string;
  query?: Record<string, string>;
  /** Sent as JSON when defined. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** An answer as the models see it: status, headers, the text and, for JSON, the parsed body. */
export interface FuzzReply {
  status: number;
  headers: Record<string, string>;
  text: string;
  data: any;
}

/** What one sequence drives: its own sandbox session on the shared app. */
export interface FuzzSession {
  readonly id: string;
  readonly surface: SurfaceId;
  /** The app's clock (shared by every session; sequences run one after another). */
  readonly clock: ControlledClock;
  /** Call a vendor operation; the answer must be one its spec declares for `operationId`, and no sandbox fault. */
  vendor(operationId: string, request: FuzzRequest): Promise<FuzzReply>;
  /** Call an admin route of this session (`/__admin/sessions/<id><path>`); checked against the admin spec. */
  admin(operationId: string, method: FuzzRequest['method'], path: string, body?: unknown): Promise<FuzzReply>;
  /** Forget the session on the server (each sequence cleans up after itself, so long runs keep no garbage). */
  close(): Promise<void>;
}

export interface FuzzTarget {
  readonly sandbox: Sandbox;
  readonly clock: ControlledClock;
  /** A fresh session for one sequence: `<sessionPrefix>-<n>`, never used before by this target. */
  openSession(surface: SurfaceId): FuzzSession;
  /** Requests sent so far, all sessions together. */
  readonly requests: number;
  close(): Promise<void>;
}

export interface FuzzTargetOptions {
  /**
   * Environment overrides passed through `loadConfig(env)` (e.g. `MFA_SANDBOX_STATE_URL` for another state store).
   * Logging is silent and the server's own response validation off unless overridden: the fuzz checks every answer
   * itself, and the server's check would turn a bad answer into a fault that hides what was wrong.
   */
  env?: Record<string, string | undefined>;
  /** Where the controlled clock starts (default: a fixed instant, so runs do not depend on the wall clock). */
  startMs?: number;
  /**
   * Session ids are `<prefix>-<n>`. Default `fuzz-<random run id>`: a durable store shared by several runs (or
   * replicas) keeps sessions across them, and a sequence must start in a session nobody used.
   */
  sessionPrefix?: string;
}

/** 2026-01-01T00:00:00Z: the clock's default start. */
const DEFAULT_START_MS = Date.UTC(2026, 0, 1);

/** Thrown when an answer breaks the spec or is a sandbox fault the step did not expect. */
export class FuzzAnswerError extends Error {
  override name = 'FuzzAnswerError';
}

async function loadAdminDocument(sandbox: Sandbox): Promise<OpenApiDocument> {
  const source = (await sandbox.app.inject({ url: '/__admin/openapi.yaml' })).body;
  return (await dereference(parse(source))) as OpenApiDocument;
}

function toReply(statusCode: number, rawHeaders: Record<string, string | string[] | number | undefined>, text: string): FuzzReply {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(rawHeaders)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  let data: unknown;
  if (/json/.test(headers['content-type'] ?? '') && text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined; // the spec check reports the unparsable body
    }
  }
  return { status: statusCode, headers, text, data };
}

function isSandboxFault(reply: FuzzReply): boolean {
  return (reply.headers['content-type'] ?? '').startsWith('application/problem+json') || reply.headers['x-mock-error'] === 'true';
}

/**
 * Build the app once for many sequences.
 *
 * @example
 * const target = await createFuzzTarget({ env: { MFA_SANDBOX_STATE_URL: process.env.MFA_SANDBOX_STATE_URL } });
 * const session = target.openSession('lerian');
 * await session.vendor('getMfaStatus', { method: 'GET', path: '/v1/users/u1/mfa', headers: { authorization: 'Bearer t' } });
 */
export async function createFuzzTarget(options: FuzzTargetOptions = {}): Promise<FuzzTarget> {
  // The environment given here replaces the process's, so the run's scenario cache directory is passed on.
  const config = loadConfig({ LOG_LEVEL: 'silent', MFA_SANDBOX_VALIDATE_RESPONSES: 'off', ...runCacheDir(), ...options.env });
  const clock = createControlledClock(options.startMs ?? DEFAULT_START_MS);
  const sandbox = await buildApp(config, { clock });
  const checkAdmin = createAnswerChecker(await loadAdminDocument(sandbox));
  const checkers = new Map([...sandbox.specs].map(([surface, spec]) => [surface, createAnswerChecker(spec.api)]));
  const prefix = (surface: SurfaceId) => (config.surface ? '' : `/${surface}`);
  const sessionPrefix = options.sessionPrefix ?? `fuzz-${Math.random().toString(36).slice(2, 8)}`;
  let sessions = 0;
  let requests = 0;

  async function send(url: string, method: FuzzRequest['method'], headers: Record<string, string>, body: unknown): Promise<FuzzReply> {
    requests++;
    const response = await sandbox.app.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return toReply(response.statusCode, response.headers, response.body);
  }

  function assertAnswer(check: (operationId: string, answer: Answer) => string[], operationId: string, what: string, reply: FuzzReply): FuzzReply {
    if (isSandboxFault(reply)) throw new FuzzAnswerError(`${what}: unexpected sandbox fault ${reply.status} ${reply.text.slice(0, 500)}`);
    const problems = check(operationId, { statusCode: reply.status, headers: reply.headers, body: reply.text });
    if (problems.length > 0) throw new FuzzAnswerError(`${what}: the answer breaks the spec: ${problems.join('; ')}`);
    return reply;
  }

  return {
    sandbox,
    clock,
    get requests() {
      return requests;
    },
    openSession(surface) {
      const id = `${sessionPrefix}-${++sessions}`;
      const check = checkers.get(surface);
      if (!check) throw new Error(`the app does not serve ${surface} (served: ${[...checkers.keys()].join(', ')})`);
      const adminPath = `/__admin/sessions/${encodeURIComponent(id)}`;
      return {
        id,
        surface,
        clock,
        async vendor(operationId, request) {
          const search = new URLSearchParams(request.query ?? {}).toString();
          const url = `${prefix(surface)}${request.path}${search ? `?${search}` : ''}`;
          const reply = await send(url, request.method, { ...request.headers, 'x-mock-session': id }, request.body);
          return assertAnswer(check, operationId, `${surface} ${operationId} (${request.method} ${url})`, reply);
        },
        async admin(operationId, method, path, body) {
          const reply = await send(`${adminPath}${path}`, method, {}, body);
          return assertAnswer(checkAdmin, operationId, `admin ${operationId} (${method} ${adminPath}${path})`, reply);
        },
        async close() {
          const reply = await send(adminPath, 'DELETE', {}, undefined);
          assertAnswer(checkAdmin, 'resetSession', `admin resetSession (DELETE ${adminPath})`, reply);
        },
      };
    },
    close: () => sandbox.app.close(),
  };
}
