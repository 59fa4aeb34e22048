import type { SurfaceId } from '../../src/surfaces/registry.js';
import { GENAUTH_ACCESS_KEY } from './genauth-signer.js';
import { authenticatorCode } from './totp.js';
import { toHttpRequest, type Credentials, type HttpResponse, type Transport, type VendorRequest } from './vendor-request.js';

/**
 * The full enrolment and status flow of each surface, in the default scenario, as a client would walk it: read the
 * status, enrol TOTP with a code from an independent authenticator (RFC 6238), and read the status again. Each flow
 * marks its session's state with something only that session can know (its own secret, its own device name or e-mail),
 * and checks that what it reads back is exactly its own: that is how concurrent runs detect cross-session leakage.
 *
 * Flows throw a `FlowError` naming the step; they never use a test framework's expect, so the soak can count errors.
 */

export class FlowError extends Error {
  override name = 'FlowError';
}

export interface FlowResult {
  /** Requests sent, each answered as the flow expected. */
  requests: number;
  /** What this session's state now holds that no other session's can (a TOTP secret, a device name, an e-mail). */
  marker: string;
}

export type EnrolmentFlow = (send: Transport, session: string) => Promise<FlowResult>;

const FLASHBACK_ADA: Credentials = { kind: 'bearer', token: 'flashback-token-ada' };
const NEST_AUTH_ADA: Credentials = { kind: 'bearer', token: 'nest-auth-token-ada' };
const LERIAN_JOHN: Credentials = { kind: 'bearer', token: 'lerian-token-johndoe' };
const GENAUTH_KEY: Credentials = { kind: 'access-key', ...GENAUTH_ACCESS_KEY };
export const LERIAN_JOHN_ID = '019c96a0-0c21-71f9-a487-66a1258278a1';
export const GENAUTH_USER_ID = '6229ffaxxxxxxxxcade3e3d9';

function check(condition: unknown, step: string, response: HttpResponse): asserts condition {
  if (!condition) throw new FlowError(`${step}: unexpected answer ${response.status} ${response.text.slice(0, 300)}`);
}

/** A client for one surface and session: every call goes through `send`, counted. */
function client(surface: SurfaceId, credentials: Credentials, send: Transport, session: string) {
  let requests = 0;
  return {
    get requests() {
      return requests;
    },
    async call(method: string, path: string, options: Pick<VendorRequest, 'query' | 'body'> = {}): Promise<HttpResponse> {
      requests++;
      return send(toHttpRequest({ surface, method, path, credentials, session, ...options }));
    },
  };
}

async function flashbackFlow(send: Transport, session: string): Promise<FlowResult> {
  const ada = client('flashback', FLASHBACK_ADA, send, session);
  const before = await ada.call('GET', '/mfa/status');
  check(before.status === 200 && before.data?.data?.isEnabled === false, 'flashback status before enrolment', before);
  const setup = await ada.call('POST', '/mfa/setup', { body: { mfaType: 'GOOGLE_AUTH' } });
  const secret: unknown = setup.data?.data?.secret;
  check(setup.status === 200 && typeof secret === 'string', 'flashback setup', setup);
  const verify = await ada.call('POST', '/mfa/verify-setup', { body: { mfaType: 'GOOGLE_AUTH', code: authenticatorCode(secret) } });
  check(verify.status === 200 && verify.data?.success === true, 'flashback verify-setup with a real code', verify);
  const after = await ada.call('GET', '/mfa/status');
  check(after.status === 200 && JSON.stringify(after.data?.data?.enabledMethods) === '["GOOGLE_AUTH"]', 'flashback status after enrolment', after);
  return { requests: ada.requests, marker: secret };
}

async function nestAuthFlow(send: Transport, session: string): Promise<FlowResult> {
  const ada = client('nest-auth', NEST_AUTH_ADA, send, session);
  const before = await ada.call('GET', '/auth/mfa/status');
  check(before.status === 200 && !before.data?.verifiedMethods?.includes('totp'), 'nest-auth status before enrolment', before);
  const setup = await ada.call('POST', '/auth/mfa/setup-totp', { body: { deviceName: session } });
  const secret: unknown = setup.data?.secret;
  check(setup.status === 200 && typeof secret === 'string', 'nest-auth setup-totp', setup);
  const verify = await ada.call('POST', '/auth/mfa/verify-totp-setup', { body: { otp: authenticatorCode(secret), secret } });
  check(verify.status === 200, 'nest-auth verify-totp-setup with a real code', verify);
  const devices = await ada.call('GET', '/auth/mfa/devices');
  const names = Array.isArray(devices.data)
    ? devices.data.map((device: { deviceName: string; verified: boolean }) => `${device.deviceName}:${device.verified}`)
    : [];
  check(
    devices.status === 200 && JSON.stringify(names) === JSON.stringify([`${session}:true`]),
    "nest-auth devices list exactly this session's device",
    devices,
  );
  const after = await ada.call('GET', '/auth/mfa/status');
  check(after.status === 200 && after.data?.verifiedMethods?.includes('totp'), 'nest-auth status after enrolment', after);
  return { requests: ada.requests, marker: secret };
}

async function lerianFlow(send: Transport, session: string): Promise<FlowResult> {
  const john = client('lerian', LERIAN_JOHN, send, session);
  const path = `/v1/users/${LERIAN_JOHN_ID}/mfa`;
  const before = await john.call('GET', path);
  check(before.status === 200 && before.data?.totpEnabled === false, 'lerian status before enrolment', before);
  const setup = await john.call('POST', `${path}/setup`, { body: { mfaType: 'app' } });
  const secret: unknown = setup.data?.secret;
  const recoveryCode: unknown = setup.data?.recoveryCodes?.[0];
  check(setup.status === 200 && typeof secret === 'string' && typeof recoveryCode === 'string', 'lerian setup', setup);
  const verify = await john.call('POST', `${path}/verify`, { body: { mfaType: 'app', secret, passcode: authenticatorCode(secret) } });
  check(verify.status === 200 && verify.data?.verified === true, 'lerian verify with a real code', verify);
  const enable = await john.call('POST', `${path}/enable`, { body: { mfaType: 'app', secret, recoveryCode } });
  check(enable.status === 200 && enable.data?.enabled === true, 'lerian enable', enable);
  const after = await john.call('GET', path);
  check(after.status === 200 && after.data?.totpEnabled === true && JSON.stringify(after.data?.methods) === '["app"]', 'lerian status after enrolment', after);
  return { requests: john.requests, marker: secret };
}

async function genauthFlow(send: Transport, session: string): Promise<FlowResult> {
  const key = client('genauth', GENAUTH_KEY, send, session);
  const statusQuery = { userId: GENAUTH_USER_ID, userIdType: 'user_id' };
  const before = await key.call('GET', '/api/v3/get-mfa-status', { query: statusQuery });
  check(before.status === 200 && before.data?.statusCode === 200 && before.data?.data?.totpMfaEnabled === false, 'genauth status before enrolment', before);
  const email = `${session.replace(/[^A-Za-z0-9.-]/g, '-')}@example.com`;
  const mfaTriggerData = { mfaToken: 'xxxxxxx', applicationMfa: [], totpMfaEnabled: true, mfaEmail: email };
  const set = await key.call('POST', '/api/v3/set-mfa-status', { body: { userId: GENAUTH_USER_ID, mfaTriggerData } });
  check(set.status === 200 && set.data?.statusCode === 200, 'genauth set-mfa-status', set);
  const after = await key.call('GET', '/api/v3/get-mfa-status', { query: statusQuery });
  check(
    after.data?.statusCode === 200 && after.data?.data?.totpMfaEnabled === true && after.data?.data?.mfaEmail === email,
    "genauth status shows this session's enrolment",
    after,
  );
  const info = await key.call('GET', '/api/v3/get-user-mfa-info', { query: { userId: GENAUTH_USER_ID } });
  check(
    info.data?.statusCode === 200 && info.data?.data?.totpStatus === 'enabled' && info.data?.data?.emailMfaStatus === 'enabled',
    'genauth mfa info after enrolment',
    info,
  );
  return { requests: key.requests, marker: email };
}

/** One flow per surface; `send` must reach that surface's base URL. */
export const ENROLMENT_FLOWS: Record<SurfaceId, EnrolmentFlow> = {
  flashback: flashbackFlow,
  'nest-auth': nestAuthFlow,
  lerian: lerianFlow,
  genauth: genauthFlow,
};
