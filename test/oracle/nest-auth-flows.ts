import { secretOf } from '../../src/conformance/catalogue-flow.js';
import { challengeFlow, nestAuthFlows } from '../../src/conformance/catalogues/nest-auth-flows.js';
import {
  challenge,
  devices,
  generateRecoveryCodes,
  login,
  setupTotp,
  status,
  toggle,
  verify,
  verifyRecoveryCode,
  verifyTotpSetup,
} from '../../src/conformance/catalogues/nest-auth-steps.js';
import type { Step } from '../../src/conformance/catalogue-flow.js';
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

const oracleOnlyFlows: Flow[] = [
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
