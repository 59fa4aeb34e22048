import { SandboxFault } from '../errors.js';
import { SESSION_ID_PATTERN } from '../engine/session-registry.js';

export const SESSION_HEADER = 'x-mock-session';
export const DEFAULT_SESSION = 'default';

/** Sandbox controls parsed once at the edge (after Prism's getHttpConfigFromRequest); the core sees typed values. */
export interface RequestContext {
  sessionId: string;
  /** `Prefer: scenario=<name>`: run this request in that scenario's world. */
  scenario: string | undefined;
  /** `Prefer: code=<status>`: answer with that documented status (Prism-compatible). */
  code: number | undefined;
  /** `Prefer: example=<name>`: answer with that named example (Prism-compatible). */
  example: string | undefined;
}

const PREFER_TOKEN = /^\s*([a-z-]+)\s*=\s*"?([^";]*)"?\s*$/i;

function parsePrefer(header: string | undefined): Pick<RequestContext, 'scenario' | 'code' | 'example'> {
  const prefs: Pick<RequestContext, 'scenario' | 'code' | 'example'> = { scenario: undefined, code: undefined, example: undefined };
  if (!header) return prefs;
  for (const part of header.split(',')) {
    if (!part.trim()) continue;
    const match = part.match(PREFER_TOKEN);
    // Preferences we do not know (e.g. return=minimal) are ignored, as RFC 7240 asks.
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (key.toLowerCase() === 'scenario') {
      if (!value) throw new SandboxFault('MOCK_ERR_BAD_PREFER_HEADER', 'Prefer: scenario= needs a scenario name');
      prefs.scenario = value;
    } else if (key.toLowerCase() === 'code') {
      const code = Number(value);
      if (!Number.isInteger(code) || code < 100 || code > 599) {
        throw new SandboxFault('MOCK_ERR_BAD_PREFER_HEADER', `Prefer: code=${value} is not an HTTP status`);
      }
      prefs.code = code;
    } else if (key.toLowerCase() === 'example') {
      prefs.example = value;
    }
  }
  return prefs;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Read the sandbox's own headers from a request. Malformed values are a 400 sandbox fault, never a silent default.
 *
 * @example
 * toRequestContext({ 'x-mock-session': 'qa-7', prefer: 'scenario=org-enforced' })
 * // { sessionId: 'qa-7', scenario: 'org-enforced', code: undefined, example: undefined }
 */
export function toRequestContext(headers: Record<string, string | string[] | undefined>): RequestContext {
  const sessionId = single(headers[SESSION_HEADER]) ?? DEFAULT_SESSION;
  if (!SESSION_ID_PATTERN.test(sessionId)) {
    throw new SandboxFault('MOCK_ERR_BAD_SESSION_ID', `X-Mock-Session must match ${SESSION_ID_PATTERN}`);
  }
  return { sessionId, ...parsePrefer(single(headers.prefer)) };
}
