import { secretOf } from '../../src/conformance/catalogue-flow.js';
import { challengeFlow, nestAuthFlows } from '../../src/conformance/catalogues/nest-auth-flows.js';
import {
  challenge,
  devices,
  generateRecoveryCodes,
  login,
  setupTotp,
  status,
  takeToken,
  toggle,
  verify,
  verifyRecoveryCode,
  verifyTotpSetup,
} from '../../src/conformance/catalogues/nest-auth-steps.js';
import type { Exchange, Step } from '../../src/conformance/catalogue-flow.js';
import type { Flow, FlowDriver, SideContext } from './differential.js';

/**
 * The flows of issue 12 item 1, each run with identical requests against the real nest-auth 2.11.1 server and the
 * mock. Every flow starts from a user with nothing set up: on the oracle a freshly signed-up user (so its e-mail exists
 * but is not verified), on the mock Ada in the flow's scenario (`default` unless said otherwise).
 *
 * The flows that need nothing but HTTP are the product's nest-auth conformance catalogue (src/conformance/catalogues/);
 * those below need the oracle's insides: its mailer (the codes it sent), its options, deleting or deactivating a user.
 */

/** What a side delivered (channel and code format), compared like a body. */
const delivered = (d: FlowDriver) => async (ctx: SideContext) => (await d.sentCodes(ctx)).map((sent) => ({ channel: sent.channel, code: sent.code }));

/** Keep the tokens an answer hands out as `<name>Access` and `<name>Refresh` of the side's vars. */
const keepTokens = (name: string) => (ctx: SideContext, answer: Exchange) => {
  const body = answer.body as { accessToken?: unknown; refreshToken?: unknown } | undefined;
  if (answer.status !== 200 || typeof body?.accessToken !== 'string') return;
  ctx.vars[`${name}Access`] = body.accessToken;
  ctx.vars[`${name}Refresh`] = body.refreshToken;
};
/** A sign-in whose tokens become the side's token and are kept as `<name>…`. */
const loginKeeping = (name: string): Step => ({
  ...login(`login (${name})`),
  after: (ctx, answer) => {
    takeToken(ctx, answer);
    keepTokens(name)(ctx, answer);
  },
});
const bearerOf = (name: string) => (ctx: SideContext) => `Bearer ${String(ctx.vars[`${name}Access`])}`;
const refreshWith = (stepName: string, name: string, keepAs?: string): Step => ({
  name: stepName,
  method: 'POST',
  path: '/auth/refresh-token',
  auth: 'none',
  body: (ctx) => ({ refreshToken: ctx.vars[`${name}Refresh`] }),
  ...(keepAs ? { after: keepTokens(keepAs) } : {}),
});
/** What a side's kept token says of its session, comparable across sides: claim names, kinds, MFA flags, lifetime. */
const claimsOf =
  (name: string, kind: 'Access' | 'Refresh' = 'Access') =>
  async (ctx: SideContext) => {
    const token = String(ctx.vars[`${name}${kind}`]);
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    const { type, isMfaEnabled, isMfaVerified, iat, exp } = claims;
    return { names: Object.keys(claims), type, isMfaEnabled, isMfaVerified, lifetime: Number(exp) - Number(iat) };
  };
const verifySessionWith = (stepName: string, name: string): Step => ({ name: stepName, method: 'GET', path: '/auth/verify-session', auth: bearerOf(name) });

const oracleOnlyFlows: Flow[] = [
  {
    name: 'app-name',
    description: "an app with an appName of its own, 'Acme Corp' (mock: the scenario's policy.appName): the TOTP issuer and the default device name",
    setup: { realAppName: 'Acme Corp', mockPolicy: { appName: 'Acme Corp' } },
    async run(d) {
      await d.step(setupTotp('setup-totp'));
      await d.step(devices('devices'));
    },
  },
  {
    name: 'totp-issuer',
    description: "mfa.totp.issuer 'Acme Auth' beside appName 'Acme Corp' (mock: policy.totpIssuer): the issuer is the one, the device name the other",
    setup: { realAppName: 'Acme Corp', realMfa: { totp: { issuer: 'Acme Auth' } }, mockPolicy: { appName: 'Acme Corp', totpIssuer: 'Acme Auth' } },
    async run(d) {
      await d.step(setupTotp('setup-totp'));
      await d.step(devices('devices'));
    },
  },
  {
    name: 'session-refresh',
    description: 'a session refreshed, then its old refresh token replayed: the replay ends the session and all its tokens',
    async run(d) {
      await d.step(loginKeeping('first'));
      await d.observe('claims of the access token', claimsOf('first'));
      await d.observe('claims of the refresh token', claimsOf('first', 'Refresh'));
      await d.step(verifySessionWith('verify-session', 'first'));
      await d.step({ name: 'me', method: 'GET', path: '/auth/me' });
      await d.step({ name: 'refresh, no body', method: 'POST', path: '/auth/refresh-token', auth: 'none' });
      await d.step({ name: 'refresh {}', method: 'POST', path: '/auth/refresh-token', auth: 'none', body: {} });
      await d.step({ name: 'refresh null', method: 'POST', path: '/auth/refresh-token', auth: 'none', body: { refreshToken: null } });
      await d.step({ name: 'refresh a number', method: 'POST', path: '/auth/refresh-token', auth: 'none', body: { refreshToken: 5 } });
      await d.step({ name: 'refresh not a JWT', method: 'POST', path: '/auth/refresh-token', auth: 'none', body: { refreshToken: 'not-a-jwt' } });
      await d.step(refreshWith('refresh', 'first', 'second'));
      await d.observe('claims of the refreshed access token', claimsOf('second'));
      await d.step(verifySessionWith('verify-session, the access token from before the refresh', 'first'));
      await d.step(verifySessionWith('verify-session, the new access token', 'second'));
      await d.step(refreshWith('refresh with the first refresh token again (a replay)', 'first'));
      await d.step(verifySessionWith('verify-session after the replay, new access token', 'second'));
      await d.step({ name: 'me after the replay', method: 'GET', path: '/auth/me', auth: bearerOf('second') });
      await d.step(refreshWith('refresh with the newest refresh token after the replay', 'second'));
    },
  },
  {
    name: 'session-refresh-with-access-token',
    description: "an access token sent as the refresh token is a replay too (the session's newest refresh token is another)",
    async run(d) {
      await d.step(loginKeeping('first'));
      await d.step({
        name: 'refresh with the access token',
        method: 'POST',
        path: '/auth/refresh-token',
        auth: 'none',
        body: (ctx) => ({ refreshToken: ctx.vars.firstAccess }),
      });
      await d.step(verifySessionWith('verify-session after it', 'first'));
      await d.step({
        name: 'the refresh token as a bearer',
        method: 'GET',
        path: '/auth/verify-session',
        auth: (ctx) => `Bearer ${String(ctx.vars.firstRefresh)}`,
      });
    },
  },
  {
    name: 'session-logout',
    description: 'logout and logout-all end sessions: every token of them is refused, their refresh tokens find no session',
    async run(d) {
      await d.step(loginKeeping('a'));
      await d.step(loginKeeping('b'));
      await d.step(loginKeeping('c'));
      await d.step(refreshWith('refresh session a', 'a', 'a2'));
      await d.step({ name: 'logout session a (its first access token)', method: 'POST', path: '/auth/logout', auth: bearerOf('a') });
      await d.step(verifySessionWith('verify-session a, its refreshed access token', 'a2'));
      await d.step(refreshWith('refresh session a after logout', 'a2'));
      await d.step(verifySessionWith('verify-session b', 'b'));
      await d.step({ name: 'logout-all without credentials', method: 'POST', path: '/auth/logout-all', auth: 'none' });
      await d.step({ name: 'logout-all from session c', method: 'POST', path: '/auth/logout-all', auth: bearerOf('c') });
      await d.step(verifySessionWith('verify-session b after logout-all', 'b'));
      await d.step(verifySessionWith('verify-session c after logout-all', 'c'));
      await d.step(refreshWith('refresh session b after logout-all', 'b'));
    },
  },
  {
    name: 'session-pre-mfa-refresh',
    description: 'a pre-MFA session refreshed stays pre-MFA; the MFA step renews its refresh token (the pre-MFA one is then a replay)',
    async run(d) {
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(loginKeeping('pre'));
      await d.observe('claims of the pre-MFA access token', claimsOf('pre'));
      await d.step(refreshWith('refresh the pre-MFA session', 'pre', 'pre2'));
      await d.observe('claims of the refreshed pre-MFA access token', claimsOf('pre2'));
      await d.step(verifySessionWith('verify-session, refreshed pre-MFA token', 'pre2'));
      await d.step({
        name: 'toggle with the refreshed pre-MFA token',
        method: 'POST',
        path: '/auth/mfa/toggle',
        body: { enabled: true },
        auth: bearerOf('pre2'),
      });
      await d.step(challenge('challenge email', { method: 'email' }));
      await d.step({
        ...verify('verify email right code', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx) })),
        auth: bearerOf('pre2'),
        after: keepTokens('full'),
      });
      await d.observe('claims after the MFA step', claimsOf('full'));
      await d.step(refreshWith('refresh with the pre-MFA refresh token after the MFA step', 'pre2'));
      await d.step(verifySessionWith('verify-session, the MFA step access token', 'full'));
    },
  },
  {
    name: 'session-refresh-inactive',
    description: "a refresh of a deactivated user's session (oracle: isActive false; mock: admin lock) ends it",
    async run(d) {
      await d.step(loginKeeping('first'));
      await d.deactivateUser();
      await d.step(refreshWith('refresh while inactive', 'first'));
      await d.deactivateUser(true);
      await d.step(verifySessionWith('verify-session reactivated', 'first'));
      await d.step(refreshWith('refresh reactivated', 'first'));
    },
  },
  {
    name: 'challenge',
    description: `${challengeFlow.description}; what each side delivered`,
    async run(d) {
      await challengeFlow.run(d);
      await d.observe('delivered after all challenges', delivered(d));
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
    name: 'login-credentials',
    description: 'login with credentials the email provider refuses: a blank or non-string e-mail, a non-string password',
    async run(d) {
      const loginWith = (name: string, credentials: (ctx: SideContext) => Record<string, unknown>): Step => ({
        name,
        method: 'POST',
        path: '/auth/login',
        body: (ctx) => ({ providerName: 'email', credentials: credentials(ctx) }),
        auth: 'none',
      });
      await d.step(loginWith('blank e-mail', (ctx) => ({ email: '   ', password: ctx.password })));
      await d.step(loginWith('e-mail a number', (ctx) => ({ email: 5, password: ctx.password })));
      await d.step(loginWith('e-mail an object', (ctx) => ({ email: { address: ctx.email }, password: ctx.password })));
      await d.step(loginWith('password a number', (ctx) => ({ email: ctx.email, password: 12345678 })));
      await d.step(loginWith('e-mail in capitals, padded', (ctx) => ({ email: `  ${ctx.email.toUpperCase()} `, password: ctx.password })));
    },
  },
  {
    name: 'null-optional-fields',
    description: 'null in the optional fields of login, verify and setup-totp (class-validator @IsOptional skips null); a tenantId where tenants are off',
    async run(d) {
      const loginBody = (ctx: SideContext, extra: Record<string, unknown>) => ({
        providerName: 'email',
        credentials: { email: ctx.email, password: ctx.password },
        ...extra,
      });
      const loginStep = (name: string, extra: Record<string, unknown>): Step => ({
        name,
        method: 'POST',
        path: '/auth/login',
        body: (ctx) => loginBody(ctx, extra),
        auth: 'none',
      });
      await d.step(
        loginStep('login, rememberMe/tenantId/guard/createUserIfNotExists null', {
          rememberMe: null,
          tenantId: null,
          guard: null,
          createUserIfNotExists: null,
        }),
      );
      await d.step(loginStep('login, providerName null', { providerName: null }));
      await d.step(loginStep('login, a tenantId', { tenantId: '4b3c9c9c-0000-4d1e-8d9f-00000000ada1' }));
      await d.step(loginStep('login, rememberMe a string', { rememberMe: 'yes' }));
      await d.step({ name: 'setup-totp, label and deviceName null', method: 'POST', path: '/auth/mfa/setup-totp', body: { label: null, deviceName: null } });
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login (MFA on)'));
      await d.step(challenge('challenge email', { method: 'email' }));
      await d.step(verify('verify, trustDevice null', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx), trustDevice: null })));
    },
  },
  {
    name: 'email-code-attempts',
    description: 'login e-mail code: a blank code, five wrong codes (otp.maxAttempts), then the right one, then a new challenge',
    async run(d) {
      await d.step(toggle('toggle on', { enabled: true }));
      await d.step(login('login (MFA on)'));
      await d.step(challenge('pre-MFA: challenge email', { method: 'email' }));
      await d.step(verify('verify a blank code', () => ({ method: 'email', otp: '   ' })));
      for (const attempt of [1, 2, 3, 4, 5]) await d.step(verify(`verify wrong code ${attempt}`, () => ({ method: 'email', otp: '000000' })));
      await d.step(verify('verify the right code after five wrong ones', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx) })));
      await d.step(challenge('challenge email again', { method: 'email' }));
      await d.step(verify('verify the new code', async (ctx) => ({ method: 'email', otp: await d.lastSentCode(ctx) })));
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
        verifyTotpSetup('seed verify-totp-setup', (ctx) => ctx.nextTotp(secretOf(ctx))),
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
      await d.step(verify('verify totp right code', async (ctx) => ({ method: 'totp', otp: await ctx.nextTotp(secretOf(ctx)) })));
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
      await d.step(verifyRecoveryCode('verify-recovery-code (MFA is required)', { code: 'not-a-recovery-code' }));
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
    name: 'mfa-disabled-user-mfa-on',
    description:
      "mfa.enabled false for a user whose own MFA is on (oracle: toggled on, then the app option; mock: scenario mfa-enabled, policy patched): sign-in's session is refused where a full one is needed, and nothing can complete it",
    setup: { mockScenario: 'mfa-enabled', mockPolicy: { enabled: false } },
    async run(d) {
      await d.seed('real', toggle('seed toggle on', { enabled: true }));
      await d.setRealMfa({ enabled: false });
      await d.step(loginKeeping('off'));
      await d.observe('claims of the access token', claimsOf('off'));
      await d.step(status('status'));
      await d.step(setupTotp('setup-totp'));
      await d.step(toggle('toggle off', { enabled: false }));
      await d.step(verify('verify email', () => ({ method: 'email', otp: '000000' })));
      await d.step(verifySessionWith('verify-session', 'off'));
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
];

export const flows: Flow[] = [...nestAuthFlows.filter((flow) => flow.name !== challengeFlow.name), ...oracleOnlyFlows];
