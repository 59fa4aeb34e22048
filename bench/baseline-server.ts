import { createHmac } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * The benchmark's yardsticks, one per operation class: the cheapest Fastify server that receives the very request
 * mfa-sandbox receives (same method, URL, headers and body) and answers a body of the same shape and size as
 * mfa-sandbox's answer, with nothing else: no logging, no validation, no state, no signature check. That is the limit
 * of a Node HTTP mock on this machine, so each class's "× plain Fastify" is measured against its own route here, never
 * against a cheaper request of another class (a GET is not the limit of a POST that parses a JSON body).
 * Usage: node --import tsx bench/baseline-server.ts <port>
 */

/** `GET /flashback/mfa/status` in the mfa-enabled scenario: the spec's documented example, as the peers answer it. */
const MFA_STATUS = {
  success: true,
  data: { isEnabled: true, isRequired: false, isEnforced: false, enabledMethods: ['GOOGLE_AUTH', 'PASSKEY'], primaryMethod: 'GOOGLE_AUTH' },
};

/** mfa-sandbox's answers to the write toggle, `POST /flashback/mfa/disable` and `/enable`, byte for byte. */
const MFA_DISABLED = { success: true, message: 'MFA method disabled' };
const MFA_ENABLED = { success: true, message: 'MFA method enabled' };

/**
 * mfa-sandbox's GenAuth envelope for `GET /api/v3/get-mfa-status` in mfa-enabled (443 bytes). The sandbox draws a
 * fresh `requestId` (a UUID) and `mfaToken` (32 characters) per request; here they are fixed strings of the same
 * length, since the limit serves the body and nothing else.
 */
const GENAUTH_MFA_STATUS = {
  statusCode: 200,
  message: 'Operation successful',
  requestId: '1551f9b0-fe70-4378-954f-84393c1ff5cf',
  data: {
    mfaToken: 'JBn8HkMh0JoI5FCRzqsoeQUNidI8ZlQ0',
    mfaPhone: null,
    mfaPhoneCountryCode: null,
    mfaEmail: null,
    nickname: 'Ada',
    username: 'ada',
    phone: '132xxxxx1234',
    phoneCountryCode: '+86',
    faceMfaEnabled: true,
    totpMfaEnabled: true,
    applicationMfa: [
      { mfaPolicy: 'OTP', status: 1, sort: 0 },
      { mfaPolicy: 'EMAIL', status: 1, sort: 1 },
    ],
  },
};

/** The access key secret of the shipped GenAuth scenarios, which the bench signs with. */
const GENAUTH_SECRET = 'genauth-sandbox-secret';

/**
 * With BASELINE_CHECK_SIGNATURE=1 the GenAuth route also checks the request's signature, with nothing else: the string
 * to sign as the vendor SDK builds it (method, the sorted `date` and `x-genauth-*` headers, the path and sorted query),
 * Node's HMAC-SHA1 and a comparison; no date window, no replay check, no validation. Not a limit the goals are judged
 * on: a yardstick for how much of a signed request's cost is the signature itself (written here from the vendor's
 * algorithm, not with the sandbox's own modules).
 */
async function checkedGenAuthStatus(request: FastifyRequest, reply: FastifyReply) {
  const presented = /^GenAuth ([^:\s]+):(\S+)$/.exec(String(request.headers.authorization ?? ''));
  const signedNames = Object.keys(request.headers)
    .filter((name) => name === 'date' || name.startsWith('x-genauth-'))
    .sort();
  const canonicalHeaders = signedNames.map((name) => `${name}:${String(request.headers[name]).trim()}\n`).join('');
  const query = request.query as Record<string, string>;
  const resource = `/api/v3/get-mfa-status?${Object.keys(query)
    .sort()
    .map((key) => `${key}=${query[key]}`)
    .join('&')}`;
  const expected = createHmac('sha1', GENAUTH_SECRET).update(`GET\n${canonicalHeaders}${resource}`, 'utf8').digest('base64');
  if (presented?.[2] !== expected) return reply.code(401).send({ statusCode: 401, message: 'signature mismatch' });
  return GENAUTH_MFA_STATUS;
}

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.get('/flashback/mfa/status', async () => MFA_STATUS);
// Fastify's default JSON parser reads and parses the body before the handler runs, as it does for the sandbox.
app.post('/flashback/mfa/disable', async () => MFA_DISABLED);
app.post('/flashback/mfa/enable', async () => MFA_ENABLED);
// Same URL and query as the sandbox's GenAuth route; the signed headers arrive and are ignored.
app.get('/genauth/api/v3/get-mfa-status', process.env.BASELINE_CHECK_SIGNATURE === '1' ? checkedGenAuthStatus : async () => GENAUTH_MFA_STATUS);
await app.listen({ port, host: '127.0.0.1' });

const stop = async () => {
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
