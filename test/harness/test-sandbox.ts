import type { FastifyBaseLogger, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, createSessionStore, type BuildOptions, type Sandbox } from '../../src/app.js';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { SANDBOX_ERROR_HEADER } from '../../src/errors.js';
import { FAULT_INJECTED_HEADER } from '../../src/engine/injected-faults.js';
import { createOperationValidators, type OperationValidators } from '../../src/openapi/schema-validators.js';
import { toRouteDefinitions } from '../../src/openapi/to-route-definitions.js';
import { withoutSessionPrefix } from '../../src/pipeline/session-prefix.js';

/**
 * The sandbox under test, with a spec check on every response: any vendor response that its spec does not allow
 * (undeclared status, body the schema rejects) fails the test that received it. The server's own response validation
 * is switched off here, so this check is independent of it and cannot be masked by it.
 */
export interface TestSandbox extends Sandbox {
  request(options: InjectOptions & { session?: string; scenario?: string }): Promise<CheckedResponse>;
  /** How many vendor responses were checked against their spec so far (printed by the suites). */
  readonly checkedResponses: number;
  close(): Promise<void>;
}

export interface CheckedResponse extends LightMyRequestResponse {
  body: string;
  data: any;
  isFault: boolean;
}

interface MatchableRoute {
  pattern: RegExp;
  method: string;
  validators: OperationValidators;
  operationId: string;
}

/** Faults that mean the sandbox itself is broken; a test never expects them. */
const BROKEN_FAULTS = ['MOCK_ERR_RESPONSE_INVALID', 'MOCK_ERR_INTERNAL'];

let totalChecked = 0;
export function totalCheckedResponses(): number {
  return totalChecked;
}

/**
 * A logger that keeps only what the sandbox logs as an error: the cause a `MOCK_ERR_INTERNAL` answer points to ("see
 * its log"), which a failing test then shows instead of the bare code.
 */
function createErrorLog(): { logger: FastifyBaseLogger; last(): string | undefined } {
  const errors: string[] = [];
  const record = (fields: unknown, message?: string) => {
    const { err, operationId } = (fields ?? {}) as { err?: { message?: string }; operationId?: string };
    errors.push([message, operationId, err?.message].filter(Boolean).join(': '));
  };
  const ignore = () => undefined;
  const logger = {
    level: 'error',
    fatal: record,
    error: record,
    warn: ignore,
    info: ignore,
    debug: ignore,
    trace: ignore,
    silent: ignore,
    child: () => logger,
  };
  return { logger, last: () => errors.at(-1) };
}

/** `options.clock`: a controlled clock the test moves instead of waiting (TOTP steps, expiries, session TTL). */
export async function createTestSandbox(overrides: Partial<Config> = {}, options: BuildOptions = {}): Promise<TestSandbox> {
  const config: Config = { ...DEFAULT_CONFIG, logLevel: 'silent', validateResponses: false, ...overrides };
  // With the memory store and no logger of the test's own, the sandbox's errors are kept for the failure message.
  const errorLog = options.shared === undefined && config.stateUrl === undefined ? createErrorLog() : undefined;
  const ownStore = errorLog ? await createSessionStore(config, options.clock) : undefined;
  const sandbox = await buildApp(config, ownStore && errorLog ? { ...options, shared: { store: ownStore, logger: errorLog.logger } } : options);
  const routes: MatchableRoute[] = [];
  for (const [surface, spec] of sandbox.specs) {
    const prefix = config.surface ? '' : `/${surface}`;
    for (const route of toRouteDefinitions(spec.api)) {
      const source = `^${prefix}${route.routerPath.replace(/:[^/]+/g, '[^/]+')}(?:\\?.*)?$`;
      routes.push({
        pattern: new RegExp(source),
        method: route.method.toUpperCase(),
        validators: createOperationValidators(route),
        operationId: route.operationId,
      });
    }
  }
  let checked = 0;

  async function request(options: InjectOptions & { session?: string; scenario?: string }): Promise<CheckedResponse> {
    const { session, scenario, ...inject } = options;
    const headers: Record<string, string> = { ...(inject.headers as Record<string, string>) };
    if (session) headers['x-mock-session'] = session;
    // Beside the request's own preferences (explain, latency ...), not instead of them.
    if (scenario) headers.prefer = headers.prefer ? `${headers.prefer}, scenario=${scenario}` : `scenario=${scenario}`;
    const response = (await sandbox.app.inject({ ...inject, headers })) as CheckedResponse;
    // A body the sandbox broke on purpose (Prefer: fault=..., a scenario's fault) is marked, unparseable by design and
    // exempt from the spec check; only that marker exempts it.
    if (response.headers[FAULT_INJECTED_HEADER]) {
      response.isFault = false;
      return response;
    }
    const isJson = String(response.headers['content-type'] ?? '').includes('json');
    response.data = isJson && response.body ? JSON.parse(response.body) : undefined;
    response.isFault = response.headers[SANDBOX_ERROR_HEADER] === 'true';
    if (response.isFault) {
      if (BROKEN_FAULTS.includes(response.data?.code)) {
        const logged = errorLog?.last();
        throw new Error(`sandbox error ${response.data.code}: ${JSON.stringify(response.data)}${logged ? `\nits log: ${logged}` : ''}`);
      }
      return response;
    }
    const method = (inject.method ?? 'GET').toUpperCase();
    const route = routes.find(
      (candidate) =>
        candidate.method === method && candidate.pattern.test(withoutSessionPrefix(typeof inject.url === 'string' ? inject.url : (inject.url?.pathname ?? ''))),
    );
    if (route) {
      const violations = route.validators.validateResponse(response.statusCode, response.data);
      if (violations.length) {
        throw new Error(`${route.operationId} answered ${response.statusCode} that its spec forbids: ${violations.join('; ')}\n${response.body}`);
      }
      checked++;
      totalChecked++;
    }
    return response;
  }

  return {
    ...sandbox,
    request,
    get checkedResponses() {
      return checked;
    },
    close: async () => {
      await sandbox.app.close();
      await ownStore?.close(); // a store the app was given is not the app's to close
    },
  };
}
