import { SandboxError } from '../errors.js';
import { toDidYouMean } from '../engine/edit-distance.js';
import { toQuotedBooleanHint, toQuotedNumberHint } from '../engine/quoted-number.js';

/**
 * An admin call's JSON object body holding only fields the call takes, or a 400 fault that says what is wrong and
 * what the call takes (`usage`): a misspelt field (`{"scenaro": "..."}`) is refused, never silently ignored.
 *
 * @example
 * toAdminBody({ seed: 7 }, ['seed'], 'body must be {"seed": <integer>}') // { seed: 7 }
 */
export function toAdminBody(body: unknown, fields: readonly string[], usage: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', usage);
  const unknown = Object.keys(body).filter((key) => !fields.includes(key));
  if (unknown.length > 0) {
    const named = unknown.map((key) => `${key}${toDidYouMean(key, fields)}`);
    throw new SandboxError('MOCK_ERR_BAD_ADMIN_REQUEST', `unknown field(s) ${named.join(', ')}; ${usage}`);
  }
  return body as Record<string, unknown>;
}

/**
 * What is wrong with a field's value, in words a shell user acts on: text where JSON wants a number or a boolean (a
 * habit of YAML and of `curl -d` written by hand) is named as such, else the value is quoted.
 *
 * @example
 * toWrongValue('true') // 'is "true" ("true" is text: write true without quotes)'
 * toWrongValue(undefined) // 'is missing'
 */
export function toWrongValue(value: unknown): string {
  if (value === undefined) return 'is missing';
  // In the words the override, session file and scenario checks use for a quoted number (quoted-number.ts).
  return `is ${JSON.stringify(value)}${toQuotedNumberHint(value) || toQuotedBooleanHint(value)}`;
}
