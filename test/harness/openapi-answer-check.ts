import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import type { OpenApiDocument, OperationObject } from '../../src/openapi/openapi-types.js';
import { HTTP_METHODS } from '../../src/openapi/openapi-types.js';

const require = createRequire(import.meta.url);
const Ajv2020 = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

/** What an answer looks like to the checker (a light-my-request or fetch response, reduced). */
export interface Answer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

interface ResponseContract {
  description?: string;
  headers?: Record<string, { schema?: Record<string, unknown>; required?: boolean }>;
  content?: Record<string, { schema?: Record<string, unknown>; 'x-sandbox-events'?: Record<string, Record<string, unknown>> }>;
}

/**
 * The events of a `text/event-stream` body, as a browser's EventSource reads them: blocks split by a blank line,
 * `field: value` lines, `:` comments. A trailing block without its blank line (the stream was cut) is left out.
 */
export function toServerSentEvents(text: string): Array<{ event: string; data: string; id?: string; fields: string[] }> {
  const blocks = text.split('\n\n').slice(0, -1);
  return blocks.flatMap((block) => {
    const event = { event: 'message', data: [] as string[], id: undefined as string | undefined, fields: [] as string[] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      event.fields.push(field!);
      if (field === 'event') event.event = value;
      else if (field === 'data') event.data.push(value);
      else if (field === 'id') event.id = value;
    }
    // A block of comments or `retry:` alone dispatches no event.
    if (event.data.length === 0) return [];
    return [{ event: event.event, data: event.data.join('\n'), fields: event.fields, ...(event.id === undefined ? {} : { id: event.id }) }];
  });
}

/** One operation of a dereferenced document, found by operationId. */
export interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  operation: OperationObject;
}

/** Every operation of a dereferenced document. */
export function operationsOf(document: OpenApiDocument): OperationEntry[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item[method]).map((method) => ({
      operationId: item[method]!.operationId!,
      method: method.toUpperCase(),
      path,
      operation: item[method]!,
    })),
  );
}

/**
 * Check an answer against everything a dereferenced OpenAPI document says about it: the status is declared, the
 * content type is one the status declares (or none, when it declares no content), the body parses as that media type
 * and validates against its schema, and each declared header's value validates. Returns the problems (empty: valid).
 *
 * @example
 * const check = createAnswerChecker(adminDocument);
 * expect(check('getHealth', await app.inject({ url: '/__admin/health' }))).toEqual([]);
 */
export function createAnswerChecker(document: OpenApiDocument): (operationId: string, answer: Answer) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const compiled = new WeakMap<object, ValidateFunction>();
  const validatorOf = (schema: Record<string, unknown>) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = ajv.compile(schema)));
    return validate;
  };
  const operations = new Map(operationsOf(document).map((entry) => [entry.operationId, entry]));

  return (operationId, answer) => {
    const entry = operations.get(operationId);
    if (!entry) return [`no operation ${operationId} in the document`];
    const contract: ResponseContract | undefined = entry.operation.responses?.[String(answer.statusCode)];
    if (!contract) return [`${operationId} declares no ${answer.statusCode} response (declared: ${Object.keys(entry.operation.responses ?? {}).join(', ')})`];
    const problems: string[] = [];
    const contentType = String(answer.headers['content-type'] ?? '')
      .split(';')[0]!
      .trim();
    const declared = Object.keys(contract.content ?? {});
    if (declared.length === 0) {
      if (answer.body !== '')
        problems.push(`${operationId} ${answer.statusCode} declares no content, got ${contentType || 'a body'}: ${answer.body.slice(0, 200)}`);
    } else if (!declared.includes(contentType)) {
      problems.push(`${operationId} ${answer.statusCode} answered "${contentType}", the document declares ${declared.join(', ')}`);
    } else {
      const schema = contract.content![contentType]!.schema;
      let body: unknown = answer.body;
      try {
        if (/[/+]json$/.test(contentType)) body = JSON.parse(answer.body);
        else if (/yaml$/.test(contentType)) parse(answer.body);
        else if (contentType === 'text/html' && !/^<!doctype html>/i.test(answer.body))
          problems.push(`${operationId} ${answer.statusCode}: text/html that is not an HTML document`);
      } catch (error) {
        problems.push(`${operationId} ${answer.statusCode}: body is not ${contentType} (${(error as Error).message})`);
      }
      if (schema && problems.length === 0) {
        const validate = validatorOf(schema);
        if (!validate(body)) problems.push(`${operationId} ${answer.statusCode} body: ${ajv.errorsText(validate.errors)}: ${answer.body.slice(0, 300)}`);
      }
      // Server-sent events: each event's name must be declared (x-sandbox-events) and its data fit that schema.
      const events = contract.content![contentType]!['x-sandbox-events'];
      if (contentType === 'text/event-stream') {
        for (const event of toServerSentEvents(answer.body)) {
          const eventSchema = events?.[event.event];
          const unknownFields = event.fields.filter((field) => !['event', 'data', 'id', 'retry'].includes(field));
          if (unknownFields.length > 0) problems.push(`${operationId} event ${event.event}: unknown fields ${unknownFields.join(', ')}`);
          if (!eventSchema) {
            problems.push(`${operationId} event "${event.event}" is not declared (x-sandbox-events: ${Object.keys(events ?? {}).join(', ')})`);
            continue;
          }
          const validate = validatorOf(eventSchema);
          let data: unknown;
          try {
            data = JSON.parse(event.data);
          } catch {
            problems.push(`${operationId} event ${event.event}: data is not JSON: ${event.data.slice(0, 200)}`);
            continue;
          }
          if (!validate(data)) problems.push(`${operationId} event ${event.event}: ${ajv.errorsText(validate.errors)}: ${event.data.slice(0, 300)}`);
        }
      }
    }
    for (const [name, header] of Object.entries(contract.headers ?? {})) {
      const value = answer.headers[name.toLowerCase()];
      if (value === undefined) {
        // Declared headers are sent on every such answer unless the spec says `required: false` (a header only some
        // requests get, such as nest-auth's cookies in cookie token mode).
        if (header.required !== false) problems.push(`${operationId} ${answer.statusCode}: declared header ${name} missing`);
        continue;
      }
      if (header.schema && !validatorOf(header.schema)(String(value)))
        problems.push(`${operationId} ${answer.statusCode}: header ${name}: ${String(value)} does not match its schema`);
    }
    return problems;
  };
}
