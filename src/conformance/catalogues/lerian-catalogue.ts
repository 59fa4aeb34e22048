import { recoveryCodeOf, secretOf, type SideContext, type Step } from '../catalogue-flow.js';
import type { SurfaceCatalogue } from '../surface-catalogue.js';
import { wrongTotp } from '../totp-codes.js';
import { bearerSignIn } from './bearer-sign-in.js';

/** Lerian Identity: an operator's bearer token and the managed user's id; app codes computed from the secret handed out. */

const mfa = (ctx: SideContext, rest = '') => `/v1/users/${ctx.userId ?? ''}/mfa${rest}`;
const status = (name: string): Step => ({ name, method: 'GET', path: (ctx) => mfa(ctx) });
const verify = (name: string, passcode: (ctx: SideContext) => string | Promise<string>): Step => ({
  name,
  method: 'POST',
  path: (ctx) => mfa(ctx, '/verify'),
  body: async (ctx) => ({ mfaType: 'app', secret: secretOf(ctx), passcode: await passcode(ctx) }),
});

export const lerianCatalogue: SurfaceCatalogue = {
  surface: 'lerian',
  covers:
    'status; app (TOTP) setup, passcode verification with a wrong and a right code, enabling it with a recovery code ' +
    'setup handed out; preferred method; disable; ' +
    'a missing token, an unknown token, an unknown user. Not covered: e-mail and SMS setup (a mailbox, a phone).',
  flows: [
    {
      name: 'status',
      description: 'status of a user with nothing set up',
      async run(d) {
        await d.step(status('status (nothing set up)'));
      },
    },
    {
      name: 'app-setup',
      description: 'app setup, a wrong and a right passcode, enable with a recovery code, the preferred method, disable',
      async run(d) {
        await d.step({
          name: 'setup app',
          method: 'POST',
          path: (ctx) => mfa(ctx, '/setup'),
          body: { mfaType: 'app' },
          after: (ctx, answer) => {
            const { secret, recoveryCodes } = (answer.body ?? {}) as { secret?: unknown; recoveryCodes?: unknown };
            if (typeof secret === 'string') ctx.vars.secret = secret;
            if (Array.isArray(recoveryCodes)) ctx.vars.recoveryCodes = recoveryCodes.filter((code) => typeof code === 'string');
          },
        });
        await d.step(verify('verify wrong passcode', (ctx) => wrongTotp(secretOf(ctx))));
        await d.step(verify('verify right passcode', (ctx) => ctx.nextTotp(secretOf(ctx))));
        await d.step(status('status (after verification)'));
        // The documented flow ends in enable, with one of the recovery codes setup handed out: without it, preferred
        // and disable below only compared the two sides' "method not enabled" errors.
        await d.step({
          name: 'enable app',
          method: 'POST',
          path: (ctx) => mfa(ctx, '/enable'),
          body: (ctx) => ({ mfaType: 'app', secret: secretOf(ctx), recoveryCode: recoveryCodeOf(ctx, 0) }),
        });
        await d.step(status('status (enabled)'));
        await d.step({
          name: 'preferred app',
          method: 'PATCH',
          path: (ctx) => mfa(ctx, '/preferred'),
          body: (ctx) => ({ mfaType: 'app', secret: secretOf(ctx) }),
        });
        await d.step({ name: 'disable app', method: 'POST', path: (ctx) => mfa(ctx, '/disable'), body: { mfaType: 'app' } });
        await d.step(status('status (disabled)'));
      },
    },
    {
      name: 'errors',
      description: 'a missing token, an unknown token, an unknown user',
      async run(d) {
        await d.step({ ...status('no authorization'), auth: 'none' });
        await d.step({ ...status('unknown token'), auth: 'Bearer not-a-token' });
        await d.step({ name: 'unknown user', method: 'GET', path: '/v1/users/00000000-0000-7000-8000-000000000000/mfa' });
      },
    },
  ],
  accepted: [],
  // John Doe of the docs, managed with the operator's token (scenario `default`).
  sandboxUser: { email: 'johndoe@example.com', password: '', token: 'lerian-token-operator', userId: '019c96a0-0c21-71f9-a487-66a1258278a1' },
  signIn: bearerSignIn('lerian', true),
};
