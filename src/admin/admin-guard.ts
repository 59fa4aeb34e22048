import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { CorsSetting } from '../config.js';
import { SandboxError } from '../errors.js';
import { createForeignPageCheck } from './foreign-page-guard.js';
import { isThisMachineAddress } from '../server/network-addresses.js';

export interface AdminGuardOptions {
  /** `loopback`: only clients on this machine may use the admin API; `any`: every address the server listens on. */
  access: 'loopback' | 'any';
  /** When set, every admin request must send `Authorization: Bearer <token>` (or `X-Mock-Admin-Token: <token>`). */
  token: string | undefined;
  /** The pages that may call the sandbox (`--cors`); pages of other origins are refused the admin API (403). */
  cors?: CorsSetting;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compare digests, not strings, so neither the length nor the first wrong character leaks through timing. */
function sameToken(presented: string, expected: Buffer): boolean {
  return timingSafeEqual(digest(presented), expected);
}

/**
 * The admin routes open to every client, by the route that matched (method and pattern), never by the URL as sent: a
 * raw `/__admin/sessions/default#/magic-links/x` looked like a magic link's page to a pattern on the URL, and the router,
 * which ends a path at `#`, served the session itself, secrets and all, to anyone.
 * - A magic link's page, opened from an e-mail: its random single-use token is the credential, as on the vendor's own
 *   page. A browser cannot add an admin token to a link, and it opens the link from wherever the user reads the mail
 *   (the host of a sandbox in a container, a phone on the LAN), so neither the admin token nor a client on this
 *   machine is asked for. HEAD too: a chat's or mail client's link preview asks it first (the page answers it without
 *   using the link), and got the guard's 401.
 * - The readiness answer (`{"status":"ok"}` or a 503, nothing more), for a load balancer's health check that cannot
 *   send a header (an AWS ALB's) and probes on other hosts.
 */
const OPEN_ROUTES = new Set(['GET /sessions/:id/magic-links/:token', 'HEAD /sessions/:id/magic-links/:token', 'GET /ready', 'HEAD /ready']);

/**
 * An `onRequest` hook for the admin API: refuses clients off this machine unless access is `any` (403), pages that
 * `--cors` does not allow (403, see createForeignPageCheck), then, if a token is configured, requests without it
 * (401). Each answer is a problem+json sandbox error. A magic link's page and the readiness answer are open to every
 * client.
 *
 * @example
 * admin.addHook('onRequest', createAdminGuard({ access: 'loopback', token: process.env.MFA_SANDBOX_ADMIN_TOKEN }));
 */
export function createAdminGuard(options: AdminGuardOptions, prefix = '/__admin') {
  const expected = options.token === undefined ? undefined : digest(options.token);
  const refuseForeignPage = createForeignPageCheck(options.cors ?? 'any', options.access);
  return async function adminGuard(request: FastifyRequest): Promise<void> {
    const route = request.routeOptions.url?.slice(prefix.length);
    if (route !== undefined && OPEN_ROUTES.has(`${request.method} ${route}`)) return;
    refuseRemoteClient(request, options.access, 'The admin API');
    refuseForeignPage?.(request);
    if (!expected) return;
    if (!presentsToken(request, expected)) {
      throw new SandboxError('MOCK_ERR_ADMIN_UNAUTHORIZED', 'This sandbox requires its admin token: send "Authorization: Bearer <admin token>"', {
        hint: `the token is the one given with --admin-token or MFA_SANDBOX_ADMIN_TOKEN; a client whose Authorization carries a vendor credential sends it as "${ADMIN_TOKEN_HEADER}: <admin token>"`,
      });
    }
  };
}

/**
 * The admin token's own header, beside `Authorization: Bearer`. Pact's Verifier sends one set of custom headers with
 * its provider-state calls and with every vendor request, where Authorization is the vendor's credential: given as
 * Authorization, the admin token replaced it and every vendor request failed; left out, every state call was a 401.
 */
export const ADMIN_TOKEN_HEADER = 'x-mock-admin-token';

/** Whether the request carries the admin token, as a bearer credential or in its own header. */
function presentsToken(request: FastifyRequest, expected: Buffer): boolean {
  const header = request.headers.authorization;
  const bearer = typeof header === 'string' && /^Bearer /i.test(header) ? header.slice('Bearer '.length).trim() : undefined;
  if (bearer !== undefined && sameToken(bearer, expected)) return true;
  const own = request.headers[ADMIN_TOKEN_HEADER];
  return typeof own === 'string' && sameToken(own.trim(), expected);
}

/**
 * An `onRequest` hook for the QA console's page and files: the same clients as the admin API it calls (403 for
 * others, so the page does not load only to fail on every call). No token here: a browser opening the page cannot
 * send one; the console asks for it and sends it with its admin calls.
 */
export function createConsoleGuard(access: AdminGuardOptions['access']) {
  return async function consoleGuard(request: FastifyRequest): Promise<void> {
    refuseRemoteClient(request, access, 'The QA console (and the admin API it calls)');
  };
}

function refuseRemoteClient(request: FastifyRequest, access: AdminGuardOptions['access'], what: string): void {
  const remote = request.socket.remoteAddress;
  if (access === 'any' || isThisMachineAddress(remote)) return;
  throw new SandboxError(
    'MOCK_ERR_ADMIN_FORBIDDEN',
    `${what} answers loopback clients only (127.0.0.1, ::1, or this machine's own addresses); this request came from ${remote ?? 'an unknown address'}`,
    {
      hint: 'start the sandbox with --admin-access any (and --admin-token) to manage it from other hosts',
    },
  );
}
