import { compareAnswers, type FieldComparison } from '../conformance/compare-answers.js';
import type { SessionRegistry } from '../engine/session-registry.js';
import type { World } from '../engine/world.js';
import { SESSION_HEADER } from '../pipeline/request-context.js';
import { toSurface, type SurfaceId } from '../surfaces/registry.js';
import type { ReplayedRequest } from '../surfaces/surface-descriptor.js';
import type { SandboxComparer } from './exchange-recorder.js';
import { toCheckedBody } from './exchange-recorder.js';
import { withoutHopByHop, type HeaderLines } from './forward-to-upstream.js';
import { credentialValuesOf, redactFieldValue } from './redact-credentials.js';
import { createTwinCredentials, type TwinUser } from './twin-credentials.js';

/** The sandbox as the proxy asks it: one request in, one answer out (cli.ts hands in Fastify's `inject`). */
export type SandboxAnswerer = (request: { method: string; url: string; headers: Record<string, string>; body: Buffer }) => Promise<{
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}>;

/** The one session the sandbox twin runs in: it sees the same requests, in order, as the upstream. */
export const TWIN_SESSION = 'proxy';

/** Headers that carry the upstream's credentials: the sandbox gets its own instead. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'host', 'content-length', SESSION_HEADER];

function toRecord(headers: HeaderLines): Record<string, string> {
  return Object.fromEntries(headers.map(([name, value]) => [name.toLowerCase(), value]));
}

/** The bearer token of the surface's provider-state user (the user the scenarios are written around), else any. */
function tokenOf(world: World, user: string): string | undefined {
  const tokens = Object.entries(world.tokens);
  return (tokens.find(([, userId]) => userId === user) ?? tokens[0])?.[0];
}

/** The provider-state user's e-mail and password, where the vendor signs in with them (a default password). */
function twinUserOf(world: World, user: string, defaultPassword: string | undefined): TwinUser | undefined {
  const found = world.users[user];
  return found && defaultPassword !== undefined ? { email: found.email, password: found.password ?? defaultPassword } : undefined;
}

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * What the sandbox user signs in with where the vendor refused the app's sign-in (401): its own address and a password
 * it does not have, so the sandbox refuses the sign-in too, as the vendor did (a negative test agrees on both sides).
 */
const REFUSED_PASSWORD = '\u0000not the sandbox password';

/** A request field an app sends an e-mailed or texted code in (nest-auth's `otp`, a `code`), and what such a code is. */
const SENT_CODE_FIELD = /^(otp|code)$/i;
const SENT_CODE = /^\d{4,8}$/;

/** The newest code the sandbox e-mailed or texted the user that is still unused and unexpired, if any. */
function latestSentCode(world: World, userId: string, nowMs: number): string | undefined {
  for (let index = world.sentCodes.length - 1; index >= 0; index--) {
    const sent = world.sentCodes[index]!;
    if (sent.userId === userId && !sent.used && Date.parse(sent.expiresAt) > nowMs) return sent.code;
  }
  return undefined;
}

/**
 * A code the vendor e-mailed or texted reaches only the app: where the vendor accepted the one the app sent, the
 * sandbox gets the one it sent its own user for the same challenge (as a TOTP code of its own secret stands in for
 * one of the vendor's); a code the vendor refused goes as sent, so both sides refuse it. Changes `twinBody` in place.
 */
function withSandboxSentCode(twinBody: Record<string, unknown>, sentBody: Record<string, unknown>, world: World, userId: string, nowMs: number): void {
  const code = latestSentCode(world, userId, nowMs);
  if (code === undefined) return;
  for (const [field, value] of Object.entries(twinBody)) {
    // Untouched by the pairing (not a TOTP code of a secret the proxy followed, nor a recovery code).
    if (SENT_CODE_FIELD.test(field) && typeof value === 'string' && SENT_CODE.test(value) && value === sentBody[field]) twinBody[field] = code;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Compare each exchange with the sandbox's answer to the same request: sent in one sandbox session (`proxy`), so the
 * sandbox's state follows the same sequence, with the upstream's credentials swapped for the sandbox scenario's own
 * (the provider-state user's bearer token, or GenAuth's signature with the scenario's access key). A request that
 * carried no credentials goes without. Tokens the app got by signing in are followed (twin-credentials.ts): the
 * sandbox's own from the same sign-in stand in for them, so a sign-out and a new sign-in play out on both sides.
 * Fields are compared as `compareAnswers` classifies them (ids, times and secrets by shape only), so the differences
 * it reports never hold a secret.
 *
 * @example
 * const compare = createSandboxComparer({ surface: 'nest-auth', sessions, answer });
 * await compare(exchange, { operationId: 'getMfaStatus', body, schema }) // { agreeing: 9, compared: 10, differences: [...] }
 */
export function createSandboxComparer(options: { surface: SurfaceId; sessions: SessionRegistry; answer: SandboxAnswerer }): SandboxComparer {
  const descriptor = toSurface(options.surface);
  const { sessions, surface } = options;
  const credentials = createTwinCredentials();
  return async (exchange, upstream) => {
    const { request, response } = exchange;
    const sentCredentials = request.headers.some(([name]) => ['authorization', 'cookie'].includes(name.toLowerCase()));
    const headers: Record<string, string> = { ...toRecord(withoutHopByHop(request.headers, CREDENTIAL_HEADERS)), [SESSION_HEADER]: TWIN_SESSION };
    // A header holding a token the app got from a sign-in (nest-auth's device trust) carries the sandbox's.
    for (const [name, value] of Object.entries(headers)) headers[name] = credentials.tokenFor(value) ?? value;
    const current = await sessions.update(TWIN_SESSION, (session) => ({
      world: sessions.world(session, sessions.scenarioFor(session, surface)),
      nowMs: sessions.nowOf(session),
    }));
    // The vendor refused the request's credentials: the sandbox gets credentials it refuses too (see below).
    const refused = response.status === 401;
    const ownUser = twinUserOf(current.world, descriptor.providerStateUser, descriptor.defaultPassword);
    const twinUser = refused && ownUser ? { ...ownUser, password: REFUSED_PASSWORD } : ownUser;
    // A path naming something the upstream made (a device id) names the sandbox's own in its place.
    const target = credentials.toTwinTarget(request.target);
    const requestBody = toCheckedBody(request.body, request.headers);
    const isForm = /^application\/x-www-form-urlencoded/i.test(headers['content-type'] ?? '');
    const twinRequestBody =
      typeof requestBody === 'string' && isForm
        ? credentials.toTwinForm(requestBody, twinUser, current.nowMs)
        : requestBody !== undefined && typeof requestBody === 'object'
          ? credentials.toTwinBody(requestBody, twinUser, current.nowMs)
          : requestBody;
    if (response.status >= 200 && response.status < 300 && isObject(twinRequestBody) && isObject(requestBody))
      withSandboxSentCode(twinRequestBody, requestBody, current.world, descriptor.providerStateUser, current.nowMs);
    // The bytes as sent unless a credential in them changed (then plain text: a compressed body is sent decoded).
    const unchanged = JSON.stringify(twinRequestBody) === JSON.stringify(requestBody);
    const body = unchanged ? request.body : Buffer.from(typeof twinRequestBody === 'string' ? twinRequestBody : JSON.stringify(twinRequestBody));
    if (!unchanged) delete headers['content-encoding'];
    if (sentCredentials) {
      if (descriptor.requestSigning) {
        const replayed: ReplayedRequest = { method: request.method, url: target, headers, body: twinRequestBody };
        descriptor.requestSigning.sign(replayed, current.world, current.nowMs);
      } else {
        const authorization = request.headers.find(([name]) => name.toLowerCase() === 'authorization')?.[1];
        const sent = BEARER.exec(authorization ?? '')?.[1];
        const paired = sent && credentials.tokenFor(sent);
        // A token no sign-in paired that the vendor refused (a junk token, an expired one) goes as sent: the sandbox
        // does not know it either. One the vendor took stands for its user: the sandbox's own user's token goes.
        if (!paired && refused && authorization !== undefined) headers.authorization = authorization;
        else {
          const token = paired || tokenOf(current.world, descriptor.providerStateUser);
          if (token !== undefined) headers.authorization = `Bearer ${token}`;
        }
      }
    }
    const answer = await options.answer({ method: request.method, url: target, headers, body });
    const sandboxBody = toCheckedBody(answer.body, Object.entries(answer.headers));
    credentials.learn(upstream.body, sandboxBody);
    // Each side's own address reads as `<email>` where an answer echoes it (an otpauth URL's account).
    const emails =
      credentials.upstreamEmail !== undefined && twinUser ? { upstream: { email: credentials.upstreamEmail }, sandbox: { email: twinUser.email } } : undefined;
    const compared = compareAnswers(
      { status: response.status, body: upstream.body, requestBody, ...(emails ? { known: emails.upstream } : {}) },
      { status: answer.status, body: sandboxBody, requestBody: twinRequestBody, ...(emails ? { known: emails.sandbox } : {}) },
      { schema: upstream.schema },
    );
    // compareAnswers shows the secrets it knows by shape: a secret's shape is kept (`<base32 16>` against `<base32 32>`
    // says how the two differ; `[redacted]` on both sides said nothing). A field it does not know as one (backupCodes
    // inside an object that differs whole) is redacted here, so no credential reaches the report.
    const known = credentialValuesOf(request.headers);
    const shown = (field: FieldComparison, value: unknown) =>
      field.class === 'secret' && typeof value === 'string' ? value : redactFieldValue(field.path, value, known);
    const differences = compared.fields.flatMap((field) =>
      field.outcome === 'agree'
        ? []
        : [
            {
              path: field.path,
              outcome: field.outcome,
              ...('upstream' in field ? { upstream: shown(field, field.upstream) } : {}),
              ...('sandbox' in field ? { sandbox: shown(field, field.sandbox) } : {}),
            },
          ],
    );
    return { agreeing: compared.agreeing, compared: compared.compared, differences };
  };
}
