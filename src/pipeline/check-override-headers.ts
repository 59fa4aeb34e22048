import { toPointerToken } from '../engine/json-pointer.js';
import type { ScenarioOverride } from '../engine/scenario.js';
import type { OverrideProblem } from './check-override.js';

/** RFC 9110's token: the characters a header name may have. */
export const HEADER_NAME_PATTERN = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
/**
 * One line of visible ASCII, spaces and tabs: no line break (which would end the header), other control character, or
 * character Node cannot write in a header (it throws on one beyond Latin-1; HTTP header text is ASCII in practice).
 */
export const HEADER_VALUE_PATTERN = '^[\\t\\x20-\\x7e]*$';
export const MAX_OVERRIDE_HEADERS = 20;
export const MAX_HEADER_VALUE_LENGTH = 1024;

const nameTest = new RegExp(HEADER_NAME_PATTERN);
const valueTest = new RegExp(HEADER_VALUE_PATTERN);

/** The shape problems of a posted override's `headers` (the scenario file schema says the same in JSON Schema). */
export function headerShapeProblems(headers: unknown): OverrideProblem[] {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    return [{ pointer: '/headers', reason: 'must be an object of header names and their values, e.g. {"Retry-After": "30"}' }];
  }
  const entries = Object.entries(headers);
  if (entries.length === 0) return [{ pointer: '/headers', reason: 'give at least one header (or leave headers out)' }];
  if (entries.length > MAX_OVERRIDE_HEADERS) return [{ pointer: '/headers', reason: `at most ${MAX_OVERRIDE_HEADERS} headers` }];
  const problems: OverrideProblem[] = [];
  for (const [name, value] of entries) {
    const pointer = toPointer(name);
    if (!nameTest.test(name)) problems.push({ pointer, reason: "not a header name (letters, digits and !#$%&'*+.^_`|~-)" });
    if (typeof value !== 'string') problems.push({ pointer, reason: 'must be a string (write numbers in quotes: "30")' });
    else if (value.length > MAX_HEADER_VALUE_LENGTH || !valueTest.test(value)) {
      problems.push({ pointer, reason: `must be one line of ASCII text, at most ${MAX_HEADER_VALUE_LENGTH} characters` });
    }
  }
  return problems;
}

function toPointer(name: string): string {
  return `/headers/${toPointerToken(name)}`;
}

/**
 * Headers an override may not add, by why: the sandbox writes them itself, and one set by a script would break the
 * message (a wrong length or framing), a browser's access to it, or the sandbox's own word on the answer.
 */
const REFUSED_HEADERS: ReadonlyArray<[test: (name: string) => boolean, why: string]> = [
  [
    (name) => ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-connection'].includes(name),
    'the server frames the message itself',
  ],
  [(name) => name === 'content-type', "the answer is the vendor's JSON, sent as such (a body of another type is a fault: malformed-body)"],
  [(name) => name === 'content-encoding', 'the body is sent as it is, never encoded (a client would fail to decode it)'],
  [(name) => name === 'vary', 'the sandbox varies answers by Origin for CORS'],
  [(name) => name === 'set-cookie', "cookies are the vendor's state (nest-auth's cookie mode) or the sandbox's session cookie"],
  [(name) => name.startsWith('access-control-'), 'CORS headers come from --cors'],
  // An adversarial tour's `Refresh: 0;url=http://evil.example`: a session file or scenario from a ticket made a
  // sandbox URL send a browser elsewhere. No vendor here sends it; an API answer has no page to refresh.
  [(name) => name === 'refresh', "it sends a browser to another page, which no vendor's API answer does"],
  [(name) => name.startsWith('x-mock-'), "x-mock-* headers are the sandbox's own word on an answer"],
  // A QA tour's `"headers": {"Authorization": ...}` meant `when.headers`: it answered everyone, with their token echoed.
  [
    (name) => ['authorization', 'cookie', 'proxy-authorization'].includes(name),
    'it is a request header, and an override\'s headers go out with its answer; to answer only the requests that send it, write it under "when": {"headers": {...}}',
  ],
];

/**
 * What the schema cannot judge of an override's `headers` (it checks their names are tokens and their values one line
 * of text): a header the sandbox sets itself, and one given twice in different letter case.
 *
 * @example
 * checkOverrideHeaders({ operationId: 'getMFAStatus', status: 503, headers: { 'Content-Length': '0' } })
 * // [{ pointer: '/headers/Content-Length', reason: 'an override cannot set Content-Length: the server frames the message itself' }]
 */
export function checkOverrideHeaders(override: ScenarioOverride): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of Object.keys(override.headers ?? {})) {
    const lower = name.toLowerCase();
    const refused = REFUSED_HEADERS.find(([test]) => test(lower));
    const pointer = toPointer(name);
    if (refused) problems.push({ pointer, reason: `an override cannot set ${name}: ${refused[1]}` });
    const earlier = seen.get(lower);
    if (earlier !== undefined) problems.push({ pointer, reason: `${name} is ${earlier} again (header names are read in any letter case): give it once` });
    seen.set(lower, name);
  }
  return problems;
}
