import type { Explanation } from '../engine/explanation.js';
import type { OperationCall, OperationHandler } from './surface-behaviour.js';

/**
 * Handlers typed from a spec's generated `operations` (openapi-typescript, src/types/<surface>.ts). Compile time only:
 * at run time a typed handler is the very function the engine calls with its `OperationCall` (the engine has already
 * validated the request against the same spec), so typing adds no wrapper and no cost per request.
 */

/** The shape openapi-typescript gives every entry of `operations`. */
export interface OperationTypes {
  parameters: { query?: unknown; header?: unknown; path?: unknown; cookie?: unknown };
  requestBody?: unknown;
  responses: object;
}

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : undefined;

/** The operation's JSON request body; `| undefined` when the spec does not require one, `undefined` when it has none. */
export type RequestBodyOf<Op extends OperationTypes> = Op extends { requestBody: infer Body }
  ? JsonContent<Body>
  : Op extends { requestBody?: infer Body }
    ? JsonContent<NonNullable<Body>> | undefined
    : undefined;

/** Parameters of one location; an object without fields (any read fails tsc) where the spec declares none. */
type ParametersAt<Op extends OperationTypes, Location extends keyof OperationTypes['parameters']> = [NonNullable<Op['parameters'][Location]>] extends [never]
  ? Record<never, never>
  : NonNullable<Op['parameters'][Location]>;

/** The path parameters of the operation, e.g. `{ id: string }`. */
export type PathParamsOf<Op extends OperationTypes> = ParametersAt<Op, 'path'>;
/** The query parameters of the operation, after validation (coerced to their schema types, defaults filled in). */
export type QueryOf<Op extends OperationTypes> = ParametersAt<Op, 'query'>;

/** The statuses the operation declares, as numbers (`200 | 400 | 401 ...`). */
export type StatusOf<Op extends OperationTypes> = Extract<keyof Op['responses'], number>;

/** The JSON body of the operation's answer with this status (undefined for a status without a JSON body). */
export type ResponseBodyOf<Op extends OperationTypes, Status extends keyof Op['responses']> = JsonContent<Op['responses'][Status]>;

/** Example names by status (the generated `exampleNames[operationId]`); any name where they are not known. */
export type ExampleNames = Record<number, string>;

/** The example names an operation declares for this status. */
export type ExampleNameOf<Names extends ExampleNames, Status extends number> = Status extends keyof Names ? Names[Status] : string;

/** An answer with this status and body type (what `respond`/`reply` return). */
export interface Answer<Status extends number, Body> {
  status: Status;
  body: Body;
  headers?: Record<string, string>;
  /** `Set-Cookie` values, each its own header. */
  cookies?: string[];
  /** Why the answer refuses the request, when it does (see `explained` in engine/explanation.ts). */
  explanation?: Explanation;
}

/** One answer the operation may give: a declared status with the body its schema allows for exactly that status. */
export type TypedResult<Op extends OperationTypes, Status extends StatusOf<Op> = StatusOf<Op>> =
  Status extends StatusOf<Op> ? Answer<Status, ResponseBodyOf<Op, Status>> : never;

/**
 * An `OperationCall` seen through the operation's types: `body`, `params` and `query` as its spec declares them, and
 * `respond`/`example`/`declares` accepting only the statuses it declares.
 */
// Names defaults to `any`: a shared helper typed `TypedCall<Op>` accepts a call with any operation's example names.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- `any` relates to every names type in both directions
export interface TypedCall<Op extends OperationTypes, Names extends ExampleNames = any> extends Omit<
  OperationCall,
  'body' | 'params' | 'query' | 'respond' | 'example' | 'declares'
> {
  /** The parsed JSON body, already valid against the spec. */
  body: RequestBodyOf<Op>;
  params: PathParamsOf<Op>;
  query: QueryOf<Op>;
  /** A spec example of this operation as the answer (a fresh copy). Without a name, the status's canonical example. */
  respond<Status extends StatusOf<Op>>(status: Status, exampleName?: ExampleNameOf<Names, Status>): TypedResult<Op, Status>;
  /** Whether the spec declares this status (and, if named, this example) for the operation. */
  declares(status: StatusOf<Op>, exampleName?: string): boolean;
  /** The body of a spec example of this operation (a fresh copy). */
  example<Status extends StatusOf<Op>>(status: Status, exampleName?: ExampleNameOf<Names, Status>): ResponseBodyOf<Op, Status>;
  /**
   * An answer the handler builds: the body must be what the spec declares for that status. Prefer it to returning a
   * `{ status, body }` literal: TypeScript checks an argument for misspelt (excess) fields, but not the inferred return
   * value of an arrow function.
   */
  reply<Status extends StatusOf<Op>>(status: Status, body: ResponseBodyOf<Op, Status>): TypedResult<Op, Status>;
}

/** A handler of one operation: answers only with statuses and bodies the spec declares for it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as TypedCall's default
export type TypedHandler<Op extends OperationTypes, Names extends ExampleNames = any> = (
  call: TypedCall<Op, Names>,
) => TypedResult<Op> | Promise<TypedResult<Op>>;

/** One typed handler per operationId of the spec: no more, no fewer. */
export type TypedHandlers<Operations, Names = Record<keyof Operations, ExampleNames>> = {
  [OperationId in keyof Operations]: Operations[OperationId] extends OperationTypes
    ? TypedHandler<
        Operations[OperationId],
        OperationId extends keyof Names ? (Names[OperationId] extends ExampleNames ? Names[OperationId] : ExampleNames) : ExampleNames
      >
    : never;
};

/**
 * The handlers of a surface, checked against its spec's `operations` by the compiler: a handler for an unknown
 * operationId, a missing one, a misspelt request or response field, an undeclared status and (with the generated
 * `exampleNames`) an example name the status does not have all fail `tsc`. At boot,
 * `assertBehaviourMatchesSpec` still checks the same against the spec file itself.
 *
 * @example
 * import type { exampleNames, operations } from '../../types/lerian.js';
 * const handlers = defineHandlers<operations, exampleNames>()({
 *   getMfaStatus: (call) => call.reply(200, statusOf(call.params.id)),
 *   enableMfa: (call) => (call.body.recoveryCode ? call.reply(200, { enabled: true }) : call.respond(400, 'Error1012')),
 *   // ...one entry per operationId
 * });
 */
export function defineHandlers<Operations, Names = Record<keyof Operations, ExampleNames>>() {
  // An object literal with a key `operations` lacks is an excess property, so an unknown operationId fails too.
  return (handlers: TypedHandlers<Operations, Names>): Record<string, OperationHandler> =>
    // The engine only calls a handler with a call it validated against this operation's spec, which is what
    // TypedCall<Op> promises; the function is handed on unchanged (no wrapper per request).
    handlers as unknown as Record<string, OperationHandler>;
}
