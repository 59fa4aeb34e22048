import type { SurfaceDescriptor } from '../surface-descriptor.js';
import { BEARER_NOT_ACCESS_KEYS, ID_NOT_ALIASES, FLASHBACK_IGNORED_POLICY, TOKEN_NOT_PASSWORD } from '../ignored-world-fields.js';
import { flashbackSurface, factorNames, RELYING_PARTY } from './flashback-surface.js';

/** Flashback platform API: `/mfa/*` (seeds 000, 003). */
export const flashback = {
  id: 'flashback',
  vendor: 'Flashback platform API',
  behaviour: flashbackSurface,
  factorNames,
  generatedUserIds: 'prefixed',
  providerStateUser: 'usr_ada',
  ignoredWorldFields: {
    world: { accessKeys: BEARER_NOT_ACCESS_KEYS },
    user: { password: TOKEN_NOT_PASSWORD, aliases: ID_NOT_ALIASES },
    policy: FLASHBACK_IGNORED_POLICY,
  },
  recoveryCodesNeedTotp: 'flashback takes a recovery code only in place of a TOTP code (POST /mfa/verify-login with mfaType GOOGLE_AUTH)',
  totpEnrolment: {
    start: {
      path: () => '/mfa/setup',
      body: { mfaType: 'GOOGLE_AUTH' },
      secret: (answer) => answer.data.secret,
      recoveryCode: (answer) => answer.data.backupCodes[0],
    },
    verify: { path: () => '/mfa/verify-setup', body: (_secret, code) => ({ mfaType: 'GOOGLE_AUTH', code }) },
  },
  relyingParty: RELYING_PARTY,
} as const satisfies SurfaceDescriptor<'flashback'>;
