import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import { SandboxFault, isSandboxFault, sendFault } from '../errors.js';
import { NO_FAULTS, type FaultKind } from '../engine/faults.js';
import { findOverride, type ScenarioOverride } from '../engine/scenario.js';
import type { JournalEntry, SessionRegistry } from '../engine/session-registry.js';
import type { LoadedSpec } from '../openapi/load-spec.js';
import { createOperationValidators, type OperationValidators, type RequestProblem } from '../openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../openapi/to-route-definitions.js';
import { toExampleBody } from './example-bodies.js';
import { decideFaultsAndDelay, sendWithFault } from './fault-injection.js';
import { toRequestContext, type RequestContext } from './request-context.js';
import type { OperationCall, OperationResult, SurfaceBehaviour } from './surface-behaviour.js';

export interface SurfacePluginOptions {
  spec: LoadedSpec;
  behaviour: SurfaceBehaviour;
  sessions: SessionRegistry;
  validateResponses: boolean;
}

/** A body that arrived but is not usable JSON; validation turns it into the vendor's "malformed request" error. */
class UnreadableBody {
  constructor(readonly reason: string) {}
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

  // Our own JSON parser (scoped to this surface) so a broken body becomes the vendor's error, not Fastify's.
  // secure-json-parse refuses __proto__/constructor.prototype keys, which would otherwise poison merged objects.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, text, done) => {
    if (text === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text as string, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      done(null, new UnreadableBody(`malformed JSON body (${(error as Error).message})`));
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, _text, done) => {
    done(null, new UnreadableBody(`unsupported content type "${request.headers['content-type'] ?? ''}"; send application/json`));
  });

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
  function toCallHelpers(route: RouteDefinition): Pick<OperationCall, 'respond' | 'example' | 'declares'> {
    return {
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

  function toOverrideResult(route: RouteDefinition, override: ScenarioOverride): OperationResult {
    const status = override.status ?? 200;
    if (override.body !== undefined) return { status, body: structuredClone(override.body) };
    return toResult(route, status, override.example);
  }

  async function answer(context: RequestContext, route: RouteDefinition, validators: OperationValidators, call: OperationCall): Promise<OperationResult> {
    const session = sessions.session(context.sessionId);
    const scenario = sessions.scenarioFor(session, behaviour.id, context.scenario);
    call.world = sessions.world(session, scenario);
    call.sessionId = session.id;

    // A forced answer (Prefer: code/example, or a scenario override) wins over everything, validation included:
    // QA asked for exactly this response.
    if (context.code !== undefined || context.example !== undefined) {
      const status = context.code ?? 200;
      if (!route.responses.has(status)) {
        throw new SandboxFault('MOCK_ERR_BAD_PREFER_HEADER', `${route.operationId} declares no ${status} response`, {
          declared: [...route.responses.keys()],
        });
      }
      return toResult(route, status, context.example);
    }
    const override = findOverride(scenario, route.operationId);
    if (override) {
      if (override.status !== undefined || override.body !== undefined || override.example !== undefined) return toOverrideResult(route, override);
    }

    // The order the vendors' stacks use: the body parser (unreadable JSON is a 400 before anything else), then the
    // auth guard (401), then schema validation of the request (400), then the operation.
    // An operation that takes no body never reads one: whatever arrives is ignored, as a readable one already is
    // (several such operations declare no 400 a vendor error could be answered with).
    if (call.body instanceof UnreadableBody && !route.body) call.body = undefined;
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

  async function handle(
    request: FastifyRequest,
    reply: FastifyReply,
    route: RouteDefinition,
    validators: OperationValidators,
    helpers: Pick<OperationCall, 'respond' | 'example' | 'declares'>,
  ) {
    const started = performance.now();
    const call: OperationCall = {
      operationId: route.operationId,
      method: request.method,
      path: request.url,
      vendorPath: route.path,
      params: (request.params ?? {}) as Record<string, string>,
      query: (request.query ?? {}) as Record<string, unknown>,
      body: request.body,
      headers: request.headers,
      world: undefined as never, // world and session are set in answer(), once the sandbox headers are parsed
      sessionId: '',
      principalId: undefined,
      user: undefined,
      nowMs: Date.now(),
      respond: helpers.respond,
      example: helpers.example,
      declares: helpers.declares,
    };
    let result: OperationResult;
    let injected = NO_FAULTS;
    // The sandbox headers are parsed once per request; unusable ones are a fault, and a request without a context
    // belongs to no session, so it is not journalled.
    let context: RequestContext | undefined;
    try {
      context = toRequestContext(request.headers);
      result = await answer(context, route, validators, call);
      const violations = validateResponses ? validators.validateResponse(result.status, result.body) : [];
      if (violations.length > 0) {
        throw new SandboxFault('MOCK_ERR_RESPONSE_INVALID', `${route.operationId} produced a ${result.status} its spec forbids`, { violations });
      }
      injected = await decideFaultsAndDelay(context, findOverride(sessions.scenario(behaviour.id, call.world.scenario), route.operationId), reply);
      reply.code(result.status);
      if (result.headers) reply.headers(result.headers);
      if (injected.fault) sendWithFault(reply, result, injected.fault);
      else if (result.body === undefined) reply.send();
      else reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(result.body));
    } catch (error) {
      const fault = isSandboxFault(error) ? error : new SandboxFault('MOCK_ERR_INTERNAL', 'The sandbox failed while answering this request; see its log');
      if (!isSandboxFault(error)) request.log.error({ err: error, operationId: route.operationId }, 'handler failed');
      result = { status: fault.status, body: sendFault(reply, fault, request.url) };
    }
    if (context) journal(context, request, route, call, result, performance.now() - started, injected.fault);
    return reply;
  }

  function journal(context: RequestContext, request: FastifyRequest, route: RouteDefinition, call: OperationCall, result: OperationResult, durationMs: number, fault: FaultKind | undefined) {
    // Looked up again, not reused from answer(): a session reset while the request ran gets the entry in its new state.
    const session = sessions.session(context.sessionId);
    // Optional fields are assigned, not spread, on this per-request path; the key order (what the journal shows) is the same.
    const entry: JournalEntry = {
      at: new Date(call.nowMs).toISOString(),
      method: request.method,
      url: request.url,
      surface: behaviour.id,
      operationId: route.operationId,
      scenario: call.world?.scenario,
      status: result.status,
      durationMs: Math.round(durationMs * 100) / 100,
    };
    if (fault) entry.fault = fault;
    if (call.body !== undefined && !(call.body instanceof UnreadableBody)) entry.requestBody = call.body;
    if (result.body !== undefined) entry.responseBody = result.body;
    sessions.record(session, entry);
  }
}
