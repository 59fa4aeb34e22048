import { http, type HttpHandler } from 'msw';
import type { SandboxError } from '../errors.js';
import { splitSessionPrefix } from '../pipeline/session-prefix.js';
import { isUndecodablePath, toUndecodablePathReason, toUnroutableUrlFault } from '../pipeline/unroutable-url.js';
import { toLiteralPattern, toTemplatePattern } from './path-patterns.js';

/** What the handlers answer on one origin: the base paths they own whole, and the path templates they match. */
export interface OriginPaths {
  /** e.g. `http://localhost:4010`. */
  origin: string;
  /** Base paths whose every path is the sandbox's (`/flashback`); a surface at a bare origin owns only its templates. */
  basePaths: string[];
  /** Path templates with `{param}` placeholders, mount prefix included (`/lerian/v1/users/{id}/mfa`). */
  templates: string[];
}

/**
 * MSW decodes a matching handler's path parameters with `decodeURIComponent`, and when that throws (`%E9`) it answers
 * a 500 carrying the stack; the server refuses such a URL with a 400 sandbox fault before routing. These handlers, one
 * per origin and registered before every other, answer that 400 for an undecodable path the sandbox's handlers would
 * take, with or without a session prefix: anything under a base path of their own (the server refuses it whatever
 * route it resembles), or, under a bare origin, a path shaped like an operation's. Everything else is passed on. Their
 * own path is a regular expression without groups, which MSW matches without decoding anything.
 */
export function createUndecodableUrlGuards(origins: OriginPaths[], respond: (fault: SandboxError, instance: string) => Response): HttpHandler[] {
  return origins.map(({ origin, basePaths, templates }) => {
    const patterns = templates.map((template) => toTemplatePattern(template));
    const owns = (path: string) => basePaths.some((base) => path === base || path.startsWith(`${base}/`)) || patterns.some((pattern) => pattern.test(path));
    return http.all(new RegExp(`^${toLiteralPattern(origin)}/`), ({ request }) => {
      const url = new URL(request.url);
      if (!isUndecodablePath(url.pathname)) return undefined; // nearly every request: on to the operations
      // A session prefix that does not decode is the pipeline's to refuse (a malformed session id), as on the server.
      const rest = splitSessionPrefix(url.pathname)?.rest ?? url.pathname;
      if (!isUndecodablePath(rest) || !owns(rest)) return undefined;
      return respond(toUnroutableUrlFault(toUndecodablePathReason(rest)), `${rest}${url.search}`);
    });
  });
}
