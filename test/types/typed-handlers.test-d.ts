/**
 * Type-level tests of the typed handlers (src/pipeline/typed-handlers.ts), checked by `npm run typecheck` (tsc; this
 * file is in tsconfig.json's include, not in vitest's). Each `@ts-expect-error` fails the typecheck when the error it
 * expects goes away, and each `expectTypeOf` when a type drifts. Nothing here runs.
 */
import { expectTypeOf } from 'vitest';
import { defineHandlers, type TypedCall, type TypedHandler, type TypedHandlers } from '../../src/pipeline/typed-handlers.js';
import type { components as flashbackComponents, operations as flashback } from '../../src/types/flashback.js';
import type { components as genauthComponents, operations as genauth } from '../../src/types/genauth.js';
import type { components as lerianComponents, exampleNames as lerianExampleNames, operations as lerian } from '../../src/types/lerian.js';
import type { operations as nestAuth } from '../../src/types/nest-auth.js';

/** A spec of two operations, shaped as openapi-typescript writes `operations`. */
interface PingOperations {
  ping: {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { pong: true } } } };
  };
  echo: {
    parameters: { query?: { times?: number }; header?: never; path: { id: string }; cookie?: never };
    requestBody: { content: { 'application/json': { text: string } } };
    responses: {
      200: { headers: { [name: string]: unknown }; content: { 'application/json': { text: string } } };
      404: { headers: { [name: string]: unknown }; content: { 'application/json': { error: string } } };
    };
  };
}

const ping: TypedHandler<PingOperations['ping']> = (call) => call.reply(200, { pong: true });
const echo: TypedHandler<PingOperations['echo']> = (call) =>
  call.params.id === 'gone' ? call.reply(404, { error: 'no such id' }) : call.reply(200, { text: call.body.text.repeat(call.query.times ?? 1) });

export function handlersMatchTheOperations() {
  defineHandlers<PingOperations>()({ ping, echo });
  // @ts-expect-error a handler for an operationId the spec does not have
  defineHandlers<PingOperations>()({ ping, echo, pingg: ping });
  // @ts-expect-error an operation of the spec without a handler
  defineHandlers<PingOperations>()({ ping });
  defineHandlers<PingOperations>()({
    ping,
    // @ts-expect-error a literal answer with a status the operation does not declare
    echo: () => ({ status: 201, body: { text: '' } }),
  });
  defineHandlers<PingOperations>()({
    // @ts-expect-error a literal answer whose body lacks a required field of its status
    ping: () => ({ status: 200, body: {} }),
    echo,
  });
}

export function requestsAreTypedFromTheSpec(
  lerianStatus: TypedCall<lerian['getMfaStatus']>,
  lerianSetup: TypedCall<lerian['initiateMfaSetup']>,
  flashbackReset: TypedCall<flashback['resetMFA']>,
  flashbackStatus: TypedCall<flashback['getMFAStatus']>,
  genauthTrigger: TypedCall<genauth['getMfaTriggerData']>,
  nestAuthRemove: TypedCall<nestAuth['removeMfaDevice']>,
) {
  expectTypeOf(lerianSetup.body).toEqualTypeOf<lerianComponents['schemas']['MFASetupInput']>();
  expectTypeOf(lerianSetup.body.mfaType).toEqualTypeOf<'app' | 'email' | 'sms'>();
  // An operation without a request body has none; one whose body is optional may have none.
  expectTypeOf(lerianStatus.body).toEqualTypeOf<undefined>();
  expectTypeOf(flashbackReset.body).toEqualTypeOf<flashbackComponents['schemas']['MFAResetRequest'] | undefined>();
  expectTypeOf(lerianStatus.params).toEqualTypeOf<{ id: string }>();
  expectTypeOf(nestAuthRemove.params.deviceId).toEqualTypeOf<string>();
  expectTypeOf(genauthTrigger.query.appId).toEqualTypeOf<string>();
  expectTypeOf(genauthTrigger.query.userIdType).toEqualTypeOf<genauthComponents['schemas']['UserIdType'] | undefined>();
  // The rest of the call is the engine's: the session's world, the user, the clock.
  expectTypeOf(lerianSetup.nowMs).toEqualTypeOf<number>();

  // @ts-expect-error a misspelt request body field
  void lerianSetup.body.mfaTyp;
  // @ts-expect-error a path parameter the operation does not have
  void lerianStatus.params.userId;
  // @ts-expect-error a query parameter the operation does not have (names are case-sensitive)
  void genauthTrigger.query.appid;
  // @ts-expect-error a path parameter of an operation that has none
  void flashbackStatus.params.id;
  // @ts-expect-error a query parameter of an operation that has none
  void flashbackStatus.query.userId;
  // @ts-expect-error reading a field of a body the operation does not take
  void lerianStatus.body.mfaType;
  // @ts-expect-error an optional body may be absent
  void flashbackReset.body.resetUserId;
}

export function answersAreTypedFromTheSpec(call: TypedCall<lerian['setPreferredMfaMethod']>, genauthCall: TypedCall<genauth['getGlobalMfaSettings']>) {
  expectTypeOf(call.respond(200).body).toEqualTypeOf<lerianComponents['schemas']['MFAPreferredResponse']>();
  expectTypeOf(call.respond(404, 'Error1003').status).toEqualTypeOf<404>();
  expectTypeOf(call.example(400)).toEqualTypeOf<lerianComponents['schemas']['ErrorMessage']>();
  expectTypeOf(call.reply(200, { preferredType: 'app' }).body.preferredType).toEqualTypeOf<'app' | 'email' | 'sms'>();
  // GenAuth answers everything with HTTP 200: a success envelope or an error envelope, as the spec's oneOf says.
  expectTypeOf(genauthCall.example(200)).toEqualTypeOf<genauthComponents['schemas']['MFASettingsRespDto'] | genauthComponents['schemas']['ErrorEnvelope']>();

  // @ts-expect-error respond() with a status the operation does not declare
  call.respond(201);
  // @ts-expect-error example() of an undeclared status
  call.example(204);
  // @ts-expect-error declares() only asks about declared statuses
  call.declares(418);
  // @ts-expect-error reply() with an undeclared status
  call.reply(202, { preferredType: 'app' });
  // @ts-expect-error a misspelt field in a built answer
  call.reply(200, { preferedType: 'app' });
  // @ts-expect-error a value outside the schema's enum
  call.reply(200, { preferredType: 'totp' });
  // @ts-expect-error the body of another status
  call.reply(400, { preferredType: 'app' });
  // @ts-expect-error an extra field next to the required ones
  call.reply(200, { preferredType: 'app', enabled: true });
}

/** With the generated `exampleNames`, a handler names only examples its spec has for that status. */
export function exampleNamesAreChecked(call: TypedCall<lerian['disableMfa'], lerianExampleNames['disableMfa']>) {
  expectTypeOf(call.respond(400, 'Error1014').status).toEqualTypeOf<400>();
  // @ts-expect-error an example name the 400 of disableMfa does not have (a misspelt one: O for 0)
  call.respond(400, 'Error1O14');
  // @ts-expect-error an example of another status
  call.example(404, 'Error1014');
  // defineHandlers<operations, exampleNames>() hands each handler exactly that call.
  expectTypeOf<Parameters<TypedHandlers<lerian, lerianExampleNames>['disableMfa']>[0]>().toEqualTypeOf<
    TypedCall<lerian['disableMfa'], lerianExampleNames['disableMfa']>
  >();
}
