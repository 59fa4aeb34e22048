import { createHmac, randomBytes } from 'node:crypto';
import { wrongTotp, type Exchange, type JsonBody, type Flow, type FlowDriver, type SideContext, type Step } from './differential.js';

/**
 * The flows of issue 12 item 1, each run with identical requests against the real nest-auth 2.11.1 server and the
 * mock. Every flow starts from a user with nothing set up: on the oracle a freshly signed-up user (so its e-mail exists
 * but is not verified), on the mock Ada in the flow's scenario (`default` unless said otherwise).
 */

// --- steps --------------------------------------------------------------------------------------------------------

const status = (name = 'status'): Step => ({ name, method: 'GET', path: '/auth/mfa/status' });
const devices = (name = 'devices'): Step => ({ name, method: 'GET', path: '/auth/mfa/devices' });
const toggle = (name: string, body: JsonBody): Step => ({ name, method: 'POST', path: '/auth/mfa/toggle', body });
const challenge = (name: string, body: JsonBody): Step => ({ name, method: 'POST', path: '/auth/mfa/challenge', body });
const generateRecoveryCodes = (name = 'generate-recovery-code'): Step => ({
  name,
  method: 'POST',
  path: '/auth/mfa/generate-recovery-code',
  after: (ctx, answer) => {
    if (answer.status !== 200) return;
    const body = answer.body as { codes?: string[]; code?: string };
    ctx.vars.recoveryCodes = body.codes ?? [body.code];
  },
});

function setupTotp(name: string, body: JsonBody = {}): Step {
  return {
    name,
    method: 'POST',
    path: '/auth/mfa/setup-totp',
    body,
    after: (ctx, answer) => {
      if (answer.status !== 200) return;
      ctx.vars.secret = (answer.body as { secret: string }).secret;
    },
  };
}

const verifyTotpSetup = (
  name: string,
  otp: (ctx: SideContext) => string | Promise<string>,
  secret: (ctx: SideContext) => string = (ctx) => ctx.vars.secret,
): Step => ({
  name,
  method: 'POST',
  path: '/auth/mfa/verify-totp-setup',
  body: async (ctx) => ({ otp: await otp(ctx), secret: secret(ctx) }),
});

/** Take the access token a side's answer hands out (login, verify): each side then signs in its own way. */
const takeToken = (ctx: SideContext, answer: Exchange) => {
  const token = (answer.body as { accessToken?: unknown } | undefined)?.accessToken;
  if (answer.status === 200 && typeof token === 'string') ctx.token = token;
};

/** POST /auth/login with the side's own user and password; the token it answers replaces the side's token. */
const login = (name = 'login'): Step => ({
  name,
  method: 'POST',
  path: '/auth/login',
  body: (ctx) => ({ providerName: 'email', credentials: { email: ctx.email, password: ctx.password } }),
  auth: 'none',
  after: takeToken,
});

const verify = (name: string, body: (ctx: SideContext) => unknown): Step => ({ name, method: 'POST', path: '/auth/mfa/verify', body, after: takeToken });

/**
 * The oracle's sql.js stores createdAt with one-second precision, so two devices set up within a second tie and come
 * back in insertion order; a real PostgreSQL/MySQL clock would not tie. Waiting keeps the comparison about ordering.
 */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1_100));

/** Set up a TOTP device and verify it with a real authenticator code (both compared). */
async function enrolTotp(d: FlowDriver, prefix = '', body: JsonBody = {}) {
  await d.step(setupTotp(`${prefix}setup-totp`, body));
  await d.step(verifyTotpSetup(`${prefix}verify-totp-setup`, (ctx) => ctx.nextTotp(ctx.vars.secret)));
}

/** What a side delivered (channel and code format), compared like a body. */
const delivered = (d: FlowDriver) => async (ctx: SideContext) => (await d.sentCodes(ctx)).map((sent) => ({ channel: sent.channel, code: sent.code }));

/** A JWT shaped like the oracle's (HS256, same claims) but signed with another key. */
function forgedJwt(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', sub: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1', sessionId: '4b3c9c9c-0000-4d1e-8d9f-000000000001', type: 'access', isMfaEnabled: false, iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', randomBytes(32)).update(unsigned).digest('base64url')}`;
}

// --- flows --------------------------------------------------------------------------------------------------------

export const flows: Flow[] = [
  {
    name: 'status',
    description: 'GET status of a user who has set nothing up',
    async run(d) {
      await d.step(status('status (nothing set up)'));
    },
  },
  {
    name: 'methods',
    description: 'verifiedMethods/configuredMethods (and their order) before and after a TOTP device; the public client config',
    async run(d) {
      await d.step(status('status before TOTP'));
      await enrolTotp(d);
      await d.step(status('status after TOTP'));
      await d.step({ name: 'client-config (public)', method: 'GET', path: '/auth/client-config', auth: 'none' });
    },
  },
  {
    name: 'setup-totp',
    description: 'setup-totp answers, names and labels, and its validation',
    async run(d) {
      await d.step(setupTotp('setup-totp {}'));
      await nextSecond();
      await d.step(setupTotp('setup-totp {deviceName, label}', { deviceName: 'Pixel 8', label: 'ada-label' }));
      await d.step(devices('devices (two unverified)'));
      await d.step(status('status (two unverified devices)'));
      await d.step(setupTotp('setup-totp {deviceName: 5}', { deviceName: 5 }));
      await d.step(setupTotp('setup-totp deviceName of 129 chars', { deviceName: 'x'.repeat(129) }));
      await d.step({ name: 'setup-totp without a body', method: 'POST', path: '/auth/mfa/setup-totp' });
    },
  },
  {
    name: 'verify-totp-setup',
    description: 'verify setup with a wrong, a right and a reused code; an unknown secret; validation',
    async run(d) {
      await d.step(setupTotp('setup-totp'));
      await d.step({ name: 'missing otp', method: 'POST', path: '/auth/mfa/verify-totp-setup', body: (ctx) => ({ secret: ctx.vars.secret }) });
      await d.step({ name: 'otp as a number', method: 'POST', path: '/auth/mfa/verify-totp-setup', body: (ctx) => ({ otp: 123456, secret: ctx.vars.secret }) });
      await d.step({
        name: 'otp of 5 digits',
        method: 'POST',
        path: '/auth/mfa/verify-totp-setup',
        body: (ctx) => ({ otp: '12345', secret: ctx.vars.secret }),
      });
      await d.step(verifyTotpSetup('wrong code', (ctx) => wrongTotp(ctx.vars.secret)));
      await d.step(status('status (device unverified)'));
      await d.step(verifyTotpSetup('right code', (ctx) => ctx.nextTotp(ctx.vars.secret)));
      await d.step(verifyTotpSetup('reused code, same secret', (ctx) => ctx.lastTotp(ctx.vars.secret)));
      await d.step(verifyTotpSetup('wrong code, secret already verified', (ctx) => wrongTotp(ctx.vars.secret)));
      const stranger = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ';
      await d.step(
        verifyTotpSetup(
          'right code for a secret never issued',
          (ctx) => ctx.nextTotp(stranger),
          () => stranger,
        ),
      );
      await d.step(status('status (device verified)'));
    },
  },
  {
    name: 'devices',
    description: 'list devices; delete a known, an already-deleted, an unknown and a malformed id',
    async run(d) {
      await d.step(devices('devices (none)'));
      await enrolTotp(d, 'first ');
      await nextSecond();
      await d.step(setupTotp('second setup-totp {deviceName: spare}', { deviceName: 'spare' }));
      await d.step({
        ...devices('devices (verified + unverified)'),
        after: (ctx, answer) =>
          void (ctx.vars.spareId = (answer.body as Array<{ id: string; deviceName: string }>).find((device) => device.deviceName === 'spare')?.id),
      });
      await d.step({ name: 'delete known device', method: 'DELETE', path: (ctx) => `/auth/mfa/devices/${ctx.vars.spareId}` });
      await d.step({ name: 'delete it again', method: 'DELETE', path: (ctx) => `/auth/mfa/devices/${ctx.vars.spareId}` });
      await d.step({ name: 'delete unknown uuid', method: 'DELETE', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000' });
      await d.step({ name: 'delete malformed id', method: 'DELETE', path: '/auth/mfa/devices/not-a-device' });
      await d.step(devices('devices (one left)'));
    },
  },
  {
    name: 'toggle',
    description: 'toggle on (e-mail counts as a verified method) and off',
    async run(d) {
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(status('status (enabled)'));
      await d.step(toggle('toggle on again', { enabled: true }));
      await d.step(toggle('toggle off', { enabled: false }));
      await d.step(status('status (disabled)'));
    },
  },
  {
    name: 'toggle-not-allowed',
    description: 'allowUserToggle false (oracle: app option; mock: policy patched into the session world, no scenario has it)',
    setup: { realMfa: { allowUserToggle: false }, mockPolicy: { allowUserToggle: false } },
    async run(d) {
      await d.step(status());
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(toggle('toggle off', { enabled: false }));
    },
  },
  {
    name: 'totp-only',
    description: 'methods [totp] (mock scenario totp-only): enable without a device',
    setup: { realMfa: { methods: ['totp'] }, mockScenario: 'totp-only' },
    async run(d) {
      await d.step(status());
      await d.step(toggle('toggle on without a device', { enabled: true }));
      await d.step(challenge('challenge email (not offered)', { method: 'email' }));
    },
  },
  {
    name: 'challenge',
    description: 'challenge a configured method (email), TOTP, an unconfigured one (sms), an unknown one, none',
    async run(d) {
      await d.step(challenge('challenge email', { method: 'email' }));
      await d.observe('delivered after email challenge', delivered(d));
      await d.step(challenge('challenge totp', { method: 'totp' }));
      await d.step(challenge('challenge sms (not configured)', { method: 'sms' }));
      await d.step(challenge('challenge unknown method', { method: 'carrier-pigeon' }));
      await d.step(challenge('challenge without method', {}));
      await d.observe('delivered after all challenges', delivered(d));
    },
  },
  {
    name: 'login-totp',
    description: 'login that needs MFA (TOTP): the pre-MFA token on every route, wrong/right/reused codes at verify',
    async run(d) {
      await enrolTotp(d);
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login (MFA on)'));
      await d.step(status('pre-MFA: status'));
      await d.step(devices('pre-MFA: devices'));
      await d.step(toggle('pre-MFA: toggle off', { enabled: false }));
      await d.step({ ...setupTotp('pre-MFA: setup-totp'), after: undefined });
      await d.step(generateRecoveryCodes('pre-MFA: generate-recovery-code'));
      await d.step(verifyTotpSetup('pre-MFA: verify-totp-setup (secret already verified)', (ctx) => wrongTotp(ctx.vars.secret)));
      await d.step({ name: 'pre-MFA: delete unknown device', method: 'DELETE', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000' });
      await d.step({ name: 'pre-MFA: reset-totp', method: 'POST', path: '/auth/mfa/reset-totp', body: { code: 'not-a-recovery-code' } });
      await d.step(verify('verify totp wrong code', (ctx) => ({ method: 'totp', otp: wrongTotp(ctx.vars.secret) })));
      await d.step(verify('verify totp, the code that verified the setup (reuse)', (ctx) => ({ method: 'totp', otp: ctx.lastTotp(ctx.vars.secret) })));
      await d.step(login('login again'));
      await d.step(verify('verify totp right code', async (ctx) => ({ method: 'totp', otp: await ctx.nextTotp(ctx.vars.secret) })));
      await d.step(status('signed in: status'));
      await d.step(devices('signed in: devices (lastUsedAt set?)'));
      await d.step(login('login a third time'));
      await d.step(verify('verify totp, same code as the last sign-in (reuse)', (ctx) => ({ method: 'totp', otp: ctx.lastTotp(ctx.vars.secret) })));
    },
  },
  {
    name: 'login-email',
    description: 'login that needs MFA (e-mail code): challenge, verify, reuse',
    async run(d) {
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login (MFA on)'));
      await d.step(verify('verify email before any challenge', () => ({ method: 'email', otp: '000000' })));
      await d.step(challenge('pre-MFA: challenge email', { method: 'email' }));
      await d.observe('delivered', delivered(d));
      await d.step(verify('verify email wrong code', () => ({ method: 'email', otp: '000000' })));
      await d.step(verify('verify email right code', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx) })));
      await d.step(verify('verify email same code again', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx) })));
      await d.step(status('signed in: status'));
    },
  },
  {
    name: 'login-recovery',
    description: 'login that needs MFA, completed with a recovery code (POST /auth/mfa/verify-recovery-code)',
    async run(d) {
      await enrolTotp(d);
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(generateRecoveryCodes());
      await d.step(login('login (MFA on)'));
      await d.step({ name: 'verify-recovery-code wrong', method: 'POST', path: '/auth/mfa/verify-recovery-code', body: { code: 'not-a-recovery-code' } });
      await d.step(verify('verify with method recovery', (ctx) => ({ method: 'recovery', otp: ctx.vars.recoveryCodes[0] })));
      await d.step({
        name: 'verify-recovery-code right',
        method: 'POST',
        path: '/auth/mfa/verify-recovery-code',
        body: (ctx) => ({ code: ctx.vars.recoveryCodes[0] }),
        after: takeToken,
      });
      await d.step(status('signed in: status'));
      await d.step(login('login again'));
      await d.step({
        name: 'verify-recovery-code reused',
        method: 'POST',
        path: '/auth/mfa/verify-recovery-code',
        body: (ctx) => ({ code: ctx.vars.recoveryCodes[0] }),
      });
      await d.step({ name: 'verify-recovery-code without code', method: 'POST', path: '/auth/mfa/verify-recovery-code', body: {} });
    },
  },
  {
    name: 'recovery-codes',
    description: 'generate recovery codes (twice) and what status reports',
    async run(d) {
      await d.step(status('status (no codes)'));
      await d.step(generateRecoveryCodes('generate-recovery-code'));
      await d.step(status('status (codes)'));
      await d.step(generateRecoveryCodes('generate-recovery-code again'));
    },
  },
  {
    name: 'reset-totp',
    description: 'reset TOTP with a wrong, missing, right and reused recovery code',
    async run(d) {
      await enrolTotp(d);
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(generateRecoveryCodes());
      await d.step({ name: 'reset-totp wrong code', method: 'POST', path: '/auth/mfa/reset-totp', body: { code: 'not-a-recovery-code' } });
      await d.step({ name: 'reset-totp without code', method: 'POST', path: '/auth/mfa/reset-totp', body: {} });
      await d.step({ name: 'reset-totp right code', method: 'POST', path: '/auth/mfa/reset-totp', body: (ctx) => ({ code: ctx.vars.recoveryCodes[0] }) });
      await d.step(status('status after reset'));
      await d.step({ name: 'reset-totp reused code', method: 'POST', path: '/auth/mfa/reset-totp', body: (ctx) => ({ code: ctx.vars.recoveryCodes[0] }) });
      await d.step({
        name: 'reset-totp another code of the batch',
        method: 'POST',
        path: '/auth/mfa/reset-totp',
        body: (ctx) => ({ code: ctx.vars.recoveryCodes[1] ?? 'no-second-code' }),
      });
    },
  },
  {
    name: 'org-enforced',
    description:
      'mfa.required true (oracle: app option set after the user enrolled "Work laptop" and switched MFA on; mock: scenario org-enforced, which seeds that device)',
    setup: { mockScenario: 'org-enforced' },
    async run(d) {
      // Seeding, not compared: the oracle's user gets the verified "Work laptop" device the mock scenario seeds and
      // switches MFA on (a scenario user with a verified device has it on), then the app starts requiring MFA (the
      // token signup gave stays a full session, as an existing one would).
      await d.seed('real', setupTotp('seed setup-totp', { deviceName: 'Work laptop' }));
      await d.seed(
        'real',
        verifyTotpSetup('seed verify-totp-setup', (ctx) => ctx.nextTotp(ctx.vars.secret)),
      );
      await d.seed('real', toggle('seed toggle on', { enabled: true }));
      d.ctx('mock').vars.secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
      await d.setRealMfa({ required: true });
      await d.step(status('status'));
      await d.step(toggle('toggle off', { enabled: false }));
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login'));
      await d.step(status('pre-MFA: status'));
      await d.step({ ...setupTotp('pre-MFA: setup-totp'), after: undefined });
      await d.step(verify('verify totp right code', async (ctx) => ({ method: 'totp', otp: await ctx.nextTotp(ctx.vars.secret) })));
      await d.step(status('signed in: status'));
    },
  },
  {
    name: 'required-user-mfa-off',
    description:
      'mfa.required true for a user who never switched MFA on (oracle: app option; mock: policy patched): login says isRequiresMfa but hands out a full session',
    setup: { realMfa: { required: true }, mockPolicy: { required: true } },
    async run(d) {
      await d.step(status('status'));
      await d.step(login('login'));
      await d.step(status('after login: status'));
      await d.step(setupTotp('after login: setup-totp (a full session)'));
      await d.step({
        name: 'verify-recovery-code (MFA is required)',
        method: 'POST',
        path: '/auth/mfa/verify-recovery-code',
        body: { code: 'not-a-recovery-code' },
      });
    },
  },
  {
    name: 'mfa-disabled',
    description: 'mfa.enabled false (oracle: app option; mock: scenario mfa-disabled)',
    setup: { realMfa: { enabled: false }, mockScenario: 'mfa-disabled' },
    async run(d) {
      await d.step(status());
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(devices());
      await d.step(challenge('challenge email', { method: 'email' }));
      await d.step(setupTotp('setup-totp'));
      await d.step(generateRecoveryCodes());
      await d.step(verify('verify email', () => ({ method: 'email', otp: '000000' })));
    },
  },
  {
    name: 'deleted-user',
    description: 'the user is deleted while its token is still held (oracle: row deleted; mock: scenario missing-user)',
    async run(d) {
      await d.step(status('status before'));
      await d.deleteUser();
      await d.step(status('status after delete'));
      await d.step(toggle('toggle after delete', { enabled: true }));
      await d.step(devices('devices after delete'));
      await d.step(challenge('challenge after delete', { method: 'email' }));
    },
  },
  {
    name: 'inactive-user',
    description: 'the user is deactivated while its token is held (oracle: isActive false; mock: admin lock), then reactivated',
    async run(d) {
      await d.deactivateUser();
      await d.step(status('status while inactive'));
      await d.step(toggle('toggle while inactive', { enabled: true }));
      await d.step(verify('verify while inactive', () => ({ method: 'email', otp: '000000' })));
      await d.deactivateUser(true);
      await d.step(status('status reactivated'));
    },
  },
  {
    name: 'auth',
    description: 'missing, malformed, unknown and forged credentials',
    async run(d) {
      const forged = forgedJwt();
      await d.step({ ...status('no authorization'), auth: 'none' });
      await d.step({ ...status('Bearer not-a-token'), auth: 'Bearer not-a-token' });
      await d.step({ ...status('Bearer without token'), auth: 'Bearer' });
      await d.step({ ...status('Bearer with two spaces'), auth: (ctx) => `Bearer  ${ctx.token}` });
      await d.step({ ...status('lower-case bearer'), auth: (ctx) => `bearer ${ctx.token}` });
      await d.step({ ...status('token in the accessToken cookie'), auth: 'none', headers: (ctx) => ({ cookie: `accessToken=${ctx.token}` }) });
      await d.step({
        ...toggle('POST with the token in the accessToken cookie', { enabled: false }),
        auth: 'none',
        headers: (ctx) => ({ cookie: `accessToken=${ctx.token}` }),
      });
      await d.step({ ...status('Basic credentials'), auth: 'Basic YWRhOnNlY3JldA==' });
      await d.step({ ...status('ApiKey malformed'), auth: 'ApiKey abc' });
      await d.step({ ...status('forged JWT'), auth: `Bearer ${forged}` });
      await d.step({ ...toggle('toggle, no authorization', { enabled: true }), auth: 'none' });
      await d.step({ ...verify('verify, no authorization', () => ({ method: 'totp', otp: '123456' })), auth: 'none' });
      await d.step({ name: 'delete device, no authorization', method: 'DELETE', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000', auth: 'none' });
      await d.step({ name: 'unknown route', method: 'GET', path: '/auth/mfa/nope' });
    },
  },
  {
    name: 'validation',
    description: 'request bodies the global ValidationPipe (whitelist, transform) refuses or strips',
    async run(d) {
      await d.step(toggle('toggle {enabled: "yes"}', { enabled: 'yes' }));
      await d.step(toggle('toggle {}', {}));
      await d.step(toggle('toggle {enabled: null}', { enabled: null }));
      await d.step(toggle('toggle with an extra field', { enabled: false, extra: 1 }));
      await d.step({ name: 'toggle, body not JSON', method: 'POST', path: '/auth/mfa/toggle', body: '{not json', contentType: 'application/json' });
      await d.step({ name: 'toggle, text/plain body', method: 'POST', path: '/auth/mfa/toggle', body: 'enabled=true', contentType: 'text/plain' });
      await d.step(challenge('challenge {method: 5}', { method: 5 }));
      await d.step({ name: 'verify-totp-setup {}', method: 'POST', path: '/auth/mfa/verify-totp-setup', body: {} });
      await d.step({
        name: 'verify-totp-setup {otp: 123456, secret: 7}',
        method: 'POST',
        path: '/auth/mfa/verify-totp-setup',
        body: { otp: 123456, secret: 7 },
      });
      await d.step(verify('verify {}', () => ({})));
      await d.step(verify('verify {method: totp}', () => ({ method: 'totp' })));
      await d.step(verify('verify {method: fax, otp}', () => ({ method: 'fax', otp: '123456' })));
      await d.step(verify('verify otp of 4 digits', () => ({ method: 'totp', otp: '1234' })));
      await d.step(verify('verify {rememberDevice: "yes"}', () => ({ method: 'totp', otp: '123456', rememberDevice: 'yes' })));
      await d.step({ name: 'reset-totp {code: 5}', method: 'POST', path: '/auth/mfa/reset-totp', body: { code: 5 } });
    },
  },
];
