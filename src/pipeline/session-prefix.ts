/**
 * The session path prefix: `/s/<session>/` (optionally `/s/<session>/scenario/<name>/`) in front of any surface's
 * base URL chooses the session (and the scenario) of a request by its URL alone, for clients that cannot add a
 * header (a vendor SDK given a base URL, a link opened in a browser). The transports strip it before routing; the
 * pipeline reads the session from the URL as received. No vendor path starts with `/s/`, and the scenario's
 * `scenario/<name>` sits inside the sandbox's own segment, so neither can collide with a surface's paths.
 */

/** Every prefixed URL starts with this. */
export const SESSION_PREFIX_START = '/s/';
const SCENARIO_SEGMENT = 'scenario';

/** The prefix of a URL as written: its session and scenario segments (not yet decoded or checked), and the rest. */
export interface SessionPrefix {
  /** The session segment, still percent-encoded. */
  session: string;
  /** The scenario segment, still percent-encoded; undefined without `/scenario/<name>`. */
  scenario: string | undefined;
  /** The URL without the prefix, starting with `/` (query included): what the routes see. */
  rest: string;
}

/** Where a path segment starting at `from` ends: the next `/`, `?` or the end of the URL. */
function segmentEnd(url: string, from: number): number {
  for (let index = from; index < url.length; index++) {
    const char = url.charCodeAt(index);
    if (char === 47 /* / */ || char === 63 /* ? */) return index;
  }
  return url.length;
}

/** The URL from `index` on, as a path that starts with `/`. */
function restFrom(url: string, index: number): string {
  if (index >= url.length) return '/';
  return url.charCodeAt(index) === 47 ? url.slice(index) : `/${url.slice(index)}`;
}

/**
 * Split the session prefix off a URL (path and query). Syntax only: the session id and scenario name are checked
 * where the request's context is read (`toRequestContext`), so a bad one is a problem+json fault, not a 404.
 *
 * @example
 * splitSessionPrefix('/s/qa-1/flashback/mfa/status')    // { session: 'qa-1', scenario: undefined, rest: '/flashback/mfa/status' }
 * splitSessionPrefix('/s/qa-1/scenario/mfa-enabled/v1') // { session: 'qa-1', scenario: 'mfa-enabled', rest: '/v1' }
 * splitSessionPrefix('/flashback/mfa/status')           // undefined
 */
export function splitSessionPrefix(url: string): SessionPrefix | undefined {
  if (!url.startsWith(SESSION_PREFIX_START)) return undefined;
  const sessionEnd = segmentEnd(url, SESSION_PREFIX_START.length);
  if (sessionEnd === SESSION_PREFIX_START.length) return undefined;
  const session = url.slice(SESSION_PREFIX_START.length, sessionEnd);
  const scenarioStart = sessionEnd + SCENARIO_SEGMENT.length + 2;
  const namesScenario = url.startsWith(`/${SCENARIO_SEGMENT}/`, sessionEnd);
  const scenarioEnd = namesScenario ? segmentEnd(url, scenarioStart) : scenarioStart;
  if (!namesScenario || scenarioEnd === scenarioStart) return { session, scenario: undefined, rest: restFrom(url, sessionEnd) };
  return { session, scenario: url.slice(scenarioStart, scenarioEnd), rest: restFrom(url, scenarioEnd) };
}

/**
 * The URL without its session prefix, or the URL itself: what a server routes (Fastify's `rewriteUrl`). One
 * comparison for the requests without a prefix, so the usual path pays nothing.
 */
export function withoutSessionPrefix(url: string): string {
  // 's' after the first '/': almost every URL differs there, before any string is compared.
  if (url.charCodeAt(1) !== 115) return url;
  const rest = splitSessionPrefix(url)?.rest;
  // The sandbox's own paths (/__admin, /__console) take no session prefix: routed as sent, such a URL is a 404 that
  // says so (toSandboxPathHint). Stripped, `POST /s/qa-9/__admin/reset` reset every session, not qa-9's.
  return rest === undefined || rest.startsWith(SANDBOX_PATH_START) ? url : rest;
}

/** The sandbox's own paths (the admin API, the QA console) start with this; no vendor path does. */
const SANDBOX_PATH_START = '/__';

/**
 * What to say of a session prefix in front of the sandbox's own paths (`/s/qa-9/__admin/reset`), which it does not
 * choose a session for: where the session goes there instead.
 *
 * @example
 * toSandboxPathHint('/s/qa-9/__admin/reset') // 'the session prefix /s/<session>/ goes in front of a surface's ...'
 */
export function toSandboxPathHint(url: string): string | undefined {
  if (!splitSessionPrefix(url)?.rest.startsWith(SANDBOX_PATH_START)) return undefined;
  return "the session prefix /s/<session>/ goes in front of a surface's base URL only: the admin API names the session in its own paths (/__admin/sessions/<session>/...), and the QA console takes ?session=<session>";
}

/**
 * The prefix that chooses a session (and a scenario) by URL, to put in front of a surface's base URL.
 *
 * @example
 * toSessionPrefix('qa-1')                  // '/s/qa-1'
 * toSessionPrefix('qa-1', 'org-enforced')  // '/s/qa-1/scenario/org-enforced'
 */
export function toSessionPrefix(session: string, scenario?: string): string {
  const prefix = `${SESSION_PREFIX_START}${encodeURIComponent(session)}`;
  return scenario === undefined ? prefix : `${prefix}/${SCENARIO_SEGMENT}/${encodeURIComponent(scenario)}`;
}

/**
 * What to say of a URL whose session prefix names no session (`/s//flashback/...`: the docs' `{session}` server
 * variable left empty): it is routed as it stands and found nowhere, and "No route GET /s//flashback/..." said not why.
 *
 * @example
 * toEmptySessionHint('/s//flashback/mfa/status') // 'the session prefix /s/<session>/ names no session: ...'
 */
export function toEmptySessionHint(url: string): string | undefined {
  if (!url.startsWith(`${SESSION_PREFIX_START}/`)) return undefined;
  return 'the session prefix /s/<session>/ names no session: put a session id between /s/ and the next / (/s/bug-123/...; in the docs, the {session} server variable)';
}
