import { secretOf, type Step } from '../catalogue-flow.js';
import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { wrongTotp } from '../totp-codes.js';
import { bearerSignIn } from './bearer-sign-in.js';

/** Flashback platform API: a bearer token of the test user; GOOGLE_AUTH codes computed from the secret handed out. */

const status: Step = { name: 'status', method: 'GET', path: '/mfa/status' };
const setup: Step = {
  name: 'setup GOOGLE_AUTH',
  method: 'POST',
  path: '/mfa/setup',
  body: { mfaType: 'GOOGLE_AUTH' },
  after: (ctx, answer) => {
    const secret = (answer.body as { data?: { secret?: unknown } } | undefined)?.data?.secret;
    if (typeof secret === 'string') ctx.vars.secret = secret;
  },
};
const verifySetup = (name: string, code: Step['body']): Step => ({ name, method: 'POST', path: '/mfa/verify-setup', body: code });

export const flashbackCatalogue: SurfaceCatalogue = {
  surface: 'flashback',
  covers:
    'status and available methods; GOOGLE_AUTH setup verified with a wrong, a right and a reused code; disable and ' +
    'enable; a login verification with a wrong and a right code; missing and unknown tokens, an unknown mfaType, ' +
    'a verification without a code. Not covered: passkeys and magic links (a browser and a mailbox), organisation ' +
    'enforcement (changes the whole organisation).',
  flows: [
    {
      name: 'status',
      description: 'status and available methods of a user with nothing set up',
      async run(d) {
        await d.step({ ...status, name: 'status (nothing set up)' });
        await d.step({ name: 'methods', method: 'GET', path: '/mfa/methods' });
      },
    },
    {
      name: 'totp-setup',
      description: 'GOOGLE_AUTH setup, verified with a wrong, a right and a reused code; a login verified with a wrong and a right code',
      async run(d) {
        await d.step(setup);
        await d.step(verifySetup('verify-setup wrong code', (ctx) => ({ mfaType: 'GOOGLE_AUTH', code: wrongTotp(secretOf(ctx)) })));
        await d.step(verifySetup('verify-setup right code', async (ctx) => ({ mfaType: 'GOOGLE_AUTH', code: await ctx.nextTotp(secretOf(ctx)) })));
        await d.step(verifySetup('verify-setup reused code', (ctx) => ({ mfaType: 'GOOGLE_AUTH', code: ctx.lastTotp(secretOf(ctx)) })));
        await d.step({ ...status, name: 'status (GOOGLE_AUTH enrolled)' });
        await d.step({
          name: 'verify-login wrong code',
          method: 'POST',
          path: '/mfa/verify-login',
          body: (ctx) => ({ mfaType: 'GOOGLE_AUTH', code: wrongTotp(secretOf(ctx)) }),
        });
        await d.step({
          name: 'verify-login right code',
          method: 'POST',
          path: '/mfa/verify-login',
          body: async (ctx) => ({ mfaType: 'GOOGLE_AUTH', code: await ctx.nextTotp(secretOf(ctx)) }),
        });
      },
    },
    {
      name: 'enable-disable',
      description: 'disable GOOGLE_AUTH, then enable it again',
      async run(d) {
        await d.step({ name: 'disable', method: 'POST', path: '/mfa/disable', body: { mfaType: 'GOOGLE_AUTH' } });
        await d.step({ ...status, name: 'status (disabled)' });
        await d.step({ name: 'enable', method: 'POST', path: '/mfa/enable', body: { mfaType: 'GOOGLE_AUTH' } });
        await d.step({ ...status, name: 'status (enabled)' });
      },
    },
    {
      name: 'errors',
      description: 'missing and unknown tokens, an unknown mfaType, a verification without a code',
      async run(d) {
        await d.step({ ...status, name: 'no authorization', auth: 'none' });
        await d.step({ ...status, name: 'unknown token', auth: 'Bearer not-a-token' });
        await d.step({ ...setup, name: 'setup unknown mfaType', body: { mfaType: 'CARRIER_PIGEON' }, after: undefined });
        await d.step(verifySetup('verify-setup without code', { mfaType: 'GOOGLE_AUTH' }));
      },
    },
  ],
  accepted: [],
  // Ada of the scenario the run uses (default: `default`), with her fixed token.
  sandboxUser: { email: 'ada@example.com', password: '', token: 'flashback-token-ada' },
  signIn: bearerSignIn('flashback', false),
};
