import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Exchange, PerSide, SideContext, StepRequest } from './catalogue-flow.js';
import { toShownBody } from './compare-answers.js';

/** A request as one side sent it: what the spec check and the comparison need, and a description safe to show. */
export interface SentRequest {
  method: string;
  /** The path as sent, relative to the side's base URL. */
  path: string;
  /** The JSON body as sent (undefined for none or a raw text body). */
  body: unknown;
  /** e.g. `POST /auth/mfa/verify [Bearer <token>] {"method":"totp","otp":"<digits 6>"}`: no secret, no token. */
  description: string;
}

/** Where a side lives and what every request to it carries (e.g. the sandbox's session header). */
export interface SideTarget {
  baseUrl: string;
  headers: Readonly<Record<string, string>>;
  /** Sign a request (GenAuth access keys): headers to add. */
  sign?(request: { method: string; path: string; body: string | undefined }): Promise<Record<string, string>> | Record<string, string>;
  /** How long an answer may take, whole body included (none: as long as it takes). */
  timeoutMs?: number;
}

export async function resolvePerSide<T>(value: PerSide<T> | undefined, ctx: SideContext): Promise<T | undefined> {
  return typeof value === 'function' ? await (value as (ctx: SideContext) => T | Promise<T>)(ctx) : value;
}

/** The upstream could not be reached at all (refused, DNS, TLS...): the run stops with a usage error, not a score. */
export class UnreachableError extends Error {
  override name = 'UnreachableError';
}

function toAuthorization(auth: string, ctx: SideContext): { header: string | undefined; shown: string } {
  if (auth === 'token') return ctx.token ? { header: `Bearer ${ctx.token}`, shown: 'Bearer <token>' } : { header: undefined, shown: '(no token)' };
  if (auth === 'none') return { header: undefined, shown: '(no authorization)' };
  return { header: auth, shown: auth.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/, '<jwt>').replace(ctx.token ?? '\0', '<token>') };
}

const COMPRESSORS: Record<NonNullable<StepRequest['compress']>, (text: string) => Buffer> = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync };

/** A raw body longer than this is shown cut, with its size: a step that pads a body to 100 KB put all of it in the report. */
const SHOWN_TEXT_CHARACTERS = 200;

function toShownText(text: string): string {
  return text.length <= SHOWN_TEXT_CHARACTERS ? text : `${text.slice(0, SHOWN_TEXT_CHARACTERS)}… (${Buffer.byteLength(text)} bytes)`;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Send one step's request to one side, as that side's user; answer the exchange and the request as sent.
 *
 * @example
 * await sendStep({ baseUrl: 'http://127.0.0.1:3000', headers: {} }, { method: 'GET', path: '/auth/mfa/status' }, ctx)
 */
export async function sendStep(target: SideTarget, request: StepRequest, ctx: SideContext): Promise<{ exchange: Exchange; sent: SentRequest }> {
  const path = (await resolvePerSide(request.path, ctx))!;
  const authorization = toAuthorization((await resolvePerSide(request.auth, ctx)) ?? 'token', ctx);
  const headers: Record<string, string> = { ...target.headers };
  if (authorization.header !== undefined) headers.authorization = authorization.header;
  let text: string | undefined;
  let json: unknown;
  if (request.body !== undefined) {
    const value = await resolvePerSide(request.body, ctx);
    headers['content-type'] = request.contentType ?? 'application/json';
    text = request.contentType ? String(value) : JSON.stringify(value);
    json = request.contentType ? undefined : value;
  }
  if (target.sign) Object.assign(headers, await target.sign({ method: request.method, path, body: text }));
  if (request.compress && text !== undefined) headers['content-encoding'] = request.compress;
  // A step's own headers come last: a step may send a wrong signature or a cookie on purpose.
  Object.assign(headers, (await resolvePerSide(request.headers, ctx)) ?? {});
  const body = request.compress && text !== undefined ? COMPRESSORS[request.compress](text) : text;
  let exchange: Exchange;
  try {
    const signal = target.timeoutMs === undefined ? null : AbortSignal.timeout(target.timeoutMs);
    const response = await fetch(`${target.baseUrl}${path}`, { method: request.method, headers, body: body ?? null, signal });
    exchange = { status: response.status, body: parseBody(await response.text()), headers: Object.fromEntries(response.headers) };
  } catch (error) {
    if ((error as Error).name === 'TimeoutError') {
      throw new UnreachableError(`${target.baseUrl} did not answer ${request.method} ${path} within ${target.timeoutMs! / 1000} s (--upstream-timeout)`);
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new UnreachableError(`cannot reach ${target.baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  }
  const known = { email: ctx.email };
  const compressed = request.compress ? `${request.compress} of ` : '';
  const shownBody =
    text === undefined
      ? ''
      : ` ${compressed}${request.contentType ? `(${request.contentType}) ${toShownText(text)}` : JSON.stringify(toShownBody(json, known))}`;
  const shownPath = path.replaceAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>');
  return { exchange, sent: { method: request.method, path, body: json, description: `${request.method} ${shownPath} [${authorization.shown}]${shownBody}` } };
}
