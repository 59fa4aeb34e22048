import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SandboxFault, isSandboxFault, sendFault } from '../errors.js';
import type { FaultKind, FaultPlan } from '../engine/faults.js';
import { findOverride, type Scenario, type ScenarioOverride } from '../engine/scenario.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { LoadedSpec } from '../openapi/load-spec.js';
import { createOperationValidators, type OperationValidators, type RequestProblem } from '../openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../openapi/to-route-definitions.js';
import { toExampleBody } from '../pipeline/example-bodies.js';
import { toPreferredAnswer } from '../pipeline/preferred-answer.js';
import { decideFaults, delayReply, sendWithFault } from './fault-injection.js';
import { ReceivedJson, UnreadableBody, useVendorBodyParsers } from '../pipeline/request-body.js';
import { toRequestContext, type RequestContext } from '../pipeline/request-context.js';
import type { OperationCall, OperationResult, SurfaceBehaviour } from '../pipeline/surface-behaviour.js';

export interface SurfacePluginOptions {
  spec: LoadedSpec;
  behaviour: SurfaceBehaviour;
  sessions: SessionRegistry;
  validateResponses: boolean;
}

/** What every call of one operation shares: built once per route. */
type CallHelpers = Pick<OperationCall, 'respond' | 'example' | 'declares' | 'requestSchema'>;

/** One request on its way through: what answer(), deliver() and fail() share. */
interface Exchange {
  request: FastifyRequest;
  reply: FastifyReply;
  route: RouteDefinition;
  validators: OperationValidators;
  context: RequestContext;
  call: OperationCall;
  /** The scenario the request runs in, once known (its overrides decide answers and faults). */
  scenario: Scenario | undefined;
  /** The JSON text of the request body, for the journal. */
  requestText: string | undefined;
  startedMs: number;
}

/** Every operation in the spec needs a handler and every handler an operation: a mismatch stops the server at boot. */
export function assertBehaviourMatchesSpec(routes: RouteDefinition[], behaviour: SurfaceBehaviour, file: string): void {
  const operations = new Set(routes.map((route) => route.operationId));
  const missing = [...operations].filter((id) => !behaviour.handlers[id]);
  const extra = Object.keys(behaviour.handlers).filter((id) => !operations.has(id));
  if (missing.length || extra.length) {
    throw new Error(
      `${file}: surface "${behaviour.id}" does not match its spec` +
        (missing.length ? `; operations without behaviour: ${missing.join(', ')}` : '') +
        (extra.length ? `; handlers for operations the spec lacks: ${extra.join(', ')}` : ''),
    );
  }
}

/**
 * Mount every operation of one spec. Routes, request validation and response validation all come from the spec;
 * the behaviour supplies only what is vendor-specific. Registered once per surface under its prefix.
 */
export async function surfacePlugin(app: FastifyInstance, options: SurfacePluginOptions): Promise<void> {
  const { spec, behaviour, sessions, validateResponses } = options;
  const routes = toRouteDefinitions(spec.api);
  assertBehaviourMatchesSpec(routes, behaviour, spec.file);

  useVendorBodyParsers(app);

  for (const route of routes) {
    const validators = createOperationValidators(route, { schemasChecked: spec.schemasChecked === true });
    const helpers = toCallHelpers(route);
    app.route({
      method: route.method.toUpperCase() as 'GET',
      url: route.routerPath,
      handler: (request, reply) => handle(request, reply, route, validators, helpers),
    });
  }

  /** The spec lookups a handler can make, built once per route rather than as fresh closures on every request. */
  function toCallHelpers(route: RouteDefinition): CallHelpers {
    return {
      requestSchema: route.body?.schema,
      respond: (status, name) => toResult(route, status, name),
      example: (status, name) => toExampleBody(route, status, name),
      declares: (status, name) => {
        const response = route.responses.get(status);
        return Boolean(response && (name === undefined || response.examples.has(name)));
      },
    };
  }

  function toResult(route: RouteDefinition, status: number, exampleName?: string): OperationResult {
    return { status, body: toExampleBody(route, status, exampleName) };
  }

  /** What a request's Prefer header or its scenario scripts for this operation, if anything (faults aside). */
  function toScriptedAnswer(route: RouteDefinition, context: RequestContext, scenario: Scenario): OperationResult | undefined {
    if (context.code !== undefined || context.example !== undefined) return toPreferredAnswer(route, context.code, context.example);
    const override = findOverride(scenario, route.operationId);
    if (override && (override.status !== undefined || override.body !== undefined || override.example !== undefined)) return toOverrideResult(route, override);
    return undefined;
  }

  function toOverrideResult(route: RouteDefinition, override: ScenarioOverride): OperationResult {
    const status = override.status ?? 200;
    if (override.body !== undefined) return { status, body: structuredClone(override.body) };
    return toResult(route, status, override.example);
  }

  /**
   * The operation's answer. Synchronous unless the operation is (TOTP, passkeys and QR codes are not): most requests
   * are answered without a promise or a microtask hop, which is a measurable share of a mock's cost per request.
   */
  function answer(exchange: Exchange): OperationResult | Promise<OperationResult> {
    const { context, route, validators, call } = exchange;
    const session = sessions.session(context.sessionId);
    const scenario = (exchange.scenario = sessions.scenarioFor(session, behaviour.id, context.scenario));
    call.world = sessions.world(session, scenario);
    call.sessionId = session.id;

    // A scripted answer (Prefer: code/example, or a scenario override) wins over everything after the credentials,
    // validation included: QA asked for exactly this response. The credentials are still checked first, so a script
    // never hides a client that signs in wrong, unless the script is itself that auth failure.
    const scripted = toScriptedAnswer(route, context, scenario);
    if (scripted && (!route.secured || isAuthFailure(scripted))) return scripted;
    if (scripted) {
      const outcome = behaviour.authenticate(call);
      return outcome.ok ? scripted : outcome.result;
    }

    // The order the vendors' stacks use: the body parser (unreadable JSON is a 400 before anything else), then the
    // auth guard (401), then schema validation of the request (400), then the operation.
    // An operation that takes no body never reads one: whatever arrives is ignored, as a readable one already is
    // (several such operations declare no 400 a vendor error could be answered with).
    if (call.body instanceof UnreadableBody && (!route.body || (behaviour.ignoresUnsupportedBodies && call.body.kind === 'unsupported'))) call.body = undefined;
    if (call.body instanceof UnreadableBody) {
      return behaviour.rejectRequest([{ location: 'body', kind: 'malformed', field: undefined, message: call.body.reason }], call);
    }
    if (route.secured) {
      const outcome = behaviour.authenticate(call);
      if (!outcome.ok) return outcome.result;
      call.principalId = outcome.principalId;
      call.user = call.world.users[outcome.principalId];
      if (!call.user && behaviour.onMissingUser) return behaviour.onMissingUser(call);
    }
    const problems: RequestProblem[] = validators.validateRequest({ params: call.params, query: call.query, body: call.body, hasBody: call.body !== undefined });
    if (problems.length > 0) return behaviour.rejectRequest(problems, call);
    // After validation, so the user a request addresses (path id, body userId) is well-formed; QA locks it via admin.
    const actedOn = behaviour.addressedUser ? behaviour.addressedUser(call) : call.user;
    if (actedOn?.locked && behaviour.onLockedUser) return behaviour.onLockedUser(call);
    return behaviour.handlers[route.operationId]!(call);
  }

  /**
   * Fastify's handler. Returns nothing when the answer went out synchronously, else the promise of it; either way the
   * reply has been sent (or, for an injected dropped connection, hijacked) by the time Fastify looks.
   */
  function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    route: RouteDefinition,
    validators: OperationValidators,
    helpers: CallHelpers,
  ): Promise<void> | undefined {
    const startedMs = performance.now();
    let context: RequestContext;
    try {
      context = toRequestContext(request.headers);
    } catch (error) {
      // Unusable sandbox headers: the request belongs to no session, so it is answered but not journalled.
      sendFailure(request, reply, route, error);
      return undefined;
    }
    const received = request.body;
    const call: OperationCall = {
      operationId: route.operationId,
      method: request.method,
      path: request.url,
      vendorPath: route.path,
      params: (request.params ?? {}) as Record<string, string>,
      query: (request.query ?? {}) as Record<string, unknown>,
      body: received instanceof ReceivedJson ? received.value : received,
      headers: request.headers,
      world: undefined as never, // world and session are set in answer(), once the scenario is known
      sessionId: '',
      principalId: undefined,
      user: undefined,
      nowMs: Date.now(),
      requestSchema: helpers.requestSchema,
      respond: helpers.respond,
      example: helpers.example,
      declares: helpers.declares,
    };
    const requestText = received instanceof ReceivedJson ? received.text : undefined;
    const exchange: Exchange = { request, reply, route, validators, context, call, scenario: undefined, requestText, startedMs };
    try {
      const result = answer(exchange);
      if (result instanceof Promise) return result.then((settled) => deliver(exchange, settled), (error: unknown) => fail(exchange, error));
      return deliver(exchange, result);
    } catch (error) {
      fail(exchange, error);
      return undefined;
    }
  }

  /** Check the answer against the spec, apply the faults asked for, send it and journal it. */
  function deliver(exchange: Exchange, result: OperationResult): Promise<void> | undefined {
    const { reply, route, context, scenario } = exchange;
    let plan: FaultPlan;
    let json: string | undefined;
    try {
      if (behaviour.stampAnswer && result.body !== undefined) behaviour.stampAnswer(result.body);
      const violations = validateResponses ? exchange.validators.validateResponse(result.status, result.body) : [];
      if (violations.length > 0) {
        throw new SandboxFault('MOCK_ERR_RESPONSE_INVALID', `${route.operationId} produced a ${result.status} its spec forbids`, { violations });
      }
      plan = decideFaults(context, scenario && findOverride(scenario, route.operationId));
      json = result.body === undefined ? undefined : JSON.stringify(result.body);
    } catch (error) {
      fail(exchange, error);
      return undefined;
    }
    const send = () => {
      // 200 is Fastify's default, and reply.code() checks its argument on every call.
      if (result.status !== 200) reply.code(result.status);
      if (result.headers) reply.headers(result.headers);
      if (plan.fault) sendWithFault(reply, result.status, json, plan.fault);
      else if (json === undefined) reply.send();
      else reply.header('content-type', 'application/json; charset=utf-8').send(json);
      journal(exchange, result.status, json, plan.fault);
    };
    if (plan.delayMs > 0) return delayReply(reply, plan.delayMs).then(send);
    send();
    return undefined;
  }

  /** Answer a request the sandbox could not answer as the vendor with a problem+json fault, and journal it. */
  function fail(exchange: Exchange, error: unknown): void {
    const problem = sendFailure(exchange.request, exchange.reply, exchange.route, error);
    journal(exchange, exchange.reply.statusCode, JSON.stringify(problem), undefined);
  }

  function journal(exchange: Exchange, status: number, responseText: string | undefined, fault: FaultKind | undefined): void {
    const { context, request, route, call } = exchange;
    // Looked up again, not reused from answer(): a session reset while the request ran gets the entry in its new state.
    sessions.session(context.sessionId).journal.record({
      atMs: call.nowMs,
      method: request.method,
      url: request.url,
      surface: behaviour.id,
      operationId: route.operationId,
      scenario: call.world?.scenario,
      status,
      durationMs: Math.round((performance.now() - exchange.startedMs) * 100) / 100,
      fault,
      request: exchange.requestText,
      response: responseText,
    });
  }
}

/** An answer that is itself a refusal of the credentials: HTTP 401, or an envelope whose statusCode is 401 (GenAuth). */
function isAuthFailure(result: OperationResult): boolean {
  return result.status === 401 || (result.body as { statusCode?: unknown } | undefined)?.statusCode === 401;
}

/** Send the problem+json fault for an error (a SandboxFault as it is; anything else is an internal error, logged). */
function sendFailure(request: FastifyRequest, reply: FastifyReply, route: RouteDefinition, error: unknown) {
  const fault = isSandboxFault(error) ? error : new SandboxFault('MOCK_ERR_INTERNAL', 'The sandbox failed while answering this request; see its log');
  if (!isSandboxFault(error)) request.log.error({ err: error, operationId: route.operationId }, 'handler failed');
  return sendFault(reply, fault, request.url);
}
