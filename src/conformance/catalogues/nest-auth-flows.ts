import { recoveryCodeOf, secretOf, type CatalogueFlow } from '../catalogue-flow.js';
import { wrongTotp } from '../totp-codes.js';
import {
  challenge,
  devices,
  enrolTotp,
  forgedJwt,
  generateRecoveryCodes,
  login,
  nextSecond,
  setupTotp,
  status,
  toggle,
  verify,
  verifyRecoveryCode,
  verifyTotpSetup,
} from './nest-auth-steps.js';

/** A challenge for each kind of method, compared by answer only (what a challenge delivered is the upstream's mailer's). */
export const challengeFlow: CatalogueFlow = {
  name: 'challenge',
  description: 'challenge a configured method (email), TOTP, an unconfigured one (sms), an unknown one, none',
  async run(d) {
    await d.step(challenge('challenge email', { method: 'email' }));
    await d.step(challenge('challenge totp', { method: 'totp' }));
    await d.step(challenge('challenge sms (not configured)', { method: 'sms' }));
    await d.step(challenge('challenge unknown method', { method: 'carrier-pigeon' }));
    await d.step(challenge('challenge without method', {}));
    await d.step({ ...challenge('challenge email, path with a trailing slash', { method: 'email' }), path: '/auth/mfa/challenge/' });
  },
};

/**
 * The nest-auth flows that need nothing but HTTP and a user: safe on a real deployment (they touch only that user's
 * MFA devices, switch and recovery codes). The test suite runs them against the real 2.11.1 server too, beside flows
 * that need the server's insides (its mailer, its options, deleting a user).
 */
export const nestAuthFlows: CatalogueFlow[] = [
  {
    name: 'status',
    description: 'GET status of a user who has set nothing up, also at the path with a trailing slash and in other letters (Express routes both)',
    async run(d) {
      await d.step(status('status (nothing set up)'));
      await d.step({ ...status('status, path with a trailing slash'), path: '/auth/mfa/status/' });
      await d.step({ ...status('status, path in other letter case'), path: '/Auth/MFA/Status' });
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
      await d.step({ name: 'missing otp', method: 'POST', path: '/auth/mfa/verify-totp-setup', body: (ctx) => ({ secret: secretOf(ctx) }) });
      await d.step({ name: 'otp as a number', method: 'POST', path: '/auth/mfa/verify-totp-setup', body: (ctx) => ({ otp: 123456, secret: secretOf(ctx) }) });
      await d.step({
        name: 'otp of 5 digits',
        method: 'POST',
        path: '/auth/mfa/verify-totp-setup',
        body: (ctx) => ({ otp: '12345', secret: secretOf(ctx) }),
      });
      await d.step(verifyTotpSetup('wrong code', (ctx) => wrongTotp(secretOf(ctx))));
      await d.step(status('status (device unverified)'));
      await d.step(verifyTotpSetup('right code', (ctx) => ctx.nextTotp(secretOf(ctx))));
      await d.step(verifyTotpSetup('reused code, same secret', (ctx) => ctx.lastTotp(secretOf(ctx))));
      await d.step(verifyTotpSetup('wrong code, secret already verified', (ctx) => wrongTotp(secretOf(ctx))));
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
      await d.step({ name: 'delete known device', method: 'DELETE', path: (ctx) => `/auth/mfa/devices/${String(ctx.vars.spareId)}` });
      await d.step({ name: 'delete it again', method: 'DELETE', path: (ctx) => `/auth/mfa/devices/${String(ctx.vars.spareId)}` });
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
  challengeFlow,
  {
    name: 'login-totp',
    description: 'login that needs MFA (TOTP): the pre-MFA token on every route, wrong/right/reused codes at verify',
    needs: ['password'],
    async run(d) {
      await enrolTotp(d);
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login (MFA on)'));
      await d.step(status('pre-MFA: status'));
      await d.step(devices('pre-MFA: devices'));
      await d.step(toggle('pre-MFA: toggle off', { enabled: false }));
      await d.step({ ...setupTotp('pre-MFA: setup-totp'), after: undefined });
      await d.step(generateRecoveryCodes('pre-MFA: generate-recovery-code'));
      await d.step(verifyTotpSetup('pre-MFA: verify-totp-setup (secret already verified)', (ctx) => wrongTotp(secretOf(ctx))));
      await d.step({ name: 'pre-MFA: delete unknown device', method: 'DELETE', path: '/auth/mfa/devices/00000000-0000-4000-8000-000000000000' });
      await d.step({ name: 'pre-MFA: reset-totp', method: 'POST', path: '/auth/mfa/reset-totp', body: { code: 'not-a-recovery-code' } });
      await d.step(verify('verify totp wrong code', (ctx) => ({ method: 'totp', otp: wrongTotp(secretOf(ctx)) })));
      await d.step(verify('verify totp, the code that verified the setup (reuse)', (ctx) => ({ method: 'totp', otp: ctx.lastTotp(secretOf(ctx)) })));
      await d.step(login('login again'));
      await d.step(verify('verify totp right code', async (ctx) => ({ method: 'totp', otp: await ctx.nextTotp(secretOf(ctx)) })));
      await d.step(status('signed in: status'));
      await d.step(devices('signed in: devices (lastUsedAt set?)'));
      await d.step(login('login a third time'));
      await d.step(verify('verify totp, same code as the last sign-in (reuse)', (ctx) => ({ method: 'totp', otp: ctx.lastTotp(secretOf(ctx)) })));
    },
  },
  {
    name: 'login-recovery',
    description: 'login that needs MFA, completed with a recovery code (POST /auth/mfa/verify-recovery-code)',
    needs: ['password'],
    async run(d) {
      await enrolTotp(d);
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(generateRecoveryCodes());
      await d.step(login('login (MFA on)'));
      await d.step(verifyRecoveryCode('verify-recovery-code wrong', { code: 'not-a-recovery-code' }));
      await d.step(verify('verify with method recovery', (ctx) => ({ method: 'recovery', otp: recoveryCodeOf(ctx, 0) })));
      await d.step(verifyRecoveryCode('verify-recovery-code right', (ctx) => ({ code: recoveryCodeOf(ctx, 0) })));
      await d.step(status('signed in: status'));
      await d.step(login('login again'));
      await d.step(verifyRecoveryCode('verify-recovery-code reused', (ctx) => ({ code: recoveryCodeOf(ctx, 0) })));
      await d.step(verifyRecoveryCode('verify-recovery-code without code', {}));
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
      await d.step({ name: 'reset-totp right code', method: 'POST', path: '/auth/mfa/reset-totp', body: (ctx) => ({ code: recoveryCodeOf(ctx, 0) }) });
      await d.step(status('status after reset'));
      await d.step({ name: 'reset-totp reused code', method: 'POST', path: '/auth/mfa/reset-totp', body: (ctx) => ({ code: recoveryCodeOf(ctx, 0) }) });
      await d.step({
        name: 'reset-totp another code of the batch',
        method: 'POST',
        path: '/auth/mfa/reset-totp',
        body: (ctx) => ({ code: recoveryCodeOf(ctx, 1) }),
      });
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
      // Express's JSON.parse keeps such keys as plain fields, which the pipe strips: answered as without them.
      await d.step({
        name: 'toggle, __proto__ and constructor.prototype keys',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: '{"enabled":false,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
        contentType: 'application/json',
      });
      await d.step({ name: 'toggle, text/plain body', method: 'POST', path: '/auth/mfa/toggle', body: 'enabled=true', contentType: 'text/plain' });
      // NestJS reads forms too (Express's urlencoded parser, extended): every value a string, brackets nest.
      const form = 'application/x-www-form-urlencoded';
      await d.step({ name: 'toggle, form body', method: 'POST', path: '/auth/mfa/toggle', body: 'enabled=true', contentType: form });
      await d.step({ name: 'challenge, form body', method: 'POST', path: '/auth/mfa/challenge', body: 'method=totp&extra[a]=1', contentType: form });
      // The parser reads UTF only (JSON: any utf-*, a form: utf-8) and forms of at most 1,000 parameters, before the guard.
      const latin1 = 'application/json; charset=latin1';
      await d.step({
        name: 'toggle, JSON body in latin1',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: '{"enabled":true}',
        contentType: latin1,
        auth: 'none',
      });
      await d.step({
        name: 'toggle, JSON body in UTF-8 (capitals)',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: '{}',
        contentType: 'application/json; charset=UTF-8',
      });
      await d.step({ name: 'toggle, form body in utf8', method: 'POST', path: '/auth/mfa/toggle', body: 'enabled=true', contentType: `${form}; charset=utf8` });
      const pairs = (count: number) => Array.from({ length: count }, (_, index) => `p${index}=1`).join('&');
      await d.step({ name: 'toggle, form of 1,000 parameters', method: 'POST', path: '/auth/mfa/toggle', body: pairs(1000), contentType: form });
      await d.step({ name: 'toggle, form of 1,001 parameters', method: 'POST', path: '/auth/mfa/toggle', body: pairs(1001), contentType: form, auth: 'none' });
      // And bodies of at most 100 KB (102,400 bytes).
      const padded = (bytes: number) => JSON.stringify({ enabled: 'x', padding: 'x'.repeat(bytes - 28) });
      await d.step({
        name: 'toggle, JSON body of 102,400 bytes',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: padded(102_400),
        contentType: 'application/json',
      });
      await d.step({
        name: 'toggle, JSON body of 102,401 bytes',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: padded(102_401),
        contentType: 'application/json',
      });
      // A compressed body is inflated (gzip, deflate, br); another encoding, or bytes that are not what it says, refused.
      await d.step({ ...toggle('toggle, gzip of {enabled: "yes"}', { enabled: 'yes' }), compress: 'gzip' });
      await d.step({ ...toggle('toggle, br of {enabled: "yes"}', { enabled: 'yes' }), compress: 'br' });
      const sentAs = (encoding: string) => ({ 'content-encoding': encoding });
      await d.step({ ...toggle('toggle, JSON body said to be zstd', { enabled: true }), headers: sentAs('zstd'), auth: 'none' });
      await d.step({ ...toggle('toggle, JSON body said to be gzip, sent plain', { enabled: true }), headers: sentAs('gzip') });
      // x-gzip, gzip's old name (RFC 9110 §8.4.1.3), is no encoding Express's body-parser 2 inflates.
      await d.step({ ...toggle('toggle, gzip of {enabled: "yes"} said to be x-gzip', { enabled: 'yes' }), compress: 'gzip', headers: sentAs('x-gzip') });
      await d.step({
        name: 'toggle, text/plain body said to be zstd',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: 'x',
        contentType: 'text/plain',
        headers: sentAs('zstd'),
      });
      await d.step({ ...toggle('toggle, JSON body in latin1 said to be zstd', { enabled: true }), contentType: latin1, body: '{}', headers: sentAs('zstd') });
      // Express's JSON parser is strict: a top-level value that is not an object or array is malformed, even where the body is optional.
      await d.step({ name: 'toggle, JSON body null', method: 'POST', path: '/auth/mfa/toggle', body: 'null', contentType: 'application/json' });
      await d.step({ name: 'challenge, JSON body 7', method: 'POST', path: '/auth/mfa/challenge', body: ' 7', contentType: 'application/json' });
      // An array is no instance of the DTO: validated as {}, and where {} passes, "object is expected".
      await d.step({ name: 'toggle, JSON body []', method: 'POST', path: '/auth/mfa/toggle', body: '[{"enabled":true}]', contentType: 'application/json' });
      await d.step({ name: 'setup-totp, JSON body []', method: 'POST', path: '/auth/mfa/setup-totp', body: '[]', contentType: 'application/json' });
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
