import { userById, type User, type World } from '../engine/world.js';
import { isLocked, recordCodeAttempt } from '../engine/code-attempts.js';
import { explained, type Explanation } from '../engine/explanation.js';
import {
  FAULT_INJECTED_HEADER,
  isGatewayFault,
  LATENCY_HEADER,
  NO_FAULTS,
  toCorruptedBody,
  isBodyFault,
  toGatewayAnswer,
  type FaultKind,
} from '../engine/injected-faults.js';
import { findOverride, type Scenario, type ScenarioOverride } from '../engine/scenario.js';
import { findOverrideMisses, MISSES_KEPT, toOverrideName, type OverrideMiss } from '../engine/override-misses.js';
import { toSetAsideMiss } from '../engine/set-aside-override.js';
import { countOverrideUse, findSessionOverride, letWaitingOverridesPass, scriptsAnswer, type SessionOverride } from '../engine/session-overrides.js';
import type { JournalWriter, SessionRegistry, SessionState } from '../engine/session-registry.js';
import { RepeatedJson } from '../engine/repeated-json.js';
import { RepeatedText } from '../engine/repeated-text.js';
import { sessionNow } from '../engine/session-clock.js';
import { faultRandomOf } from '../engine/seeded-draws.js';
import type { JournalRecord } from '../engine/journal.js';
import { SandboxError, toErrorAnswer, toSandboxFault } from '../errors.js';
import type { OpenApiDocument } from '../openapi/openapi-types.js';
import { createOperationValidators, type OperationValidators, type PrecompiledValidators, type RequestProblem } from '../openapi/schema-validators.js';
import { toRouteDefinitions, type RouteDefinition } from '../openapi/to-route-definitions.js';
import { DYNAMIC_HEADER, DYNAMIC_SEED_HEADER, toDynamicResult } from './dynamic-answer.js';
import { toExampleBody } from './example-bodies.js';
import { PREFER_IGNORED_HEADER } from './misspelt-preference.js';
import { HEADER_IGNORED_HEADER } from './misspelt-session-header.js';
import { decideFaults, isOverrideApplied } from './decide-faults.js';
import type { AnswerMaking, PlainAnswer, PlainRequest } from './plain-exchange.js';
import { toPreferredAnswer } from './preferred-answer.js';
import {
  EXPLAIN_HEADER,
  isRefusal,
  toExplainHeader,
  toLockedExplanation,
  toLockingExplanation,
  toMalformedExplanation,
  toMissingUserExplanation,
  toPreconditionExplanation,
  toSchemaExplanation,
  toScriptedExplanation,
} from './refusal-explanations.js';
import { readRequestBody, readUnreadBody, ReceivedJson, UnreadableBody } from './request-body.js';
import { ignoreCookieScenarioOf, noteUnusedSeed, RefusedInSession, toRequestContext, type RequestContext } from './request-context.js';
import { toSessionCookie } from './session-cookie.js';
import type { OperationCall, OperationResult, SurfaceBehaviour } from './surface-behaviour.js';
import { findTokenHolder, toOtherWorldExplanation, type TokenHolder } from './token-in-other-world.js';

/** The spec of one surface, as the engine needs it: dereferenced, with where it came from (for boot errors). */
export interface EngineSpec {
  file: string;
  api: OpenApiDocument;
  /** The build already checked every operation's schemas against the meta-schema (skips doing it again). */
  schemasChecked?: boolean;
  /** The build's compiled validators (loaded on first use); without them, each is compiled on its first request. */
  precompiledValidators?: PrecompiledValidators;
}

export interface SurfaceEngineOptions {
  spec: EngineSpec;
  behaviour: SurfaceBehaviour;
  sessions: SessionRegistry;
  /** Check every answer against the spec (a violation becomes a `MOCK_ERR_RESPONSE_INVALID` fault). */
  validateResponses: boolean;
  /**
   * Answer every request as `Prefer: dynamic=true` does, unless it says `dynamic=false` (the command's `--dynamic`,
   * as Prism's `-d`). Default false: only a request that asks for a generated body gets one.
   */
  dynamic?: boolean;
  /** The app's page a magic link opens (`--magic-link-url`, `{token}` in it); undefined: the sandbox's own page. */
  magicLinkUrl?: string;
  /** Apply injected faults (latency, dropped and broken answers); default true. Off, every answer goes out as it is. */
  faults?: boolean;
}

/** One operation, ready for any transport: where it lives and how it is answered. */
export interface EngineRoute {
  operationId: string;
  /** Lower case, as in the spec. */
  method: RouteDefinition['method'];
  /** The vendor's path template, e.g. `/v1/users/{id}/mfa`. */
  path: string;
  /** The same path in `:param` syntax (Fastify's and MSW's). */
  routerPath: string;
  /** The path with a trailing slash is this route too (the surface's `trailingSlashRoutes`). */
  trailingSlash: boolean;
  /** The path in any letter case is this route too (the surface's `anyCaseRoutes`; the server folds it, see path-case.ts). */
  anyCase: boolean;
  /** Synchronous unless the operation is (TOTP, passkeys and QR codes are): most answers need no promise. */
  answer(request: PlainRequest): PlainAnswer | Promise<PlainAnswer>;
  /**
   * The answer to a request the transport refused before the pipeline could read it (a body over the limit, one it
   * cannot decode): `fault`, journalled in the session the request names, as every sandbox fault on a vendor route is.
   * `request.body` is undefined: none was read. A surface whose vendor reads bodies as Express does (strict) answers
   * `request.unreadBody`, when the transport says why, as that parser would instead, through the whole pipeline, on
   * the operations that take a body.
   */
  refuse(request: PlainRequest, fault: SandboxError): PlainAnswer | Promise<PlainAnswer>;
}

/** One request on its way through the pipeline: what answer(), deliver() and fail() share. */
interface Exchange {
  /** The user the operation acted as or on (OperationBehaviour.addressedUser), once the request passed validation. */
  actedOn?: User;
  request: PlainRequest;
  route: RouteDefinition;
  validators: OperationValidators;
  context: RequestContext;
  call: OperationCall;
  scenario: Scenario;
  /** What scripts this request: the session's runtime override, else the scenario's, if any. */
  override: ScenarioOverride | undefined;
  /** The session's override among them, counted as used once it answers (`useOverride`); undefined once counted. */
  uncountedOverride: SessionOverride | undefined;
  /** The session's overrides, that one among them: one used up there may make the oldest used-up one go. */
  sessionOverrides: SessionOverride[] | undefined;
  /** The session's worlds, one per scenario it ran in: where a token this request's world refused may come from. */
  sessionWorlds: Record<string, World>;
  /** The JSON text of the request body, for the journal. */
  requestText: string | undefined;
  startedMs: number;
  /** When it arrived, on the sandbox's clock: the journal's time, even in a session whose own clock QA moved. */
  receivedAtMs: number;
  /** Where this request's unit of work on its session records it. */
  journal: JournalWriter;
  /** The operation's last journalled texts, which this record shares when it repeats them. */
  journalTexts: JournalTexts;
  /** The operation's answers as JSON text: the last one's again when this answer repeats it. */
  answerTexts: RepeatedJson;
  /** The session's seed for dynamic answers (admin API, `session.setSeed`), if QA set one. */
  sessionSeed: number | undefined;
  /** Where the faults' random numbers come from: the session's seed, if it has one (engine/seeded-draws.ts). */
  faultRandom: () => number;
  /** What scripted the answer, if anything did (for the journal). */
  scriptedBy: 'prefer' | 'override' | undefined;
  /** Set when the override answered this request (its scripted answer, or its latency or fault): the journal names it. */
  overrideAnswered?: true;
  /** Set when the credentials were refused before the override's scripted answer could be given. */
  credentialsRefused?: true;
  /** The overrides tried before the one chosen (all tried, when none was) whose `when` the request missed, if any. */
  overrideMisses: OverrideMiss[] | undefined;
}

/** What every call of one operation shares: built once per route, not as fresh closures on every request. */
type CallHelpers = Pick<OperationCall, 'operationId' | 'vendorPath' | 'requestSchema' | 'respond' | 'example' | 'declares' | 'reply'>;

/** The journal fields whose texts repeat from one request of an operation to the next, per operation. */
interface JournalTexts {
  url: RepeatedText;
  request: RepeatedText;
  response: RepeatedText;
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': JSON_CONTENT_TYPE });

/**
 * Every operation in the spec needs a handler and every handler an operation: what is wrong when they differ (a spec
 * edited or replaced with `--specs`), else undefined. `check` lists it; a start stops on it.
 */
export function toBehaviourMismatch(routes: RouteDefinition[], behaviour: SurfaceBehaviour): string | undefined {
  const operations = new Set(routes.map((route) => route.operationId));
  const missing = [...operations].filter((id) => !behaviour.handlers[id]);
  const extra = Object.keys(behaviour.handlers).filter((id) => !operations.has(id));
  if (!missing.length && !extra.length) return undefined;
  return (
    `surface "${behaviour.id}" does not match its spec` +
    (missing.length ? `; operations without behaviour: ${missing.join(', ')}` : '') +
    (extra.length ? `; handlers for operations the spec lacks: ${extra.join(', ')}` : '')
  );
}

export function assertBehaviourMatchesSpec(routes: RouteDefinition[], behaviour: SurfaceBehaviour, file: string): void {
  const mismatch = toBehaviourMismatch(routes, behaviour);
  if (mismatch !== undefined) throw new Error(`${file}: ${mismatch}`);
}

/**
 * The request pipeline of one surface, over plain values. The order is the vendors' middleware order, written once:
 * sandbox headers → scripted answer (Prefer code/example, scenario override; credentials still checked first) →
 * unreadable body → auth → request validation → locked user → operation (and the scenario's attempt limit) → response
 * validation → faults → journal.
 * Transports (src/server for Fastify, src/msw for MSW) only translate a request in and the answer out.
 *
 * @example
 * const routes = createSurfaceEngine({ spec, behaviour: flashbackBehaviour, sessions, validateResponses: true });
 * const status = routes.find((route) => route.operationId === 'getMfaStatus')!;
 * await status.answer({ method: 'GET', url: '/mfa/status', headers: { authorization: 'Bearer flashback-token-ada' }, query: {}, params: {}, body: undefined });
 * // { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"success":true,...}', ... }
 */
export function createSurfaceEngine(options: SurfaceEngineOptions): EngineRoute[] {
  const { spec, behaviour, sessions, validateResponses } = options;
  const dynamicByDefault = options.dynamic ?? false;
  const injectsFaults = options.faults ?? true;
  // Made once: every request's body is read with it.
  const bodyReading = { strict: behaviour.strictJsonBodies === true, forms: behaviour.readsUrlEncodedForms === true };
  const routes = toRouteDefinitions(spec.api);
  assertBehaviourMatchesSpec(routes, behaviour, spec.file);

  return routes.map((route) => {
    const { precompiledValidators } = spec;
    const validators = createOperationValidators(route, {
      schemasChecked: spec.schemasChecked === true,
      ...(precompiledValidators ? { precompiled: () => precompiledValidators(route.operationId) } : {}),
    });
    const helpers = toCallHelpers(route);
    const journalTexts: JournalTexts = { url: new RepeatedText(), request: new RepeatedText(), response: new RepeatedText() };
    const answerTexts = new RepeatedJson();
    return {
      operationId: route.operationId,
      method: route.method,
      path: route.path,
      routerPath: route.routerPath,
      trailingSlash: behaviour.trailingSlashRoutes === true,
      anyCase: behaviour.anyCaseRoutes === true,
      answer: (request: PlainRequest) => handle(request, route, validators, helpers, journalTexts, answerTexts),
      // Only where the operation reads a body: elsewhere the vendor's parser refusal has no answer in the spec (a body
      // there is ignored once read), so a body the transport could not read stays the sandbox's fault; so does one a
      // vendor whose parser the sandbox does not copy could not read, but for its documented answer to one too large.
      refuse: (request: PlainRequest, fault: SandboxError) =>
        request.unreadBody && route.body && (bodyReading.strict || (behaviour.answersOversizedBodies && request.unreadBody.status === 413))
          ? handle(request, route, validators, helpers, journalTexts, answerTexts)
          : refuse(request, route, fault),
    };
  });

  function toCallHelpers(route: RouteDefinition): CallHelpers {
    return {
      operationId: route.operationId,
      vendorPath: route.path,
      requestSchema: route.body?.schema,
      respond: (status, name) => ({ status, body: toExampleBody(route, status, name) }),
      example: (status, name) => toExampleBody(route, status, name),
      reply: (status, body) => ({ status, body }),
      declares: (status, name) => {
        const response = route.responses.get(status);
        return Boolean(response && (name === undefined || response.examples.has(name)));
      },
    };
  }

  /** The request's sandbox controls, as this surface reads them (a cookie's scenario the surface lacks is left out). */
  function toSurfaceContext(request: PlainRequest): RequestContext {
    const context = toRequestContext(request.headers, request.url);
    if (context.scenarioFrom === 'cookie' && !sessions.catalogue.get(behaviour.id)?.has(context.scenario!)) ignoreCookieScenarioOf(context, behaviour.id);
    return context;
  }

  function handle(
    request: PlainRequest,
    route: RouteDefinition,
    validators: OperationValidators,
    helpers: CallHelpers,
    journalTexts: JournalTexts,
    answerTexts: RepeatedJson,
  ): PlainAnswer | Promise<PlainAnswer> {
    const startedMs = performance.now();
    let context: RequestContext;
    try {
      context = toSurfaceContext(request);
    } catch (error) {
      // Its session's journal keeps a refusal of an unusable control; with no usable session, it is answered only.
      if (error instanceof RefusedInSession) return refuseInSession(request, route, error, startedMs);
      return toFailureAnswer(error, request.url);
    }
    // The whole request is one unit of work on its session: with a shared store, requests to one session on several
    // replicas run as if one after the other. Immediate with the memory store; a promise with a networked one.
    try {
      const settled = sessions.update(context.sessionId, (session, journal) => {
        let exchange: Exchange;
        try {
          exchange = open(request, route, validators, helpers, journalTexts, answerTexts, context, startedMs, session, journal);
        } catch (error) {
          return refuseUnopened(request, route, context, startedMs, journal, error);
        }
        return run(exchange);
      });
      return settled instanceof Promise ? settled.catch((error: unknown) => toFailureAnswer(error, request.url)) : settled;
    } catch (error) {
      return toFailureAnswer(error, request.url);
    }
  }

  /** Answer an opened request, deliver the answer (or the failure) and journal it. */
  function run(exchange: Exchange): PlainAnswer | Promise<PlainAnswer> {
    try {
      const answered = answer(exchange);
      // Only a request that asks for it pays for generation; every other one goes straight on.
      const dynamic = exchange.context.dynamic ?? dynamicByDefault;
      if (!dynamic && exchange.context.seed !== undefined) noteUnusedSeed(exchange.context);
      const result = dynamic ? toDynamic(exchange, answered) : answered;
      if (result instanceof Promise)
        return result.then(
          (settled) => deliver(exchange, settled),
          (error: unknown) => fail(exchange, error),
        );
      return deliver(exchange, result);
    } catch (error) {
      return fail(exchange, error);
    }
  }

  /** Find the scenario and world, and read the body: the call is complete from here on. */
  function open(
    request: PlainRequest,
    route: RouteDefinition,
    validators: OperationValidators,
    helpers: CallHelpers,
    journalTexts: JournalTexts,
    answerTexts: RepeatedJson,
    context: RequestContext,
    startedMs: number,
    session: SessionState,
    journal: JournalWriter,
  ): Exchange {
    const scenario = sessions.scenarioFor(session, behaviour.id, context.scenario);
    const receivedAtMs = sessions.clock.now();
    const contentType = single(request.headers['content-type']);
    const received = request.unreadBody
      ? readUnreadBody(request.unreadBody, contentType, bodyReading)
      : readRequestBody(request.body, contentType, bodyReading);
    // Every property written out, never `...helpers`: a spread followed by more properties left V8 with a slow
    // (dictionary) object, which cost ~35 µs per request across the pipeline (measured with --cpu-prof).
    const call: OperationCall = {
      operationId: helpers.operationId,
      vendorPath: helpers.vendorPath,
      requestSchema: helpers.requestSchema,
      respond: helpers.respond,
      example: helpers.example,
      declares: helpers.declares,
      reply: helpers.reply,
      method: request.method,
      path: request.url,
      params: request.params,
      query: request.query,
      body: received instanceof ReceivedJson ? received.value : received,
      headers: request.headers,
      world: sessions.world(session, scenario),
      sessionId: session.id,
      principalId: undefined,
      user: undefined,
      namedUser: undefined,
      // The session's own time when QA froze or moved it: every expiry and code window of the operation uses it.
      nowMs: sessionNow(session.clock, receivedAtMs),
      magicLinkUrl: options.magicLinkUrl,
    };
    const requestText = received instanceof ReceivedJson ? received.text : undefined;
    // Looked for only where there are overrides: most requests have none, and this path is measured to the µs.
    const scripted = session.overrides?.length || scenario.overrides.length;
    // What an override's `when` looks at: the request as the router parsed it (an unreadable body fits no `when.body`).
    const parts = scripted
      ? {
          params: call.params,
          query: call.query,
          headers: request.headers,
          body: received instanceof ReceivedJson ? received.value : undefined,
          ...(received instanceof UnreadableBody ? { bodyProblem: received.reason } : {}),
        }
      : undefined;
    const sessionOverride = parts && findSessionOverride(session, behaviour.id, route.operationId, parts);
    const override = parts && (sessionOverride ?? findOverride(scenario, route.operationId, parts));
    const misses =
      parts &&
      findOverrideMisses({ session: session.overrides, scenario, surface: behaviour.id, operationId: route.operationId, request: parts, answered: override });
    // Counted after the lookup and the misses: the request an override's last wait lets by is not one it answers.
    if (parts && session.overrides?.length) letWaitingOverridesPass(session, behaviour.id, route.operationId, parts);
    return {
      request,
      route,
      validators,
      context,
      call,
      scenario,
      override,
      uncountedOverride: sessionOverride,
      sessionOverrides: session.overrides,
      sessionWorlds: session.worlds,
      requestText,
      startedMs,
      receivedAtMs,
      journal,
      journalTexts,
      answerTexts,
      sessionSeed: session.seed,
      faultRandom: faultRandomOf(session),
      scriptedBy: undefined,
      overrideMisses: misses?.length ? misses : undefined,
    };
  }

  /** What a request's Prefer header or its override (session's, else scenario's) scripts for this operation, if anything (faults aside). */
  function toScriptedAnswer(route: RouteDefinition, context: RequestContext, override: ScenarioOverride | undefined): OperationResult | undefined {
    if (context.code !== undefined || context.example !== undefined) return toPreferredAnswer(route, context.code, context.example);
    if (override && (override.status !== undefined || override.body !== undefined || override.example !== undefined)) return toOverrideResult(route, override);
    return undefined;
  }

  function toOverrideResult(route: RouteDefinition, override: ScenarioOverride): OperationResult {
    const status = override.status ?? 200;
    if (override.body !== undefined) return { status, body: structuredClone(override.body), asWritten: true };
    return { status, body: toExampleBody(route, status, override.example) };
  }

  function answer(exchange: Exchange): OperationResult | Promise<OperationResult> {
    const { context, route, validators, call, override, scenario } = exchange;

    // A scripted answer (Prefer: code/example, or a scenario override) wins over everything after the credentials,
    // validation included: QA asked for exactly this response. The credentials are still checked first, so a script
    // never hides a client that signs in wrong, unless the script is itself that auth failure. A token another world
    // of the session issued passes here: an app signed in before QA switched to `server-error` gets its 500, not a 401.
    const scripted = toScriptedAnswer(route, context, override);
    const byPrefer = context.code !== undefined || context.example !== undefined;
    if (scripted && (!route.secured || isAuthFailure(scripted))) return answerScripted(exchange, scripted, byPrefer);
    if (scripted) {
      const outcome = behaviour.authenticate(call);
      const holder = outcome.ok ? undefined : findTokenHolder(behaviour, call, exchange.sessionWorlds);
      if (outcome.ok || holder?.accepted) {
        // The caller, for the journal's `user`: a script answers for the operation, not for who called it.
        call.principalId = outcome.ok ? outcome.principalId : holder!.userId;
        call.user = userById(outcome.ok ? call.world : holder!.world, call.principalId);
        return answerScripted(exchange, scripted, byPrefer);
      }
      exchange.credentialsRefused = true;
      return explained(withTokenOrigin(outcome.result, holder, call), CREDENTIALS_REFUSED);
    }

    // The order the vendors' stacks use: the body parser (unreadable JSON is a 400 before anything else), then the
    // auth guard (401), then schema validation of the request (400), then the operation; the auth check first where
    // the vendor's runs before its handler reads the body (authenticatesBeforeReadingBody).
    // An operation that takes no body never reads one: whatever arrives is ignored, as a readable one already is
    // (several such operations declare no 400 a vendor error could be answered with).
    if (call.body instanceof UnreadableBody && (!route.body || (behaviour.ignoresUnsupportedBodies && call.body.kind === 'unsupported'))) call.body = undefined;
    if (behaviour.authenticatesBeforeReadingBody) {
      const refused = checkCredentials(exchange) ?? refuseUnreadableBody(call);
      if (refused) return refused;
    } else {
      const refused = refuseUnreadableBody(call) ?? checkCredentials(exchange);
      if (refused) return refused;
    }
    const problems = validators.validateRequest({ params: call.params, query: call.query, body: call.body, hasBody: call.body !== undefined });
    if (problems.length > 0) {
      const parts = { body: call.body, query: call.query, path: call.params };
      return explained(behaviour.rejectRequest(problems, call), toSchemaExplanation(problems, parts));
    }
    // After validation, so the user a request addresses (path id, body userId) is well-formed; QA locks it via admin.
    const actedOn = behaviour.addressedUser ? behaviour.addressedUser(call) : call.user;
    exchange.actedOn = actedOn;
    if (actedOn && isLocked(actedOn, call.nowMs) && behaviour.onLockedUser) {
      return explained(behaviour.onLockedUser(call), toLockedExplanation(actedOn, call.sessionId));
    }
    const result = behaviour.handlers[route.operationId]!(call);
    // A scenario's attempt limit: the handler's verdict on a code counts for the user acted on. The answer itself is
    // unchanged (the Nth wrong code is still a wrong-code answer); the lock applies from the next request on, so the
    // explanation of the code that locked the user says so instead of naming a code that would now be refused.
    const { lockout } = scenario;
    if (!lockout || !actedOn || !behaviour.toCodeAttempt) return result;
    const count = (settled: OperationResult): OperationResult => {
      const lockedNow = recordCodeAttempt(actedOn, behaviour.toCodeAttempt?.(call, settled), lockout, call.nowMs);
      if (!lockedNow || !settled.explanation) return settled;
      return { ...settled, explanation: toLockingExplanation(settled.explanation, actedOn, call.sessionId) };
    };
    return result instanceof Promise ? result.then(count) : count(result);
  }

  /**
   * A `Prefer: dynamic=true` answer: generated from the response schema of the status the request gets, seeded by
   * `Prefer: seed`, else the session's seed, else a fresh one (sent back in `x-mock-dynamic-seed`, to replay it).
   */
  function toDynamic(exchange: Exchange, answered: OperationResult | Promise<OperationResult>): OperationResult | Promise<OperationResult> {
    const { call, context, route, validators } = exchange;
    const seed = context.seed ?? exchange.sessionSeed ?? Math.floor(Math.random() * 0x100000000);
    const generate = (result: OperationResult) => {
      const generated = toDynamicResult({
        route,
        inputs: { surface: behaviour.id, operationId: route.operationId, params: call.params, query: call.query },
        result,
        seed,
        nowMs: call.nowMs,
        violations: (status, body) => (validateResponses ? validators.validateResponse(status, body) : []),
      });
      // A generated body refuses for the same reason the state's answer did.
      const keep = (made: OperationResult) => (result.explanation ? explained(made, result.explanation) : made);
      return generated instanceof Promise ? generated.then(keep) : keep(generated);
    };
    return answered instanceof Promise ? answered.then(generate) : generate(answered);
  }

  /** Check the answer against the spec, decide the faults asked for, journal it, and say what to send. */
  function deliver(exchange: Exchange, result: OperationResult): PlainAnswer {
    const { route, context, override } = exchange;
    try {
      if (behaviour.stampAnswer && result.body !== undefined && !result.asWritten) behaviour.stampAnswer(result.body);
      const violations = validateResponses ? exchange.validators.validateResponse(result.status, result.body) : [];
      if (violations.length > 0) {
        throw new SandboxError('MOCK_ERR_RESPONSE_INVALID', `${route.operationId} produced a ${result.status} its spec forbids`, { violations });
      }
      // A scripting override that did not answer (the request's own Prefer scripted it, or its credentials were
      // refused) delays or breaks nothing either: it was not used, and its latency or fault is not credited to it.
      const delivering = override && scriptsAnswer(override) && !exchange.overrideAnswered ? undefined : override;
      const decided = injectsFaults ? decideFaults(context, delivering, exchange.faultRandom) : NO_FAULTS;
      // A HEAD answer has no body to send slowly: it goes out at once, and its journal entry says no time was taken.
      const plan = decided.fault === 'slow-body' && exchange.request.method === 'HEAD' ? { delayMs: 0, fault: decided.fault } : decided;
      // An override that only shapes the delivery (latency, a fault) answered this request if any of it was applied.
      if (override && !scriptsAnswer(override) && isOverrideApplied(context, override, plan)) useOverride(exchange);
      if (override && !exchange.overrideAnswered) noteSetAside(exchange, override);
      const json = result.body === undefined ? undefined : exchange.answerTexts.stringify(result.body);
      // A refusal the handler did not explain was refused by the state of the session (its vendor body says which).
      const explanation = result.explanation ?? (isRefusal(result) ? toPreconditionExplanation(route.operationId, result, exchange.call.sessionId) : undefined);
      const dynamicSeed = result.headers?.[DYNAMIC_SEED_HEADER];
      const addedHeaders = toOverrideHeaders(exchange);
      const record = journal(exchange, result.status, json, plan.fault, plan.delayMs, explanation, dynamicSeed === undefined ? undefined : { dynamicSeed });
      const making = toAnswerMaking(record, result.headers?.[DYNAMIC_HEADER]);
      const explain = context.explain === true && explanation !== undefined;
      // Most answers are plain JSON: they share one frozen header set instead of building one per request.
      if (
        json !== undefined &&
        !result.headers &&
        !addedHeaders &&
        !result.cookies &&
        plan === NO_FAULTS &&
        context.sessionFrom !== 'path' &&
        !explain &&
        !context.misspeltPreferences &&
        !context.ignoredControls &&
        making === undefined
      )
        return { status: result.status, headers: JSON_HEADERS, body: json, dropConnection: false, delayMs: 0 };
      const headers: Record<string, string> = result.headers ? { ...result.headers } : {};
      // Before the sandbox's own headers, which the override cannot name anyway (check-override-headers.ts).
      if (addedHeaders) Object.assign(headers, addedHeaders);
      if (explain) headers[EXPLAIN_HEADER] = toExplainHeader(explanation, exchange.call.sessionId);
      if (context.misspeltPreferences) headers[PREFER_IGNORED_HEADER] = context.misspeltPreferences.join(', ');
      if (context.ignoredControls) headers[HEADER_IGNORED_HEADER] = context.ignoredControls;
      let body = json;
      let status = result.status;
      // Broken bodies and a gateway's page say so, so they are never mistaken for (or checked as) vendor answers.
      if (plan.fault !== undefined && plan.fault !== 'drop-connection' && plan.fault !== 'connection-reset') headers[FAULT_INJECTED_HEADER] = plan.fault;
      if (isBodyFault(plan.fault)) body = toCorruptedBody(json, plan.fault);
      const gateway = isGatewayFault(plan.fault) ? toGatewayAnswer(plan.fault) : undefined;
      if (gateway) {
        // The gateway's own page, not the vendor's answer: none of the vendor's headers or cookies (an override's
        // added headers stay: a 503 with Retry-After is what a load balancer sends).
        for (const name of Object.keys(result.headers ?? {})) if (!addedHeaders || !(name in addedHeaders)) delete headers[name];
        status = gateway.status;
        body = gateway.body;
        headers['content-type'] = gateway.contentType;
      } else if (body !== undefined) headers['content-type'] = JSON_CONTENT_TYPE;
      if (plan.delayMs > 0) headers[LATENCY_HEADER] = String(plan.delayMs);
      // A URL that named its session keeps a browser in it: its later requests without the prefix carry the cookie.
      if (context.sessionFrom === 'path')
        headers['set-cookie'] = toSessionCookie(context.sessionId, context.scenarioFrom === 'path' ? context.scenario : undefined);
      const dropConnection = toDropConnection(plan.fault);
      const sendsBody = dropConnection === false || dropConnection === 'mid-body';
      // A slow body takes its delay while it goes out, not before.
      const slowBody = plan.fault === 'slow-body';
      const answer: PlainAnswer = { status, headers, body: sendsBody ? body : undefined, dropConnection, delayMs: slowBody ? 0 : plan.delayMs };
      if (slowBody) answer.slowBodyMs = plan.delayMs;
      if (result.cookies && !gateway) answer.cookies = result.cookies;
      if (addedHeaders) answer.addedHeaderNames = Object.keys(addedHeaders);
      if (making) answer.making = making;
      // A client can give up during the delay or the slow body (its timeout is shorter): the journal must not count an
      // answer it never got.
      if (plan.delayMs > 0) answer.noteClientGone = () => noteClientGone(exchange.call.sessionId, record, toElapsedMs(exchange.startedMs));
      return answer;
    } catch (error) {
      return fail(exchange, error);
    }
  }

  /** Answer a request the sandbox could not answer as the vendor with a problem+json error, and journal it. */
  function fail(exchange: Exchange, error: unknown): PlainAnswer {
    const fault = toSandboxFault(error);
    const failure = toFailureAnswer(error, exchange.request.url, fault);
    journal(exchange, failure.status, failure.body, undefined, 0, undefined, { sandboxError: fault.code });
    return withMisspellingHeaders(failure, exchange.context);
  }

  /** Refuse a request whose session is known but another of its controls is not usable, journalled in that session. */
  function refuseInSession(request: PlainRequest, route: RouteDefinition, refused: RefusedInSession, startedMs: number): PlainAnswer | Promise<PlainAnswer> {
    return refuseInContext(request, route, refused.context, startedMs, refused, (storeError) => toFailureAnswer(storeError, request.url));
  }

  /** EngineRoute.refuse: the transport's fault, journalled in the request's session when it names one that can be read. */
  function refuse(request: PlainRequest, route: RouteDefinition, fault: SandboxError): PlainAnswer | Promise<PlainAnswer> {
    let context: RequestContext;
    try {
      context = toSurfaceContext(request);
    } catch (error) {
      // A bad Prefer beside it: the session is still known. A session id that cannot be read: answered only.
      if (!(error instanceof RefusedInSession)) return toFailureAnswer(fault, request.url);
      context = error.context;
    }
    // The state store is down: the refusal still goes out, unjournalled, rather than a 503 in its place.
    return refuseInContext(request, route, context, performance.now(), fault, () => toFailureAnswer(fault, request.url));
  }

  /** Answer `error` for an unopened request, journalled in its context's session; `unstored` answers when the store fails. */
  function refuseInContext(
    request: PlainRequest,
    route: RouteDefinition,
    context: RequestContext,
    startedMs: number,
    error: unknown,
    unstored: (storeError: unknown) => PlainAnswer,
  ): PlainAnswer | Promise<PlainAnswer> {
    try {
      const settled = sessions.update(context.sessionId, (_session, journal) => refuseUnopened(request, route, context, startedMs, journal, error));
      return settled instanceof Promise ? settled.catch(unstored) : settled;
    } catch (storeError) {
      return unstored(storeError);
    }
  }

  /**
   * Answer a request that could not be opened on its session (it prefers a scenario its surface lacks) with the
   * problem+json error, journalled as every sandbox fault on a vendor route is, without a scenario: it ran in none.
   */
  function refuseUnopened(
    request: PlainRequest,
    route: RouteDefinition,
    context: RequestContext,
    startedMs: number,
    journal: JournalWriter,
    error: unknown,
  ): PlainAnswer {
    const fault = toSandboxFault(error);
    const failure = toFailureAnswer(error, request.url, fault);
    const received = readRequestBody(request.body, single(request.headers['content-type']), bodyReading);
    journal({
      atMs: sessions.clock.now(),
      method: request.method,
      url: request.url,
      surface: behaviour.id,
      operationId: route.operationId,
      scenario: undefined,
      sessionFrom: context.sessionFrom,
      status: failure.status,
      durationMs: Math.round((performance.now() - startedMs) * 100) / 100,
      fault: undefined,
      request: received instanceof ReceivedJson ? received.text : undefined,
      response: failure.body,
      explanation: undefined,
      sandboxError: fault.code,
    });
    return withMisspellingHeaders(failure, context);
  }

  /** The vendor's refusal of a body its parser could not read (malformed JSON, an unsupported type), if it is one. */
  function refuseUnreadableBody(call: OperationCall): OperationResult | undefined {
    if (!(call.body instanceof UnreadableBody)) return undefined;
    const { kind, reason, status } = call.body;
    const problem: RequestProblem = { location: 'body', kind: kind === 'refused' ? 'refused' : 'malformed', field: undefined, message: reason, status };
    return explained(behaviour.rejectRequest([problem], call), toMalformedExplanation(reason));
  }

  /** On a secured route, the vendor's refusal of the request's credentials, if they are refused; else the caller is set. */
  function checkCredentials({ call, route, sessionWorlds }: Exchange): OperationResult | undefined {
    if (!route.secured) return undefined;
    const outcome = behaviour.authenticate(call);
    if (!outcome.ok) return explained(withTokenOrigin(outcome.result, findTokenHolder(behaviour, call, sessionWorlds), call), CREDENTIALS_REFUSED);
    call.principalId = outcome.principalId;
    call.user = userById(call.world, outcome.principalId);
    if (!call.user && behaviour.onMissingUser) return explained(behaviour.onMissingUser(call), toMissingUserExplanation(call.principalId, call.sessionId));
    return undefined;
  }

  /**
   * Count the session's override as used by this request, once: only when it answered (its scripted answer was sent,
   * or its latency or fault applied), never when the request's own `Prefer`, refused credentials or a sandbox fault
   * answered instead (a `times: 1` failure was used up by such a request and never seen).
   */
  function useOverride(exchange: Exchange): void {
    exchange.overrideAnswered = true;
    if (exchange.uncountedOverride === undefined) return;
    countOverrideUse(exchange.sessionOverrides!, exchange.uncountedOverride);
    exchange.uncountedOverride = undefined;
  }

  /**
   * List an override that fitted but did not answer among the misses, saying why (the request's own `Prefer` won, or
   * its fault rate drew none), last, as the last one tried; it takes the place of the fifth when five are listed.
   */
  function noteSetAside(exchange: Exchange, override: ScenarioOverride): void {
    const miss = toSetAsideMiss(override, exchange.context, exchange.credentialsRefused === true);
    if (miss === undefined) return;
    const earlier = (exchange.overrideMisses ?? []).slice(0, MISSES_KEPT - 1);
    exchange.overrideMisses = [...earlier, { override: toOverrideName(override, exchange.scenario), ...miss }];
  }

  /**
   * The headers the request's override adds to its answer: a scripting override's only when it scripted this answer
   * (a request's Prefer wins over it), one that only shapes the delivery's to every answer it applies to.
   */
  function toOverrideHeaders({ override, scriptedBy }: Exchange): Record<string, string> | undefined {
    if (override?.headers === undefined) return undefined;
    return scriptsAnswer(override) && scriptedBy !== 'override' ? undefined : override.headers;
  }

  /** Answer with what a script chose (the request's Prefer, else an override, which this request then uses). */
  function answerScripted(exchange: Exchange, scripted: OperationResult, byPrefer: boolean): OperationResult {
    exchange.scriptedBy = byPrefer ? 'prefer' : 'override';
    if (!byPrefer) useOverride(exchange);
    return explainScripted(exchange, scripted);
  }

  /** The scripted answer, explained as scripted when it is a refusal. */
  function explainScripted(exchange: Exchange, scripted: OperationResult): OperationResult {
    if (!isRefusal(scripted)) return scripted;
    return explained(scripted, toScriptedExplanation(exchange.context, exchange.override, exchange.scenario.name, exchange.call.sessionId));
  }

  function journal(
    exchange: Exchange,
    status: number,
    responseText: string | undefined,
    fault: FaultKind | undefined,
    delayMs: number,
    explanation: Explanation | undefined,
    rare: { sandboxError?: string; dynamicSeed?: string } = {},
  ): JournalRecord {
    const { request, route, call } = exchange;
    const texts = exchange.journalTexts;
    const record: JournalRecord = {
      atMs: exchange.receivedAtMs,
      method: request.method,
      url: texts.url.share(request.url),
      surface: behaviour.id,
      operationId: route.operationId,
      scenario: call.world.scenario,
      sessionFrom: exchange.context.sessionFrom,
      status,
      durationMs: toElapsedMs(exchange.startedMs - delayMs),
      fault,
      request: texts.request.share(exchange.requestText),
      response: texts.response.share(responseText),
      explanation,
      user: journalUserOf(exchange),
    };
    // Set only when they happen (a sandbox fault, an injected delay, a generated answer), so the hot path's records
    // keep one shape; QA reads from them how an answer was made, and replays a generated one with its seed.
    if (rare.sandboxError !== undefined) record.sandboxError = rare.sandboxError;
    if (delayMs > 0) record.latencyMs = delayMs;
    if (rare.dynamicSeed !== undefined) record.dynamicSeed = Number(rare.dynamicSeed);
    if (exchange.scriptedBy !== undefined) record.scripted = exchange.scriptedBy;
    // Which override answered, as QA finds it (`ov-3`, `bob-fails#/overrides/1`): of several overrides of one
    // operation the journal says which one fit, and why the ones tried before it did not.
    if (exchange.overrideAnswered && exchange.override) record.override = toOverrideName(exchange.override, exchange.scenario);
    if (exchange.overrideMisses) record.overrideMisses = exchange.overrideMisses;
    if (exchange.context.madeForProviderState !== undefined) record.madeForProviderState = exchange.context.madeForProviderState;
    exchange.journal(record);
    return record;
  }

  /**
   * The id of the user a request acted as or on, for its journal entry: the one the operation acted on, else, once the
   * credentials passed (a scripted answer, a body the schema refused), the one the request addresses (Lerian's path,
   * GenAuth's userId) or its caller; none while the credentials were refused or not checked.
   */
  function journalUserOf(exchange: Exchange): string | undefined {
    if (exchange.actedOn) return exchange.actedOn.id;
    const { call } = exchange;
    if (call.namedUser) return call.namedUser.id;
    if (call.principalId === undefined) return undefined;
    return (behaviour.addressedUser ? behaviour.addressedUser(call) : call.user)?.id;
  }

  /**
   * Mark the journalled `record` as answered to nobody, after `goneAfterMs`; a store out of reach loses the mark, as it
   * would lose an entry.
   */
  function noteClientGone(sessionId: string, record: JournalRecord, goneAfterMs: number): void {
    try {
      const marked = sessions.markClientGone(sessionId, record, goneAfterMs);
      if (marked instanceof Promise) marked.catch(() => undefined);
    } catch {
      // As above: nothing to answer, nobody to tell.
    }
  }
}

/** What made the journalled answer besides the session's state, for the log line; undefined for a plain answer. */
function toAnswerMaking(record: JournalRecord, dynamic: string | undefined): AnswerMaking | undefined {
  const { scripted, override, latencyMs, fault, explanation, dynamicSeed } = record;
  if (
    scripted === undefined &&
    override === undefined &&
    latencyMs === undefined &&
    fault === undefined &&
    explanation === undefined &&
    dynamicSeed === undefined
  )
    return undefined;
  const making: AnswerMaking = {};
  if (dynamicSeed !== undefined) {
    making.dynamic = dynamic === 'fallback' ? 'fallback' : 'generated';
    making.dynamicSeed = dynamicSeed;
  }
  if (scripted !== undefined) making.scripted = scripted;
  if (override !== undefined) making.override = override;
  if (latencyMs !== undefined) making.latencyMs = latencyMs;
  if (fault !== undefined) making.fault = fault;
  if (explanation !== undefined) making.rule = explanation.rule;
  return making;
}

/** How an injected fault ends the connection, if it does (PlainAnswer.dropConnection). */
function toDropConnection(fault: FaultKind | undefined): PlainAnswer['dropConnection'] {
  if (fault === 'drop-connection') return 'close';
  if (fault === 'connection-reset') return 'reset';
  if (fault === 'closed-mid-body') return 'mid-body';
  return false;
}

/** The ms since `startedMs` (a `performance.now()`), to a hundredth, as the journal's `durationMs` holds it. */
function toElapsedMs(startedMs: number): number {
  return Math.round((performance.now() - startedMs) * 100) / 100;
}

/** A refusal of a token another world of the session issued says so (the surface's own words would not name it). */
function withTokenOrigin(refusal: OperationResult, holder: TokenHolder | undefined, call: OperationCall): OperationResult {
  if (holder) refusal.explanation = toOtherWorldExplanation(holder, call.world, call.sessionId);
  return refusal;
}

/** The pipeline's word on refused credentials, for a surface whose authenticate says no more than its vendor body. */
const CREDENTIALS_REFUSED: Explanation = Object.freeze({
  rule: 'authentication',
  message: "the credentials were refused by the surface's authentication",
  wouldPass: "the credentials of a user of the session's scenario (GET /__admin/sessions/{id} lists the tokens)",
});

/** An answer that is itself a refusal of the credentials: HTTP 401, or an envelope whose statusCode is 401 (GenAuth). */
function isAuthFailure(result: OperationResult): boolean {
  return result.status === 401 || (result.body as { statusCode?: unknown } | undefined)?.statusCode === 401;
}

/**
 * The problem+json answer for an error: a SandboxError as it is, an unreachable state store a 503, anything else an
 * internal error; an internal error and an answer the spec forbids also go to the log, at error level.
 */
function toFailureAnswer(error: unknown, url: string, fault: SandboxError = toSandboxFault(error)): PlainAnswer {
  const answer: PlainAnswer = { ...toErrorAnswer(fault, url), dropConnection: false, delayMs: 0 };
  // Both are defects (of the sandbox, or of a spec given with --specs), which a log at warn must show too.
  if (fault.code === 'MOCK_ERR_INTERNAL' || fault.code === 'MOCK_ERR_RESPONSE_INVALID') answer.internalError = error;
  return answer;
}

/**
 * A typo beside the preference that was refused (`Prefer: code=418, scenaro=x`) is said on the failure too, so fixing
 * the refused one does not leave the typo to be found on the next try.
 */
function withMisspellingHeaders(failure: PlainAnswer, context: RequestContext): PlainAnswer {
  const { misspeltPreferences, ignoredControls } = context;
  if (misspeltPreferences) failure.headers = { ...failure.headers, [PREFER_IGNORED_HEADER]: misspeltPreferences.join(', ') };
  if (ignoredControls) failure.headers = { ...failure.headers, [HEADER_IGNORED_HEADER]: ignoredControls };
  return failure;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
